-- Senders claim outbox rows, and the scheduler remembers the items it failed on
-- (issue 6, item 16).
--
-- A sender claims due rows for a while in one short statement (select … for update
-- skip locked, then claimed_by and claimed_until set), sends outside any
-- transaction, and writes the result only while the claim is still its own. Two
-- processes never hold the same row; a crashed sender's claims run out at
-- claimed_until and the rows are sent by the next one.
alter table notifications add column claimed_by text, add column claimed_until timestamptz;
alter table upstream_callbacks add column claimed_by text, add column claimed_until timestamptz;

-- Items (tickets, …) a scheduler job failed on. They are tried again every tick,
-- after every other item of the job, so a few that always fail never fill the
-- batch; a success removes the row. Also what an operator reads to find them.
create table scheduler_failures (
  job             text not null,
  item_id         text not null,
  failures        integer not null,
  last_error      text not null,
  first_failed_at timestamptz not null,
  last_failed_at  timestamptz not null,
  primary key (job, item_id)
);

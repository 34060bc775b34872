-- The two-way thread between a portal applicant and the staff handling their
-- request (issue 8, "My requests"), owned by modules/requests. Each message is
-- also a `message.posted` event on the ticket's hash-chained trail (with the
-- body's SHA-256), so the thread is on the record like every other step.
create table ticket_messages (
  id          uuid primary key default gen_random_uuid(),
  ticket_id   uuid not null references tickets(id),
  author_kind text not null check (author_kind in ('citizen', 'staff')),
  author_id   uuid not null,
  -- Staff display name, for the staff side; the applicant is shown the unit, never a name.
  author_name text,
  body        text not null,
  created_at  timestamptz not null
);
create index ticket_messages_ticket on ticket_messages (ticket_id, created_at);

-- A portal request is created by a citizen (created_by_kind = 'citizen'), whose id
-- is in citizens, not accounts: created_by names an account or a citizen as
-- created_by_kind says, so it can no longer reference accounts alone.
alter table tickets drop constraint if exists tickets_created_by_fkey;

-- Platforms above (upstream): status callbacks, delivered after commit and retried.
-- Attachments use ticket_attachments from 0002. Queue indexes for the dispatcher board.

-- Outbox of status callbacks to an upstream client's callback_url. Written in the
-- ticket's transaction; a sender posts them after commit, so a failing client
-- never undoes a status change. `id` orders the callbacks of one ticket.
create table upstream_callbacks (
  id              bigserial primary key,
  client_id       uuid not null references upstream_clients (id),
  ticket_id       uuid not null references tickets (id),
  payload         jsonb not null,
  state           text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz not null
);
create index upstream_callbacks_pending on upstream_callbacks (next_attempt_at) where state = 'pending';
create index upstream_callbacks_ticket on upstream_callbacks (ticket_id, id) where state = 'pending';

-- The dispatcher board and the unit queue (bench/queues.ts, 1,000,000 tickets): each
-- queue is a small slice of a table where most tickets are closed, and each query
-- asks for the first page (priority first, then oldest) and the queue's size. One
-- partial index per queue, with the queue's filter as its predicate and the page
-- order as its key: the page is read in order and stops after 50 rows. The scope
-- columns are included so that counting the queue is an index-only scan. Without
-- them the page sorts and the count visits every matching heap row (or, for the
-- due-state, bounced and supervised queues, which no index served, the whole table).
create index tickets_queue_unassigned on tickets (is_priority desc, created_at)
  include (region_path, unit_region_path, assignee_id)
  where status in ('submitted', 'accepted');
create index tickets_queue_due_soon on tickets (is_priority desc, created_at)
  include (region_path, unit_region_path, assignee_id)
  where due_state = 'due_soon' and status in ('submitted', 'accepted', 'assigned', 'in_progress', 'suspended');
create index tickets_queue_overdue on tickets (is_priority desc, created_at)
  include (region_path, unit_region_path, assignee_id)
  where due_state = 'overdue' and status in ('submitted', 'accepted', 'assigned', 'in_progress', 'suspended');
create index tickets_queue_bounced on tickets (is_priority desc, created_at)
  include (region_path, unit_region_path, assignee_id, status, bounce_count, is_flagged_to_lead)
  where ((bounce_count > 0 and status = 'accepted') or is_flagged_to_lead)
    and status in ('submitted', 'accepted', 'assigned', 'in_progress', 'suspended');
create index tickets_queue_supervised on tickets (is_priority desc, created_at)
  include (region_path, unit_region_path, assignee_id)
  where is_supervised;
create index tickets_queue_handling on tickets (is_priority desc, created_at)
  include (region_path, unit_region_path, assignee_id)
  where status in ('assigned', 'in_progress', 'suspended');
-- The unit queue's size: a prefix range of the unit path (the unit and the units
-- under it) instead of every handled ticket of the city.
create index tickets_queue_unit on tickets (unit_region_path text_pattern_ops)
  include (region_path, assignee_id)
  where status in ('assigned', 'in_progress', 'suspended');

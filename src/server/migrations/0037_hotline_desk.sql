-- 12348 hotline, the operator desk's actions (docs/hotline-desk.md): notes on a call, the tickets taken in or
-- resolved on the call, and the transfers an operator asked the phone system for.

-- Notes an operator (or a supervisor of the region) writes about a call. A retried note with the same
-- Idempotency-Key is stored once. `seq` orders notes written in the same instant as they were written.
create table hotline_call_notes (
  id               uuid primary key default gen_random_uuid(),
  seq              bigserial not null,
  call_ref         uuid not null references hotline_calls (id),
  author_id        uuid not null,
  text             text not null,
  idempotency_key  text,
  created_at       timestamptz not null
);
create index hotline_call_notes_call on hotline_call_notes (call_ref, seq);
create unique index hotline_call_notes_retry on hotline_call_notes (call_ref, author_id, idempotency_key) where idempotency_key is not null;

-- The tickets made from a call: taken in (intake) or a consultation answered and resolved on the call
-- (consultation, with its summary and the articles cited). One row per ticket; a retry finds it by its key.
create table hotline_call_tickets (
  call_ref         uuid not null references hotline_calls (id),
  ticket_id        uuid not null,
  kind             text not null check (kind in ('intake', 'consultation')),
  summary          text,
  citations        jsonb not null default '[]'::jsonb,
  idempotency_key  text not null,
  created_by       uuid not null,
  created_at       timestamptz not null,
  primary key (call_ref, ticket_id)
);
create unique index hotline_call_tickets_retry on hotline_call_tickets (call_ref, created_by, idempotency_key);
create index hotline_call_tickets_ticket on hotline_call_tickets (ticket_id);

-- A transfer the operator asked for (to a duty lawyer's seat); the phone system performs it and reports a
-- `transferred` event. Asking again for the same seat is the same request.
create table hotline_transfer_requests (
  id            uuid primary key default gen_random_uuid(),
  call_ref      uuid not null references hotline_calls (id),
  seat_id       uuid not null,
  extension     text not null,
  requested_by  uuid not null,
  requested_at  timestamptz not null,
  unique (call_ref, seat_id, requested_by)
);

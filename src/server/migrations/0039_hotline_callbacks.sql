-- 12348 hotline, callbacks and quality (docs/hotline-callbacks.md): callback tasks (回拨) for missed, voicemail and long
-- abandoned calls, follow-ups (回访) of resolved tickets and negative ratings; the attempts on them; the quality review
-- (质检) of a sampled share of answered calls; and each bureau's settings for both.

-- A callback task. Exactly one per call (call_ref), per follow-up task (follow_up_id) and per rated ticket (negative_rating).
-- The number to call is not copied: it is read, sealed, from the call record or the ticket.
create table hotline_callbacks (
  id              uuid primary key default gen_random_uuid(),
  kind            text not null,
  region_path     text not null,
  call_ref        uuid,
  ticket_id       uuid,
  follow_up_id    uuid,
  status          text not null,
  due_at          timestamptz not null,
  claimed_by      uuid,
  claimed_at      timestamptz,
  attempt_count   integer not null default 0,
  close_reason    text,
  closed_by       uuid,
  closed_at       timestamptz,
  survey          jsonb,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  constraint hotline_callbacks_kind check (kind in ('missed','voicemail','abandoned','follow_up','negative_rating')),
  constraint hotline_callbacks_status check (status in ('open','closed')),
  constraint hotline_callbacks_close_reason check (close_reason is null or close_reason in ('reached','wrong_number','unreachable','answered','followed_up'))
);
create unique index hotline_callbacks_call on hotline_callbacks (call_ref) where call_ref is not null;
create unique index hotline_callbacks_follow_up on hotline_callbacks (follow_up_id) where follow_up_id is not null;
create unique index hotline_callbacks_negative_rating on hotline_callbacks (ticket_id) where kind = 'negative_rating';
create index hotline_callbacks_open on hotline_callbacks (region_path, status, due_at);

-- One try at a callback. request_id makes a retried request a no-op.
create table hotline_callback_attempts (
  id            uuid primary key default gen_random_uuid(),
  callback_id   uuid not null,
  request_id    uuid not null unique,
  outcome       text not null,
  note          text,
  ticket_id     uuid,
  operator_id   uuid not null,
  at            timestamptz not null,
  constraint hotline_callback_attempts_outcome check (outcome in ('reached','no_answer','wrong_number','voicemail_left'))
);
create index hotline_callback_attempts_callback on hotline_callback_attempts (callback_id, at);

-- 质检: an answered call sampled for review, once (a call re-derived later is never sampled twice or unsampled).
create table hotline_quality_reviews (
  id            uuid primary key default gen_random_uuid(),
  call_ref      uuid not null unique,
  region_path   text not null,
  operator_id   uuid,
  status        text not null,
  scores        jsonb,
  total         numeric(5,1),
  comment       text,
  is_flagged    boolean not null default false,
  reviewer_id   uuid,
  reviewed_at   timestamptz,
  request_id    uuid,
  sampled_at    timestamptz not null,
  constraint hotline_quality_reviews_status check (status in ('pending','scored'))
);
create index hotline_quality_reviews_queue on hotline_quality_reviews (region_path, status, sampled_at);

-- A bureau's settings for callbacks, the survey and quality; the nearest region up the tree that has a row wins,
-- else the defaults in hotline-callback-settings.ts.
create table hotline_callback_settings (
  region_code   text primary key,
  region_path   text not null,
  settings      jsonb not null,
  updated_by    uuid,
  updated_at    timestamptz not null
);

-- 12348 hotline, part 1: the phone system's call events and the call records derived from them (docs/hotline.md).

-- A phone system (Asterisk, FreeSWITCH, a vendor's CTI) that posts call events; registered by an admin of its
-- region. `secret` is sealed by the personal-data protector, as upstream clients' secrets are.
create table hotline_sources (
  id           uuid primary key default gen_random_uuid(),
  name         text not null,
  api_key      text not null unique,
  secret       text not null,
  region_code  text not null,
  region_path  text not null,
  is_disabled  boolean not null default false,
  created_by   uuid,
  created_at   timestamptz not null
);

-- Signatures seen within the allowed clock skew: the same signed request sent again is a replay.
create table hotline_nonces (
  signature  text primary key,
  source_id  uuid not null,
  seen_at    timestamptz not null
);
create index hotline_nonces_seen on hotline_nonces (seen_at);

-- Every event as received, once: the phone system's own event id is the key, so a resent event is stored once.
create table hotline_events (
  id           bigserial primary key,
  source_id    uuid not null,
  event_id     text not null,
  call_id      text not null,
  type         text not null,
  occurred_at  timestamptz not null,
  payload      jsonb not null,
  received_at  timestamptz not null,
  constraint hotline_events_type check (type in ('incoming','ringing','answered','transferred','ended','missed','voicemail','recording_available'))
);
create unique index hotline_events_source_event on hotline_events (source_id, event_id);
create index hotline_events_call on hotline_events (source_id, call_id);

-- The call record, derived again from all of the call's events each time one arrives (hotline-call.ts).
create table hotline_calls (
  id               uuid primary key default gen_random_uuid(),
  source_id        uuid not null,
  call_id          text not null,
  region_path      text not null,
  caller_enc       text,
  caller_hash      text,
  arrived_at       timestamptz,
  ring_at          timestamptz,
  answered_at      timestamptz,
  ended_at         timestamptz,
  seat             text,
  operator_id      uuid,
  outcome          text,
  wait_seconds     integer,
  talk_seconds     integer,
  transfer_target  text,
  recording_url    text,
  event_count      integer not null,
  updated_at       timestamptz not null,
  constraint hotline_calls_outcome check (outcome is null or outcome in ('answered','missed','abandoned','voicemail'))
);
create unique index hotline_calls_source_call on hotline_calls (source_id, call_id);
create index hotline_calls_caller on hotline_calls (caller_hash);
create index hotline_calls_arrived on hotline_calls (region_path, arrived_at);

-- A seat (extension) of a phone system and the operator who sits at it.
create table hotline_seats (
  id           uuid primary key default gen_random_uuid(),
  source_id    uuid not null,
  extension    text not null,
  name         text not null,
  operator_id  uuid,
  region_path  text not null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null
);
create unique index hotline_seats_extension on hotline_seats (source_id, extension);
create index hotline_seats_operator on hotline_seats (operator_id);

-- An operator's state: set by the operator (ready, break) and by the calls (busy on answer, after-call work on end).
create table hotline_operator_states (
  operator_id  uuid primary key,
  state        text not null,
  call_id      text,
  since        timestamptz not null,
  constraint hotline_operator_states_state check (state in ('ready','busy','after_call_work','break'))
);

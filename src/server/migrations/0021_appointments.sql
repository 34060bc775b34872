-- 预约 (issue 8): appointments at a venue. Staff open slots per venue, window and
-- service with a capacity; a citizen signed in on the portal books one place in a
-- slot, cancels or moves it before the slot starts; staff mark who came.
--
-- `booked_count` is kept on the slot and changed only under the slot's row lock,
-- in the same transaction as the booking, so the CHECK below is the last word on
-- capacity whatever the concurrency. `region_path` is the venue's region path when
-- the slot was made: the slot's scope, as a ticket carries its own.
create table appointment_slots (
  id              uuid primary key default gen_random_uuid(),
  venue_id        uuid not null references venues (id),
  region_path     text not null,
  -- The venue window's position and name when the slot was made (venues rewrite their windows on edit).
  window_position integer,
  window_name     text,
  service_type    text not null,
  starts_at       timestamptz not null,
  ends_at         timestamptz not null,
  capacity        integer not null,
  booked_count    integer not null default 0,
  is_closed       boolean not null default false,
  created_by      uuid,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  constraint appointment_slots_time check (ends_at > starts_at),
  constraint appointment_slots_capacity check (capacity between 1 and 200),
  constraint appointment_slots_booked check (booked_count between 0 and capacity),
  constraint appointment_slots_window check ((window_position is null) = (window_name is null))
);
-- One slot per venue, window, service and start: bulk creation skips what exists.
create unique index appointment_slots_natural on appointment_slots (venue_id, coalesce(window_position, -1), service_type, starts_at);
create index appointment_slots_venue_time on appointment_slots (venue_id, starts_at);
create index appointment_slots_scope on appointment_slots (region_path text_pattern_ops, starts_at);

-- A citizen's place in a slot. Contact name and phone are sealed by the personal-data
-- protector (as a ticket's applicant data); the phone also has its lookup hash.
create table appointment_bookings (
  id                      uuid primary key default gen_random_uuid(),
  slot_id                 uuid not null references appointment_slots (id),
  citizen_id              uuid not null,
  code                    text not null unique,
  contact_name_enc        text not null,
  contact_phone_enc       text not null,
  contact_phone_hash      text not null,
  note                    text not null default '',
  status                  text not null,
  idempotency_key         text,
  idempotency_fingerprint text,
  created_at              timestamptz not null,
  rescheduled_at          timestamptz,
  cancelled_at            timestamptz,
  -- 'citizen' or 'staff' (the slot was closed).
  cancelled_by            text,
  attendance_marked_at    timestamptz,
  attendance_marked_by    uuid,
  -- When the reminder of the day before went to the outbox; cleared when the booking moves.
  reminded_at             timestamptz,
  constraint appointment_bookings_status check (status in ('booked', 'cancelled', 'attended', 'no_show'))
);
-- One active booking per citizen per slot.
create unique index appointment_bookings_active on appointment_bookings (slot_id, citizen_id) where status = 'booked';
create unique index appointment_bookings_idempotency on appointment_bookings (citizen_id, idempotency_key) where idempotency_key is not null;
create index appointment_bookings_citizen on appointment_bookings (citizen_id, created_at desc);
create index appointment_bookings_slot on appointment_bookings (slot_id);
-- The reminder job's probe: active bookings not yet reminded.
create index appointment_bookings_to_remind on appointment_bookings (slot_id) where status = 'booked' and reminded_at is null;

-- 12348 hotline, part 3: the duty roster (值班表, docs/hotline-roster.md). Shifts of operators and duty lawyers at a
-- hotline seat or at a venue; coverage rules per region; the gap warnings already sent. Dispatch's "on duty" is read
-- from these shifts, so the per-account flag of 0003 goes.

create table hotline_shifts (
  id            uuid primary key default gen_random_uuid(),
  account_id    uuid not null,
  role          text not null,
  seat_id       uuid,
  venue_id      uuid,
  -- The seat's or venue's region: the shift's scope, without a join.
  region_path   text not null,
  starts_at     timestamptz not null,
  ends_at       timestamptz not null,
  created_by    uuid,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  constraint hotline_shifts_role check (role in ('operator', 'duty_lawyer')),
  constraint hotline_shifts_place check ((seat_id is null) <> (venue_id is null)),
  constraint hotline_shifts_order check (ends_at > starts_at),
  constraint hotline_shifts_length check (ends_at - starts_at <= interval '24 hours')
);
create index hotline_shifts_person on hotline_shifts (account_id, starts_at);
create index hotline_shifts_scope on hotline_shifts (region_path text_pattern_ops, starts_at);

-- How many people the 12348 line of a region needs on shift at every moment, per role (none: 1 operator, 0 lawyers).
create table hotline_coverage_rules (
  region_code   text not null,
  region_path   text not null,
  role          text not null,
  min_count     integer not null,
  updated_by    uuid,
  updated_at    timestamptz not null,
  primary key (region_code, role),
  constraint hotline_coverage_rules_role check (role in ('operator', 'duty_lawyer')),
  constraint hotline_coverage_rules_count check (min_count between 0 and 50)
);

-- Each gap warned of, once: a gap found again (grown as the look-ahead moves on, or split by a new shift) overlaps
-- its row here and is not warned again; the row's end follows the gap's.
create table hotline_gap_warnings (
  id            bigserial primary key,
  region_code   text not null,
  role          text not null,
  starts_at     timestamptz not null,
  ends_at       timestamptz not null,
  warned_at     timestamptz not null
);
create index hotline_gap_warnings_gap on hotline_gap_warnings (region_code, role, ends_at);

-- The manual "on duty" switch is gone: the roster says who is on shift now (docs/hotline-roster.md, "Dispatch").
alter table accounts drop column is_on_duty;

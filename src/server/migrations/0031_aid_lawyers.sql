-- 法律援助律师库 (issue 10, part 4): the lawyers a county's legal aid center has approved
-- to take assignments, with the fields they are approved for, the day they began
-- practising (Legal Aid Law Art. 26: three years of related practice for life-sentence
-- and death-penalty cases), and their standing (approved, suspended, removed) with the
-- reason. One row per lawyer account and center. Workload and ratings are read from
-- aid_cases, not stored. aid_lawyer_events is the pool entry's history (who approved,
-- changed, suspended, reinstated or removed it, when, why); every change is also in
-- the audit log.
create table aid_lawyers (
  id                 uuid primary key default gen_random_uuid(),
  account_id         uuid not null references accounts (id),
  center_region_code text not null,
  center_region_path text not null,
  fields             text[] not null,
  practice_since     date not null,
  license_no         text,
  status             text not null,
  status_reason      text,
  approved_by        uuid,
  approved_at        timestamptz not null,
  updated_at         timestamptz not null,
  constraint aid_lawyers_status check (status in ('approved', 'suspended', 'removed')),
  constraint aid_lawyers_fields check (cardinality(fields) > 0),
  constraint aid_lawyers_one_per_center unique (center_region_code, account_id)
);
create index aid_lawyers_scope on aid_lawyers (center_region_path text_pattern_ops, status);

create table aid_lawyer_events (
  id            uuid primary key default gen_random_uuid(),
  seq           bigint generated always as identity,
  aid_lawyer_id uuid not null references aid_lawyers (id),
  type          text not null,
  reason        text,
  detail        jsonb not null default '{}'::jsonb,
  actor_id      uuid,
  at            timestamptz not null,
  constraint aid_lawyer_events_type check (type in ('approve', 'update', 'suspend', 'reinstate', 'remove'))
);
create index aid_lawyer_events_of on aid_lawyer_events (aid_lawyer_id, seq);

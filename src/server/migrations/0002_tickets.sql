-- Unified tickets (工单): intake from every channel, dispatch, deadlines, supervision,
-- follow-up and rating, on a tamper-evident audit trail.

-- Working-day calendar: one row per year, the State Council's arrangement (editable by admins).
create table holiday_years (
  year       text primary key check (year ~ '^\d{4}$'),
  data       jsonb not null,
  updated_at timestamptz not null default now()
);

-- 一次性告知: the materials each service type requires, told once at intake.
create table material_checklists (
  service_type text primary key,
  items        jsonb not null default '[]',
  updated_at   timestamptz not null default now()
);

-- Per service type: deadlines per step and whether dispatch runs by itself.
create table service_settings (
  service_type        text primary key,
  is_auto_dispatch    boolean not null default false,
  -- [{step, amount, unit: 'hours' | 'working_days'}]
  deadlines           jsonb not null default '[]',
  updated_at          timestamptz not null default now()
);

-- Race-free numbering: one counter row per (region, day) prefix.
create table ticket_number_counters (
  prefix text primary key,
  last   integer not null
);

create table tickets (
  id                  uuid primary key default gen_random_uuid(),
  number              text not null unique,
  channel             text not null check (channel in ('window', 'hotline', 'portal', 'wechat', 'kiosk', 'upstream', 'referral')),
  service_type        text not null,
  category            text not null,
  region_code         text not null references regions (code),
  region_path         text not null,
  applicant_name      text not null,
  -- Personal data: encrypted for display to those who need it, keyed hashes for lookup.
  applicant_phone_enc text,
  applicant_phone_hash text,
  applicant_id_enc    text,
  applicant_id_hash   text,
  applicant_gender    text check (applicant_gender in ('male', 'female', 'unknown')),
  applicant_age_group text,
  special_groups      text[] not null default '{}',
  is_priority         boolean not null default false,
  counterparty        jsonb,
  description         text not null,
  preferred_contact   text,
  language            text not null default 'zh',
  materials_provided  text[] not null default '{}',
  status              text not null,
  unit_region_code    text references regions (code),
  unit_region_path    text,
  assignee_id         uuid references accounts (id),
  first_responder_id  uuid references accounts (id),
  bounce_count        integer not null default 0,
  is_flagged_to_lead  boolean not null default false,
  suspended_from      text,
  resolved_at         timestamptz,
  merged_into_id      uuid references tickets (id),
  -- Deadline state denormalized for the queues: the earliest running deadline.
  next_due_at         timestamptz,
  due_state           text not null default 'ok' check (due_state in ('ok', 'due_soon', 'overdue')),
  is_supervised       boolean not null default false,
  created_by          uuid references accounts (id),
  created_by_kind     text not null,
  idempotency_key     text,
  upstream_client_id  uuid,
  upstream_ref        text,
  created_at          timestamptz not null,
  updated_at          timestamptz not null
);
create unique index tickets_idempotency on tickets (created_by_kind, coalesce(created_by::text, upstream_client_id::text, ''), idempotency_key) where idempotency_key is not null;
create index tickets_region_path on tickets (region_path text_pattern_ops);
create index tickets_unit_path on tickets (unit_region_path text_pattern_ops);
create index tickets_queue on tickets (status, is_priority desc, created_at);
create index tickets_assignee on tickets (assignee_id, status) where assignee_id is not null;
create index tickets_phone on tickets (applicant_phone_hash) where applicant_phone_hash is not null;
create index tickets_id_hash on tickets (applicant_id_hash) where applicant_id_hash is not null;
create index tickets_due on tickets (next_due_at) where next_due_at is not null;
create index tickets_created on tickets (created_at desc);

-- The audit trail (全程留痕): append-only, each event chained to the ticket's previous one.
create table ticket_events (
  id          bigserial primary key,
  ticket_id   uuid not null references tickets (id),
  seq         integer not null,
  at          timestamptz not null,
  actor_kind  text not null,
  actor_id    uuid,
  actor_name  text,
  type        text not null,
  data        jsonb not null default '{}',
  prev_hash   text not null,
  hash        text not null,
  unique (ticket_id, seq)
);

create trigger ticket_events_append_only
  before update or delete on ticket_events
  for each row execute function refuse_audit_change();
create trigger ticket_events_no_truncate
  before truncate on ticket_events
  for each statement execute function refuse_audit_change();

-- Deadlines (限时办结): several can run on one ticket; suspension pauses them.
create table ticket_deadlines (
  id         uuid primary key default gen_random_uuid(),
  ticket_id  uuid not null references tickets (id),
  step       text not null,
  amount     integer not null,
  unit       text not null check (unit in ('hours', 'working_days')),
  started_at timestamptz not null,
  due_at     timestamptz not null,
  paused_at  timestamptz,
  state      text not null default 'running' check (state in ('running', 'paused', 'met', 'cancelled')),
  due_soon_at timestamptz,
  overdue_at  timestamptz,
  met_at     timestamptz,
  unique (ticket_id, step)
);
create index ticket_deadlines_running on ticket_deadlines (due_at) where state = 'running';

create table ticket_links (
  ticket_id  uuid not null references tickets (id),
  related_id uuid not null references tickets (id),
  kind       text not null check (kind in ('related', 'became', 'duplicate')),
  created_at timestamptz not null,
  primary key (ticket_id, related_id)
);

create table ticket_attachments (
  id          uuid primary key default gen_random_uuid(),
  ticket_id   uuid not null references tickets (id),
  file_name   text not null,
  media_type  text not null,
  size        integer not null,
  sha256      text not null,
  storage_key text not null,
  created_by  uuid,
  created_at  timestamptz not null
);
create index ticket_attachments_ticket on ticket_attachments (ticket_id);

-- 督办: a supervisor's order on a ticket; the handler must respond.
create table supervision_orders (
  id           uuid primary key default gen_random_uuid(),
  ticket_id    uuid not null references tickets (id),
  issued_by    uuid references accounts (id),
  is_automatic boolean not null default false,
  reason       text not null,
  due_at       timestamptz not null,
  response     text,
  responded_by uuid references accounts (id),
  responded_at timestamptz,
  created_at   timestamptz not null
);
create index supervision_orders_ticket on supervision_orders (ticket_id);
create index supervision_orders_open on supervision_orders (due_at) where responded_at is null;

-- 回访: after resolution, by phone (an operator records it) or by message.
create table follow_ups (
  id           uuid primary key default gen_random_uuid(),
  ticket_id    uuid not null references tickets (id),
  method       text not null check (method in ('phone', 'message')),
  reason       text not null check (reason in ('after_resolution', 'low_rating', 'unrated')),
  is_mandatory boolean not null default false,
  -- Who should do it: operators, or supervisors for a low rating.
  role         text not null,
  due_at       timestamptz not null,
  outcome      text,
  is_satisfied boolean,
  done_by      uuid references accounts (id),
  done_at      timestamptz,
  created_at   timestamptz not null
);
create index follow_ups_open on follow_ups (due_at) where done_at is null;
create index follow_ups_ticket on follow_ups (ticket_id);

-- 满意度评价: one rating per ticket.
create table ticket_ratings (
  ticket_id  uuid primary key references tickets (id),
  attitude   smallint not null check (attitude between 1 and 5),
  speed      smallint not null check (speed between 1 and 5),
  policy     smallint not null check (policy between 1 and 5),
  expertise  smallint not null check (expertise between 1 and 5),
  comment    text,
  rated_by_kind text not null,
  created_at timestamptz not null
);

-- Outbox: every message the citizen should get; sent, and retried, after commit.
create table notifications (
  id              uuid primary key default gen_random_uuid(),
  ticket_id       uuid references tickets (id),
  channel         text not null check (channel in ('sms', 'wechat', 'in_app', 'dev')),
  recipient       text not null,
  template        text not null,
  payload         jsonb not null default '{}',
  state           text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz not null
);
create index notifications_pending on notifications (next_attempt_at) where state = 'pending';

-- Platforms above that send tickets down (channel 'upstream'), HMAC-signed.
create table upstream_clients (
  id           uuid primary key default gen_random_uuid(),
  name         text not null,
  api_key      text not null unique,
  secret       text not null,
  callback_url text,
  region_code  text not null references regions (code),
  is_disabled  boolean not null default false,
  created_at   timestamptz not null
);

-- Secrets the platform makes for itself (e.g. the personal-data key when
-- SANTAI_DATA_KEY is not set).
create table platform_secrets (
  name       text primary key,
  value      text not null,
  created_at timestamptz not null default now()
);

-- Scheduler leases, so several server processes run each job once.
create table scheduler_leases (
  job        text primary key,
  holder     text not null,
  expires_at timestamptz not null
);

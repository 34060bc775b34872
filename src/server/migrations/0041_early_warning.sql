-- 矛盾纠纷预警 (docs/early-warning.md): clusters of tickets found by the scan (the same counterparty named by several
-- people, a village's burst in one category, a township's category spiking), each handled like a task by the
-- township's office and its mediation committee: open → acknowledged → handling → closed.

create table early_warning_alerts (
  id                 uuid primary key default gen_random_uuid(),
  kind               text not null,
  -- The cluster's identity across scans: counterparty:<key>, place:<village>:<category>, spike:<township>:<category>.
  key                text not null,
  region_code        text not null,
  region_path        text not null,
  category           text,
  counterparty_name  text,
  window_start       timestamptz not null,
  window_end         timestamptz not null,
  ticket_count       integer not null,
  applicant_count    integer not null,
  baseline           jsonb,
  severity           text not null,
  state              text not null,
  -- The closed alert of the same key this one follows (new tickets came after its closure).
  previous_id        uuid references early_warning_alerts (id),
  acknowledged_by    uuid,
  acknowledged_at    timestamptz,
  handling_by        uuid,
  handling_at        timestamptz,
  closed_by          uuid,
  closed_at          timestamptz,
  created_at         timestamptz not null,
  updated_at         timestamptz not null,
  -- The last scan that found the cluster.
  last_seen_at       timestamptz not null,
  constraint early_warning_alerts_kind check (kind in ('counterparty','place','spike')),
  constraint early_warning_alerts_severity check (severity in ('low','medium','high')),
  constraint early_warning_alerts_state check (state in ('open','acknowledged','handling','closed'))
);
-- At most one alert per key is not closed: the scan updates it instead of adding another.
create unique index early_warning_alerts_live_key on early_warning_alerts (key) where state <> 'closed';
create index early_warning_alerts_key on early_warning_alerts (key, created_at desc);
create index early_warning_alerts_scope on early_warning_alerts (region_path text_pattern_ops, state, created_at desc);

-- The tickets behind an alert (added as later scans find more).
create table early_warning_alert_tickets (
  alert_id   uuid not null references early_warning_alerts (id),
  ticket_id  uuid not null,
  added_at   timestamptz not null,
  primary key (alert_id, ticket_id)
);

-- Who the alert went to: the township office's staff, its mediation committees (and their mediators).
create table early_warning_alert_recipients (
  alert_id      uuid not null references early_warning_alerts (id),
  account_id    uuid,
  committee_id  uuid,
  reason        text not null,
  constraint early_warning_alert_recipients_reason check (reason in ('office','committee')),
  constraint early_warning_alert_recipients_one check ((account_id is null) <> (committee_id is null))
);
create index early_warning_alert_recipients_alert on early_warning_alert_recipients (alert_id);

-- Each step of an alert's handling with its note (the audit log has them too).
create table early_warning_alert_notes (
  -- In the order taken (steps in one clock tick keep their order).
  id          bigserial primary key,
  alert_id    uuid not null references early_warning_alerts (id),
  action      text not null,
  from_state  text not null,
  to_state    text not null,
  note        text,
  actor_id    uuid,
  actor_name  text,
  at          timestamptz not null
);
create index early_warning_alert_notes_alert on early_warning_alert_notes (alert_id, at);

-- 人民调解 (issue 10, parts 5–7): committees, mediation cases on top of tickets, referrals
-- with courts, police and petition offices, and the dispute screening ledger. Owned by
-- modules/mediation. Mediation is free (People's Mediation Law Art. 4): no table here
-- has a fee, and none may get one.

-- 人民调解委员会: a village's (Art. 8), a township's (Art. 34) or an industry committee
-- (行业性、专业性, at a county or above). Its region is the scope of its cases.
create table mediation_committees (
  id           uuid primary key default gen_random_uuid(),
  name         text not null,
  kind         text not null,
  region_code  text not null references regions (code),
  region_path  text not null,
  industry     text,
  is_active    boolean not null default true,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  constraint mediation_committees_kind check (kind in ('village', 'township', 'industry')),
  constraint mediation_committees_industry check ((kind = 'industry') = (industry is not null))
);
create unique index mediation_committees_name on mediation_committees (region_code, name);
create index mediation_committees_scope on mediation_committees (region_path text_pattern_ops);

-- 人民调解案件: one per mediation ticket. `state` is the pure state machine's state
-- (mediation/mediation-case.state.ts); `region_path` is the committee's region (the
-- scope: a township's mediators see its committee's and its villages' cases, not the
-- next township's); `mediator_ids` the mediators on the case, who see it wherever they sit.
create table mediation_cases (
  id            uuid primary key default gen_random_uuid(),
  ticket_id     uuid not null unique references tickets (id),
  committee_id  uuid not null references mediation_committees (id),
  status        text not null,
  region_code   text not null,
  region_path   text not null,
  mediator_ids  uuid[] not null default '{}',
  state         jsonb not null,
  created_by    uuid,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  constraint mediation_cases_status check (status in ('applied', 'accepted', 'mediating', 'agreed', 'performed', 'failed', 'declined', 'terminated', 'archived'))
);
create index mediation_cases_scope on mediation_cases (region_path text_pattern_ops, updated_at desc);
create index mediation_cases_mediators on mediation_cases using gin (mediator_ids);

-- 诉调、公调、访调对接: a referral in (a court, the police or a petition office sends a
-- dispute; it becomes a mediation case, their reference kept, a receipt given) or out
-- (a failed mediation sent to a court, an arbitration body …). `history` is every
-- status change in order.
create table mediation_referrals (
  id                 uuid primary key default gen_random_uuid(),
  direction          text not null,
  partner_kind       text not null,
  partner_name       text not null,
  partner_reference  text,
  case_id            uuid not null references mediation_cases (id),
  region_code        text not null,
  region_path        text not null,
  status             text not null,
  reason             text not null,
  receipt_number     text,
  receipt_at         timestamptz,
  history            jsonb not null,
  created_by         uuid,
  created_at         timestamptz not null,
  updated_at         timestamptz not null,
  constraint mediation_referrals_direction check (direction in ('incoming', 'outgoing')),
  constraint mediation_referrals_status check (status in ('sent', 'received', 'accepted', 'returned', 'concluded')),
  constraint mediation_referrals_partner check (partner_kind in ('court', 'police', 'petition', 'procuratorate', 'arbitration', 'labor_arbitration', 'other'))
);
create index mediation_referrals_scope on mediation_referrals (region_path text_pattern_ops, updated_at desc);
create index mediation_referrals_case on mediation_referrals (case_id);
create unique index mediation_referrals_receipt on mediation_referrals (receipt_number) where receipt_number is not null;

-- 矛盾纠纷排查: how often villages and townships report, as the bureau sets it for its
-- region (the nearest setting up the tree applies; monthly, due on the 25th, without one).
create table screening_schedules (
  region_code  text primary key references regions (code),
  region_path  text not null,
  period_kind  text not null,
  due_day      smallint not null,
  updated_by   uuid,
  updated_at   timestamptz not null,
  constraint screening_schedules_period check (period_kind in ('monthly', 'quarterly')),
  constraint screening_schedules_due_day check (due_day between 1 and 28)
);

-- One report per region and period: nothing found, or the disputes found.
create table dispute_screenings (
  id               uuid primary key default gen_random_uuid(),
  region_code      text not null references regions (code),
  region_path      text not null,
  period           text not null,
  is_nothing_found boolean not null,
  items            jsonb not null,
  dispute_count    integer not null,
  high_risk_count  integer not null,
  reported_by      uuid,
  reported_at      timestamptz not null,
  updated_at       timestamptz not null,
  constraint dispute_screenings_nothing check ((is_nothing_found and dispute_count = 0) or (not is_nothing_found and dispute_count > 0))
);
create unique index dispute_screenings_period on dispute_screenings (region_code, period);
create index dispute_screenings_scope on dispute_screenings (region_path text_pattern_ops, period);

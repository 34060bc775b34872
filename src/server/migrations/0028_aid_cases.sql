-- 法律援助案件 (issue 10, part 1): the legal aid workflow's record on top of a ticket,
-- one per ticket. `state` is the pure state machine's state (legal-aid/aid-case.state.ts)
-- as it is; the columns beside it are what lists filter and sort on. `region_path` is
-- the ticket's matter region (the scope: a county center's reviewers see its subtree,
-- a township's staff their township); `center_region_*` the county whose legal aid
-- center reviews it; `station_region_code` the township station that took it, when
-- one did (it pre-checks). Deadlines live on the ticket (ticket_deadlines, steps
-- aid_*), events on the ticket's hash-chained trail (aid_case.*).
create table aid_cases (
  id                  uuid primary key default gen_random_uuid(),
  ticket_id           uuid not null unique references tickets (id),
  status              text not null,
  region_code         text not null,
  region_path         text not null,
  center_region_code  text not null,
  center_region_path  text not null,
  station_region_code text,
  lawyer_id           uuid,
  state               jsonb not null,
  created_by          uuid,
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  constraint aid_cases_status check (status in ('submitted', 'under_review', 'materials_pending', 'granted', 'handling', 'closed',
    'quality_reviewed', 'refused', 'terminated', 'objection_pending', 'withdrawn', 'archived'))
);
create index aid_cases_scope on aid_cases (region_path text_pattern_ops, updated_at desc);
create index aid_cases_lawyer on aid_cases (lawyer_id) where lawyer_id is not null;
create index aid_cases_status on aid_cases (status, updated_at desc);

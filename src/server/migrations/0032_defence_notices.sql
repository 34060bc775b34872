-- 通知辩护 (issue 10, part 3; Legal Aid Law Arts. 25, 26, 28, 36): the notices courts,
-- procuratorates and police send to a county's legal aid center to assign a defence
-- lawyer, and the center's answer: the lawyer assigned from its pool and the notifying
-- body informed, both within 3 working days of receiving the notice (Art. 36, `due_at`).
-- The suspect's or defendant's name is personal data: stored sealed (person_name_enc),
-- shown masked to those who do not handle the notice. `center_region_*` is the county
-- whose center received it: the scope. Every change is in the audit log.
create table defence_notices (
  id                 uuid primary key default gen_random_uuid(),
  body               text not null,
  body_name          text not null,
  document_no        text not null,
  received_at        timestamptz not null,
  ground             text not null,
  case_stage         text not null,
  person_name_enc    text not null,
  charge             text,
  center_region_code text not null,
  center_region_path text not null,
  status             text not null,
  due_at             timestamptz not null,
  lawyer_id          uuid,
  assigned_at        timestamptz,
  assigned_by        uuid,
  body_informed_at   timestamptz,
  body_informed_by   uuid,
  overdue_at         timestamptz,
  created_by         uuid,
  created_at         timestamptz not null,
  updated_at         timestamptz not null,
  constraint defence_notices_body check (body in ('court', 'procuratorate', 'police')),
  constraint defence_notices_ground check (ground in ('minor', 'sensory_or_speech_disability', 'not_fully_capable_adult',
    'possible_life_or_death_sentence', 'death_penalty_review', 'trial_in_absentia', 'other_statutory',
    'ordinary_procedure_trial', 'compulsory_medical_treatment')),
  constraint defence_notices_stage check (case_stage in ('investigation', 'prosecution_review', 'trial', 'death_penalty_review', 'compulsory_treatment')),
  constraint defence_notices_status check (status in ('received', 'assigned', 'body_informed')),
  constraint defence_notices_assigned check (status = 'received' or (lawyer_id is not null and assigned_at is not null)),
  constraint defence_notices_informed check (status <> 'body_informed' or body_informed_at is not null),
  -- One notice per document of one body: the same notice recorded twice is a mistake.
  constraint defence_notices_document unique (center_region_code, body_name, document_no)
);
create index defence_notices_scope on defence_notices (center_region_path text_pattern_ops, received_at desc);
create index defence_notices_open on defence_notices (due_at) where status <> 'body_informed';
create index defence_notices_lawyer on defence_notices (lawyer_id) where lawyer_id is not null;

-- 值班律师排班 (Art. 30): which pool lawyer is on duty at which workstation on which day
-- (and half day). The workstation is a court's, a procuratorate's, a detention house's,
-- a police station's or the center's own, named as the center names it.
create table duty_lawyer_shifts (
  id                 uuid primary key default gen_random_uuid(),
  aid_lawyer_id      uuid not null references aid_lawyers (id),
  lawyer_id          uuid not null,
  center_region_code text not null,
  center_region_path text not null,
  station_kind       text not null,
  station_name       text not null,
  duty_date          date not null,
  shift              text not null,
  created_by         uuid,
  created_at         timestamptz not null,
  constraint duty_lawyer_shifts_kind check (station_kind in ('court', 'procuratorate', 'detention_house', 'police', 'legal_aid_center')),
  constraint duty_lawyer_shifts_shift check (shift in ('all_day', 'morning', 'afternoon')),
  constraint duty_lawyer_shifts_once unique (center_region_code, station_name, duty_date, shift, lawyer_id)
);
create index duty_lawyer_shifts_scope on duty_lawyer_shifts (center_region_path text_pattern_ops, duty_date);

-- 人民调解委员会聘任的人民调解员 (People's Mediation Law Art. 13): the mediators a committee
-- has appointed by name, beyond the mediator accounts of its own region (who are its
-- mediators by where they sit, docs/mediation.md). One row per committee and account;
-- removing an appointment deletes the row, and both are on the audit log.
create table mediation_committee_members (
  committee_id uuid not null references mediation_committees (id),
  account_id   uuid not null references accounts (id),
  added_by     uuid,
  added_at     timestamptz not null,
  primary key (committee_id, account_id)
);
create index mediation_committee_members_account on mediation_committee_members (account_id);

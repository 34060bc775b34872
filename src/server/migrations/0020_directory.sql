-- The public directory (issue 8): staff members' public profiles (公开名片) and the
-- legal service providers (法律服务机构) of a region. Owned by modules/directory.

-- One row per staff account that has saved a public profile. Every detail shown to
-- the public is entered here by the person, with a switch saying whether it is public;
-- nothing is read from the account but its roles, region and whether it is active.
create table staff_profiles (
  -- The public id, used in portal addresses (the account id is never published).
  id                     uuid primary key default gen_random_uuid(),
  account_id             uuid not null unique references accounts (id),
  is_listed              boolean not null default false,
  -- An admin of the account's region (or above) hid the profile; it stays unlisted until unhidden.
  is_hidden              boolean not null default false,
  hidden_reason          text not null default '',
  display_name           text not null,
  -- The role the person appears under (lawyer, mediator, advisor); must be one the account holds.
  public_role            text not null,
  office_phone           text not null default '',
  is_office_phone_public boolean not null default false,
  email                  text not null default '',
  is_email_public        boolean not null default false,
  venue_id               uuid references venues (id) on delete set null,
  is_venue_public        boolean not null default false,
  specialities           text[] not null default '{}',
  languages              text[] not null default '{}',
  introduction           text not null default '',
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);
create index staff_profiles_listed on staff_profiles (display_name) where is_listed and not is_hidden;
create index staff_profiles_specialities on staff_profiles using gin (specialities);
create index staff_profiles_languages on staff_profiles using gin (languages);

create table legal_providers (
  id             uuid primary key default gen_random_uuid(),
  -- law_firm, notary_office, appraisal_institution, arbitration_commission, legal_aid_center, mediation_committee, grassroots_legal_office
  kind           text not null,
  name           text not null,
  region_code    text not null references regions (code),
  region_path    text not null,
  address        text not null default '',
  phone          text not null default '',
  opening_hours  text not null default '',
  services       text[] not null default '{}',
  licence_number text not null default '',
  description    text not null default '',
  is_listed      boolean not null default true,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index legal_providers_region on legal_providers (region_path text_pattern_ops);
create index legal_providers_kind on legal_providers (kind);

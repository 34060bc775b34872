-- 预登记 (issue 10, part 8): guided pre-registration for notarization, forensic
-- appraisal, arbitration and administrative reconsideration, routed to a provider
-- of the directory (or the county service centre), one per ticket; the provider's
-- status updates kept as a history; the providers' API credentials and the
-- signatures already seen (replays refused).
create table preregistrations (
  id                 uuid primary key default gen_random_uuid(),
  ticket_id          uuid not null unique,
  service_type       text not null,
  matter_code        text not null,
  answers            jsonb not null default '{}'::jsonb,
  findings           jsonb not null default '[]'::jsonb,
  -- The applicant's matter region (the ticket's), and where it was routed: a provider, or the service centre of a region.
  region_code        text not null,
  region_path        text not null,
  provider_id        uuid,
  provider_name      text not null,
  route_region_code  text not null,
  route_region_path  text not null,
  route_note         text not null default '',
  -- The checklist as told at registration, each item ticked by the applicant or the window.
  materials          jsonb not null default '[]'::jsonb,
  status             text not null default 'submitted',
  materials_needed   text[] not null default '{}',
  decline_reason     text not null default '',
  created_by_kind    text not null,
  created_by         uuid,
  created_at         timestamptz not null,
  updated_at         timestamptz not null,
  constraint preregistrations_status check (status in ('submitted','received','materials_needed','accepted','in_progress','completed','declined'))
);
create index preregistrations_scope on preregistrations (region_path text_pattern_ops, created_at desc);
create index preregistrations_route_scope on preregistrations (route_region_path text_pattern_ops, created_at desc);
create index preregistrations_provider on preregistrations (provider_id, created_at desc);
create index preregistrations_creator on preregistrations (created_by, created_at desc);

-- Each status the provider reported (or the staff recorded for it). `update_ref` is
-- the sender's own id of the update: the same update posted twice is stored once.
create table preregistration_updates (
  id                 bigserial primary key,
  preregistration_id uuid not null references preregistrations (id),
  status             text not null,
  note               text not null default '',
  materials_needed   text[] not null default '{}',
  reason             text not null default '',
  source             text not null,
  actor_id           uuid,
  actor_name         text not null,
  update_ref         text not null,
  fingerprint        text not null,
  at                 timestamptz not null,
  constraint preregistration_updates_source check (source in ('applicant','staff','provider'))
);
create unique index preregistration_updates_ref on preregistration_updates (preregistration_id, update_ref);
create index preregistration_updates_order on preregistration_updates (preregistration_id, id);

-- A provider's credentials for the status API, issued by an admin of the provider's
-- region. `secret` is sealed by the personal-data protector, as upstream clients' are.
create table provider_api_clients (
  id            uuid primary key default gen_random_uuid(),
  provider_id   uuid not null,
  api_key       text not null unique,
  secret        text not null,
  region_path   text not null,
  is_disabled   boolean not null default false,
  created_by    uuid,
  created_at    timestamptz not null
);
create index provider_api_clients_provider on provider_api_clients (provider_id);

-- Signatures seen within the allowed clock skew: the same signed request sent again is a replay.
create table provider_api_nonces (
  signature  text primary key,
  client_id  uuid not null,
  seen_at    timestamptz not null
);
create index provider_api_nonces_seen on provider_api_nonces (seen_at);

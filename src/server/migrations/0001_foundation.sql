-- Foundation: the region tree, staff accounts and sessions, venues, and the audit log.
-- Runs on PostgreSQL 15 and on PGlite (PostgreSQL 18).

-- 行政区划: province › city › county › township › village.
-- `path` is the materialized path of codes ("/990000/990100/990102/"), so
-- "everything under county X" is one prefix query on an indexed column.
create table regions (
  code        text primary key,
  name        text not null check (length(name) between 1 and 100),
  level       text not null check (level in ('province', 'city', 'county', 'township', 'village')),
  parent_code text references regions (code),
  path        text not null unique,
  depth       smallint not null,
  created_at  timestamptz not null default now(),
  check ((level = 'province') = (parent_code is null))
);
create index regions_path_prefix on regions (path text_pattern_ops);
create index regions_parent on regions (parent_code);

-- Staff accounts, each bound to one region node: that node's subtree is its data scope.
create table accounts (
  id                  uuid primary key default gen_random_uuid(),
  username            text not null,
  display_name        text not null,
  password_hash       text not null,
  roles               text[] not null check (cardinality(roles) > 0 and roles <@ array[
                        'admin', 'leader', 'dispatcher', 'window', 'operator', 'lawyer',
                        'mediator', 'advisor', 'reviewer', 'supervisor']::text[]),
  region_code         text not null references regions (code),
  is_disabled         boolean not null default false,
  failed_login_count  integer not null default 0,
  locked_until        timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
create unique index accounts_username on accounts (lower(username));
create index accounts_region on accounts (region_code);

-- Sessions of any kind of principal (staff now; citizens later), looked up by
-- the SHA-256 of the cookie token so a stolen database holds no usable token.
create table sessions (
  token_hash     text primary key,
  principal_kind text not null check (principal_kind in ('staff', 'citizen')),
  principal_id   uuid not null,
  csrf_token     text not null,
  created_at     timestamptz not null,
  last_seen_at   timestamptz not null,
  expires_at     timestamptz not null,
  ip             text,
  user_agent     text,
  revoked_at     timestamptz
);
create index sessions_principal on sessions (principal_kind, principal_id);

-- 实体平台: hall (city) / center (county) / station (township) / room (village).
create table venues (
  id                            uuid primary key default gen_random_uuid(),
  name                          text not null,
  level                         text not null check (level in ('hall', 'center', 'station', 'room')),
  region_code                   text not null references regions (code),
  address                       text not null default '',
  opening_hours                 text not null default '',
  phone                         text not null default '',
  floor_area                    numeric(10, 2),
  is_street_facing_ground_floor boolean not null default false,
  has_touch_kiosk               boolean not null default false,
  has_display_screen            boolean not null default false,
  has_remote_video              boolean not null default false,
  created_at                    timestamptz not null default now(),
  updated_at                    timestamptz not null default now()
);
create index venues_region on venues (region_code);

-- Service windows of a venue and the services each offers.
create table venue_windows (
  venue_id uuid not null references venues (id) on delete cascade,
  position integer not null,
  name     text not null,
  services text[] not null default '{}',
  primary key (venue_id, position)
);

-- Standard posts (reception, consultation, legal aid, mediation) and who holds them.
create table venue_post_holders (
  venue_id   uuid not null references venues (id) on delete cascade,
  post       text not null check (post in ('reception', 'consultation', 'legal_aid', 'mediation')),
  account_id uuid not null references accounts (id),
  primary key (venue_id, post, account_id)
);
create index venue_post_holders_account on venue_post_holders (account_id);

-- Every staff write, sign-in and sign-out: who, what, when, from where. Append-only.
create table audit_log (
  id             bigserial primary key,
  at             timestamptz not null,
  actor_kind     text not null,
  actor_id       uuid,
  actor_username text,
  action         text not null,
  entity_type    text not null,
  entity_id      text,
  ip             text,
  -- Region path of the acting account (or of the entity), so an account sees the
  -- audit entries of its own part of the tree and no more.
  region_path    text,
  detail         jsonb not null default '{}'
);
create index audit_log_region on audit_log (region_path text_pattern_ops);
create index audit_log_at on audit_log (at desc);
create index audit_log_entity on audit_log (entity_type, entity_id);

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit records are append-only (% refused on %)', tg_op, tg_table_name
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_append_only
  before update or delete on audit_log
  for each row execute function refuse_audit_change();
create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function refuse_audit_change();

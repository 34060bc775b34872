-- Citizens (群众) of the portal: who signs in by phone and one-time code (issue 8).
-- Personal data as tickets keep it: the phone and the ID number sealed by the
-- protector (`*_enc`) beside a keyed hash for lookups (`*_hash`, HMAC under the
-- data key; re-computed by rotate-data-key with the seals); the name sealed.

create table citizens (
  id                  uuid primary key default gen_random_uuid(),
  phone_enc           text not null,
  phone_hash          text not null,
  name_enc            text,
  id_number_enc       text,
  id_number_hash      text,
  region_code         text references regions (code),
  region_path         text,
  preferred_language  text check (preferred_language in ('zh-CN', 'en', 'bo')),
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  last_sign_in_at     timestamptz,
  check ((region_code is null) = (region_path is null))
);
-- One citizen per phone: find-or-create at sign-in is an upsert on this key.
create unique index citizens_phone_hash on citizens (phone_hash);
create index citizens_id_number_hash on citizens (id_number_hash) where id_number_hash is not null;

-- 短信验证码: one-time codes sent to a phone, for signing in or for tracking a
-- request without an account. Only a keyed hash of the code is kept, never the
-- code; a new code for a phone and purpose replaces its older unconsumed ones.
create table one_time_codes (
  id           uuid primary key default gen_random_uuid(),
  phone_hash   text not null,
  purpose      text not null check (purpose in ('sign_in', 'tracking')),
  code_hash    text not null,
  expires_at   timestamptz not null,
  attempts     integer not null default 0 check (attempts >= 0),
  consumed_at  timestamptz,
  ip           text,
  created_at   timestamptz not null
);
create index one_time_codes_phone on one_time_codes (phone_hash, purpose, created_at desc);
create index one_time_codes_expires on one_time_codes (expires_at);

-- Sign-in hardening: counters for request throttles, and failed sign-ins per
-- username and client address, so that a stranger's few guesses pause only the
-- stranger and the account locks only at a much higher count across addresses.
-- What a counter is about (a username, a phone number) is stored as a keyed
-- hash; only the client address of sign_in_failures is plain, as on the audit log.

-- Fixed-window counters of platform/rate-limit.ts, shared by every process on
-- this database. `key_hash` is HMAC(key), so a phone number used as a key is not
-- stored; `name` is the limit ("sign-in", "portal-otp", …).
create table rate_limit_counters (
  name           text not null,
  key_hash       text not null,
  hits           integer not null check (hits >= 0),
  window_ends_at timestamptz not null,
  primary key (name, key_hash)
);
create index rate_limit_counters_window_ends on rate_limit_counters (window_ends_at);

-- Failed sign-ins of one username (`subject` = HMAC of the username, whether or
-- not such an account exists, so answers cannot tell the two apart) from one
-- client address (IPv6 by /64), or from all addresses when `address` is '*'.
-- `paused_until`: further attempts are refused without checking the password.
create table sign_in_failures (
  subject        text not null,
  address        text not null,
  failures       integer not null check (failures >= 0),
  window_ends_at timestamptz not null,
  paused_until   timestamptz,
  primary key (subject, address),
  check (paused_until is null or paused_until <= window_ends_at)
);
create index sign_in_failures_window_ends on sign_in_failures (window_ends_at);

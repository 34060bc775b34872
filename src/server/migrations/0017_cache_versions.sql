-- In-process caches of rarely changed reference data (issue 7, item 9): the
-- regions, the service settings and the working-day calendar are read on every
-- intake, and change a few times a year. Each Santai process keeps them in
-- memory and asks here whether they changed (platform/cache.ts). A statement-level
-- trigger on every cached table bumps the version in the same transaction as the
-- change, whoever makes it (a command, a seed, a migration, psql), so no writer
-- can forget. `token` is drawn once per database: a version from another database
-- (a test's or a bench's, in the same process) never matches. `changed_by_xact`
-- lets a transaction tell its own uncommitted change from a committed one.
create table cache_versions (
  name            text primary key,
  token           text not null default replace(gen_random_uuid()::text, '-', ''),
  version         bigint not null default 0,
  changed_by_xact xid8
);
insert into cache_versions (name) values ('regions'), ('service_settings'), ('calendar');

create function bump_cache_version() returns trigger language plpgsql as $$
begin
  update cache_versions set version = version + 1, changed_by_xact = pg_current_xact_id() where name = tg_argv[0];
  return null;
end
$$;

create trigger regions_cache_version after insert or update or delete or truncate on regions
  for each statement execute function bump_cache_version('regions');
create trigger service_settings_cache_version after insert or update or delete or truncate on service_settings
  for each statement execute function bump_cache_version('service_settings');
create trigger holiday_years_cache_version after insert or update or delete or truncate on holiday_years
  for each statement execute function bump_cache_version('calendar');
create trigger regional_holidays_cache_version after insert or update or delete or truncate on regional_holidays
  for each statement execute function bump_cache_version('calendar');

-- The everyday-to-legal wording table (query_wordings, 0024) is read by every law
-- search, so each process keeps the active wordings in memory (platform/cache.ts);
-- a statement-level trigger bumps their version in the changing transaction, as for
-- the other cached reference data (0017).
insert into cache_versions (name) values ('query_wordings');
create trigger query_wordings_cache_version after insert or update or delete or truncate on query_wordings
  for each statement execute function bump_cache_version('query_wordings');

-- The starter wordings a release ships (knowledge/shipped-wordings.ts), each under
-- a stable key, are put in place once: a key recorded here is never put in again,
-- so a shipped wording that staff edited, deactivated or deleted stays as they left it.
create table query_wordings_shipped (
  key         text primary key,
  shipped_at  timestamptz not null
);

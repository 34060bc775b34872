-- 运营指挥中心, part 1: the analytics rollups (docs/analytics.md). One row per (region node, Beijing day, channel,
-- service type, dispute category) with the counts of what happened that day to the tickets of that node's subtree.
-- Every event is added to the ticket's own region node and to each of its ancestors, so the figures of any subtree
-- are read from its own node's rows (an exact key match, never a scan of the subtree or of tickets). Maintained by
-- analytics.subscribers.ts in the ticket's transaction; rebuilt from the ticket trail by analytics_rebuild().

create table analytics_daily (
  -- A materialized region path ("/980000/980100/"): the ticket's own node or one of its ancestors.
  region_path               text not null,
  -- The Beijing date the counted thing happened on.
  day                       date not null,
  channel                   text not null,
  service_type              text not null,
  category                  text not null,
  created                   integer not null default 0,
  accepted                  integer not null default 0,
  -- Sum over the day's acceptances of (accepted at − created at), whole seconds.
  accept_seconds            bigint  not null default 0,
  rejected                  integer not null default 0,
  -- Every resolution, a reopened ticket resolved again counting again.
  resolved                  integer not null default 0,
  -- Resolutions of tickets never reopened before (each ticket at most once).
  resolved_first            integer not null default 0,
  -- Sum over first resolutions of (resolved at − created at), whole seconds.
  resolve_seconds           bigint  not null default 0,
  -- Resolutions that had a resolve deadline running, and those made by it.
  resolved_with_deadline    integer not null default 0,
  resolved_within_deadline  integer not null default 0,
  bounced                   integer not null default 0,
  reopened                  integer not null default 0,
  merged                    integer not null default 0,
  rated                     integer not null default 0,
  -- Sum of the four 1–5 scores of each rating (4–20 a rating).
  rating_points             bigint  not null default 0,
  rated_low                 integer not null default 0,
  -- 督办 orders issued by a supervisor, and automatic ones on overdue tickets (逾期自动督办).
  supervised                integer not null default 0,
  escalated                 integer not null default 0,
  primary key (region_path, day, channel, service_type, category)
);

-- The drill-down from a figure lists the trail's events of one kind in a period (find-ticket-occurrences.ts).
create index ticket_events_type_at on ticket_events (type, at);

-- The ancestors-or-self of a materialized path, root first: '/a/b/' → {'/a/', '/a/b/'}.
create function analytics_path_nodes(path text) returns text[] language sql immutable as $$
  select coalesce(array_agg('/' || array_to_string(p[1:i], '/') || '/' order by i), '{}')
  from (select string_to_array(trim(both '/' from path), '/') as p) s, generate_series(1, cardinality(s.p)) i
$$;

-- The Beijing date of an instant (UTC+8, no daylight saving), without relying on the server's zone database.
create function analytics_day(instant timestamptz) returns date language sql immutable as $$
  select ((instant at time zone 'UTC') + interval '8 hours')::date
$$;

-- Recomputes every rollup row from the tickets and their trail (ticket_events): the backfill after this migration,
-- `santai rebuild-analytics`, the benchmark. The same definitions as the incremental upserts (analytics.subscribers.ts).
-- Returns the number of rows written.
create function analytics_rebuild() returns bigint language plpgsql as $$
declare
  written bigint;
begin
  -- A maintenance pass over every ticket and event: room to hash them in memory (this transaction only).
  perform set_config('work_mem', '512MB', true);
  delete from analytics_daily;
  with facts as (
    select t.region_path, analytics_day(t.created_at) as day, t.channel, t.service_type, t.category,
           1 as created, 0 as accepted, 0 as accept_seconds, 0 as rejected, 0 as resolved, 0 as resolved_first,
           0 as resolve_seconds, 0 as resolved_with_deadline, 0 as resolved_within_deadline, 0 as bounced,
           0 as reopened, 0 as merged, 0 as rated, 0 as rating_points, 0 as rated_low, 0 as supervised, 0 as escalated
    from tickets t
    union all
    select t.region_path, analytics_day(e.at), t.channel, t.service_type, t.category,
           0,
           (e.type = 'action.accept')::int,
           case when e.type = 'action.accept' then floor(extract(epoch from e.at - t.created_at))::int else 0 end,
           (e.type = 'action.reject')::int,
           (e.type = 'action.resolve')::int,
           (e.type = 'action.resolve' and not reopened_before)::int,
           case when e.type = 'action.resolve' and not reopened_before then floor(extract(epoch from e.at - t.created_at))::int else 0 end,
           (e.type = 'action.resolve' and jsonb_typeof(e.data -> 'withinDeadline') = 'boolean')::int,
           (e.type = 'action.resolve' and e.data -> 'withinDeadline' = 'true'::jsonb)::int,
           (e.type = 'action.send_back')::int,
           (e.type = 'action.reopen')::int,
           (e.type = 'action.merge_into')::int,
           (e.type = 'rating.recorded')::int,
           case when e.type = 'rating.recorded'
                then (e.data ->> 'attitude')::int + (e.data ->> 'speed')::int + (e.data ->> 'policy')::int + (e.data ->> 'expertise')::int
                else 0 end,
           (e.type = 'rating.recorded' and e.data -> 'hasLowScore' = 'true'::jsonb)::int,
           (e.type = 'supervision.issued' and e.data -> 'isAutomatic' is distinct from 'true'::jsonb)::int,
           (e.type = 'supervision.issued' and e.data -> 'isAutomatic' = 'true'::jsonb)::int
    from ticket_events e
    join tickets t on t.id = e.ticket_id
    cross join lateral (
      select case when e.type = 'action.resolve' then exists (
        select 1 from ticket_events r where r.ticket_id = e.ticket_id and r.type = 'action.reopen' and r.seq < e.seq
      ) else false end as reopened_before
    ) r
    where e.type in ('action.accept', 'action.reject', 'action.resolve', 'action.send_back', 'action.reopen', 'action.merge_into', 'rating.recorded', 'supervision.issued')
  ),
  -- Summed per ticket region first, then spread to the ancestors: far fewer rows to spread than events.
  -- Sums of int4 accumulate in int8 (sums of int8 would go through numeric, several times slower);
  -- the seconds and points as float8, exact for integers far beyond any sum here.
  own as (
    select region_path, day, channel, service_type, category,
           sum(created)::int as created, sum(accepted)::int as accepted, sum(accept_seconds::float8) as accept_seconds,
           sum(rejected)::int as rejected, sum(resolved)::int as resolved, sum(resolved_first)::int as resolved_first,
           sum(resolve_seconds::float8) as resolve_seconds, sum(resolved_with_deadline)::int as resolved_with_deadline,
           sum(resolved_within_deadline)::int as resolved_within_deadline, sum(bounced)::int as bounced, sum(reopened)::int as reopened,
           sum(merged)::int as merged, sum(rated)::int as rated, sum(rating_points::float8) as rating_points, sum(rated_low)::int as rated_low,
           sum(supervised)::int as supervised, sum(escalated)::int as escalated
    from facts group by 1, 2, 3, 4, 5
  ),
  -- Each region's nodes computed once, not once per row.
  nodes as (
    select p.region_path, n.node
    from (select distinct region_path from own) p cross join lateral unnest(analytics_path_nodes(p.region_path)) n(node)
  )
  insert into analytics_daily (region_path, day, channel, service_type, category, created, accepted, accept_seconds, rejected,
                               resolved, resolved_first, resolve_seconds, resolved_with_deadline, resolved_within_deadline,
                               bounced, reopened, merged, rated, rating_points, rated_low, supervised, escalated)
  select node, day, channel, service_type, category, sum(created), sum(accepted), sum(accept_seconds)::bigint, sum(rejected),
         sum(resolved), sum(resolved_first), sum(resolve_seconds)::bigint, sum(resolved_with_deadline), sum(resolved_within_deadline),
         sum(bounced), sum(reopened), sum(merged), sum(rated), sum(rating_points)::bigint, sum(rated_low), sum(supervised), sum(escalated)
  from own join nodes using (region_path)
  group by 1, 2, 3, 4, 5;
  get diagnostics written = row_count;
  return written;
end
$$;

-- An existing database is right after the upgrade.
select analytics_rebuild();

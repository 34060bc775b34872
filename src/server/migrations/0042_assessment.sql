-- 考核评价与通报 (docs/assessment.md): the indicator sets bureaus configure, third-party evaluation scores
-- entered per venue and period, and the periodic bulletins (通报) with their draft → reviewed → published lifecycle.

-- One indicator set per region; a region without one uses its nearest ancestor's, and the shipped default above all.
create table assessment_indicator_sets (
  region_code   text primary key,
  region_path   text not null,
  indicators    jsonb not null,
  updated_by    uuid,
  updated_at    timestamptz not null
);

-- 第三方评估: an external evaluation's score (0–100) of one venue for one period (2026-11, 2026-Q4, 2026).
create table assessment_external_scores (
  venue_id      uuid not null,
  period        text not null,
  region_path   text not null,
  score         numeric(5, 2) not null,
  evaluator     text not null,
  recorded_by   uuid,
  recorded_at   timestamptz not null,
  primary key (venue_id, period),
  constraint assessment_external_scores_range check (score >= 0 and score <= 100)
);
create index assessment_external_scores_period on assessment_external_scores (period, region_path);

-- 通报: generated from the rankings, edited, reviewed and published.
create table assessment_bulletins (
  id            uuid primary key default gen_random_uuid(),
  region_code   text not null,
  region_path   text not null,
  period        text not null,
  title         text not null,
  state         text not null,
  content       jsonb not null,
  created_by    uuid,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  reviewed_by   uuid,
  reviewed_at   timestamptz,
  published_by  uuid,
  published_at  timestamptz,
  constraint assessment_bulletins_state check (state in ('draft','reviewed','published'))
);
create index assessment_bulletins_region on assessment_bulletins (region_path, state, period);

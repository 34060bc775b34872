-- Law and case search (法律法规与案例查询), modules/knowledge. The statutes come
-- from an import (`santai import-laws`, LawRefBook Markdown or JSONL); FAQ entries,
-- case explainers (以案释法) and the everyday-to-legal wording table are written by
-- staff. Search runs on tsvector('simple') columns holding the text segmented by
-- the same jieba tokenizer and legal dictionary as the queries (segmenter.ts).

create extension if not exists pg_trgm;

-- One version of one law, regulation, interpretation or published case.
create table laws (
  id             uuid primary key default gen_random_uuid(),
  -- Where it came from, unique: 'lawrefbook:<path under the folder>' or 'jsonl:<source id>'.
  source_key     text not null unique,
  -- The full title as the law writes it (中华人民共和国民法典).
  title          text not null,
  -- The title without 中华人民共和国, for display and for the dictionary.
  short_title    text not null,
  -- A part published as a file of its own (民法典's 编: 总则, 合同编 …); null for a whole law.
  part           text,
  -- The versions of one law share it (公司法 2018 and 2023).
  version_group  text not null,
  level          text not null check (level in ('constitution', 'law', 'administrative_regulation', 'judicial_interpretation',
                                                'departmental_rule', 'local_regulation', 'case', 'other')),
  -- The collection's category (民法商法, 社会法, 劳动人事 …).
  category       text not null,
  -- Local regulations: the region they apply in (a code of the regions table's scheme, e.g. '41' for Henan); null = national.
  region_code    text,
  published_on   date,
  effective_on   date,
  -- Marked expired by the source (db.sqlite3's `expired`, or a JSONL line's isExpired).
  is_expired     boolean not null default false,
  -- The newest version of its group that is not expired (set by the importer).
  -- Expired versions stay readable and linked from the current one, and are left out of searches by default.
  is_current     boolean not null,
  -- The dated history lines before the body (通过、修正、施行).
  history        jsonb not null default '[]',
  -- The table of contents: [{level, title, anchor}] for 编/章/节 headings.
  toc            jsonb not null default '[]',
  article_count  integer not null default 0,
  -- Hash of the source text and the segmenter version: a re-import of an unchanged law changes nothing.
  content_hash   text not null,
  title_tokens   tsvector not null,
  imported_at    timestamptz not null,
  updated_at     timestamptz not null
);
create index laws_version_group on laws (version_group, published_on desc);
create index laws_title_search on laws using gin (title_tokens);
create index laws_title_trgm on laws using gin (title gin_trgm_ops);

-- One article (第X条, 第X条之一, or a numbered item 一、/1. of an amendment or
-- interpretation), or one section of a published case.
create table law_articles (
  id             uuid primary key default gen_random_uuid(),
  law_id         uuid not null references laws (id) on delete cascade,
  ordinal        integer not null,
  -- As the law writes it: 第五十四条, 第一百二十条之一, 一、
  article_no     text not null,
  -- The 编/章/节 headings above it, joined by ' / '.
  heading_path   text not null default '',
  body           text not null,
  tokens         tsvector not null,
  -- The law's, copied so that a search filters and ranks the articles without
  -- reading the laws table (kept equal by the importer, which alone writes both).
  law_title      text not null,
  level          text not null,
  category       text not null,
  region_code    text,
  is_current     boolean not null,
  unique (law_id, ordinal)
);
create index law_articles_tokens on law_articles using gin (tokens);
create index law_articles_number on law_articles (law_id, article_no);

-- How many articles hold each lexeme (refreshed by the importer from ts_stat): the
-- search weighs a query word by how rare it is (inverse document frequency).
create table search_terms (
  term  text primary key,
  df    integer not null
);

-- Terms of the legal dictionary the segmenter loads beside jieba's own
-- (titles and defined terms found by the importer, or added by staff).
create table legal_terms (
  term        text primary key,
  source      text not null check (source in ('title', 'defined', 'staff')),
  created_at  timestamptz not null
);

-- Everyday words and the legal terms a search adds for them (老板不发工资 → 拖欠劳动报酬).
create table query_wordings (
  id          uuid primary key default gen_random_uuid(),
  -- Every one of these words must be in the question (e.g. ['离婚', '孩子']).
  everyday    text[] not null check (cardinality(everyday) between 1 and 5),
  legal       text not null,
  is_active   boolean not null default true,
  created_by  uuid,
  created_at  timestamptz not null,
  updated_at  timestamptz not null,
  unique (everyday, legal)
);

-- FAQ entries and case explainers written by staff, each citing articles.
create table knowledge_entries (
  id            uuid primary key default gen_random_uuid(),
  kind          text not null check (kind in ('faq', 'case_explainer')),
  -- The question (FAQ) or the case's title.
  title         text not null,
  -- The answer (FAQ) or the explainer's text; plain text.
  body          text not null,
  -- A dispute category (service-catalogue DISPUTE_CATEGORIES) or null.
  category      text,
  -- [{lawTitle, articleNo}] as written; resolved to the current law when shown.
  citations     jsonb not null default '[]',
  status        text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
  region_code   text not null references regions (code),
  region_path   text not null,
  author_id     uuid,
  tokens        tsvector not null,
  published_at  timestamptz,
  created_at    timestamptz not null,
  updated_at    timestamptz not null
);
create index knowledge_entries_tokens on knowledge_entries using gin (tokens) where status = 'published';
create index knowledge_entries_scope on knowledge_entries (region_path text_pattern_ops, updated_at desc);

-- Legal education articles and notices (普法、公告), modules/content. An article
-- belongs to its author's region node; the portal shows a visitor the published
-- articles of their region and its ancestors. The body is plain text in a small
-- Markdown-like format (content-rules.ts), never HTML.

create table articles (
  id               uuid primary key default gen_random_uuid(),
  kind             text not null check (kind in ('legal_education', 'notice')),
  category         text not null,
  title            text not null,
  summary          text not null default '',
  body             text not null,
  status           text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
  region_code      text not null references regions (code),
  -- The region's materialized path: the article's scope, without a join.
  region_path      text not null,
  author_id        uuid references accounts (id),
  -- The cover image, in the attachment store under cover_key ("<article id>/<uuid>"), type from its bytes.
  cover_key        text,
  cover_media_type text check (cover_media_type in ('image/jpeg', 'image/png')),
  cover_size       integer,
  cover_sha256     text,
  published_at     timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  check ((cover_key is null) = (cover_media_type is null)),
  check (status = 'draft' or published_at is not null)
);

-- The portal's list: published, newest first, by the visitor's region path (an
-- equality on one of the path's few codes' paths).
create index articles_published on articles (region_path, published_at desc) where status = 'published';
-- The workbench's list: the scope is a prefix of region_path.
create index articles_scope on articles (region_path text_pattern_ops, updated_at desc);

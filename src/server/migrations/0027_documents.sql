-- Generated documents (文书, issue 10 part 9): the editable templates and the
-- register of every document generated for a ticket. The files themselves are
-- ticket attachments (ticket_attachments, owned by the attachments module).

-- One template per document kind; the shipped text is put in once (documents/
-- reference-data.ts) and then belongs to the deployment: an edited text is kept.
create table document_templates (
  kind         text primary key,
  title        text not null,
  body         text not null,
  -- Counts edits; each generated document records the version it was made from.
  version      integer not null default 1,
  updated_by   uuid,
  updated_at   timestamptz not null
);

-- What the public verify route confirms, and nothing more: kind, ticket number,
-- issuing unit, time, the file's hash and the applicant's name masked.
create table generated_documents (
  id                 uuid primary key,
  ticket_id          uuid not null,
  kind               text not null,
  format             text not null check (format in ('pdf', 'docx')),
  attachment_id      uuid not null,
  verification_code  text not null unique check (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
  sha256             text not null,
  size               integer not null,
  ticket_number      text not null,
  issuing_unit       text not null,
  applicant_masked   text not null,
  template_version   integer not null,
  created_by         uuid,
  created_at         timestamptz not null
);
create index generated_documents_ticket on generated_documents (ticket_id, created_at);

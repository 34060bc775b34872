-- Revoking a generated document (文书作废, issue 10 part 9): a document issued in
-- error or superseded is revoked with a reason; the public verify route then says
-- it was revoked, when and why. The row stays (the register is never rewritten
-- otherwise); the three columns are set together, once.
alter table generated_documents
  add column revoked_at        timestamptz,
  add column revoked_by        uuid,
  add column revocation_reason text,
  add constraint generated_documents_revocation check (
    (revoked_at is null and revocation_reason is null and revoked_by is null)
    or (revoked_at is not null and revocation_reason is not null and length(btrim(revocation_reason)) > 0)
  );

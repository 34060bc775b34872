import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { documentTemplatePolicy } from "../documents.policy.ts";
import type { DocumentKind } from "../document-kinds.ts";
import { SHIPPED_TEMPLATES } from "../shipped-templates.ts";
import { assertUsableTemplate, type Template } from "../template-render.ts";
import { templateOf } from "../queries/find-templates.ts";

/**
 * Changes the text of a document kind for this deployment (a root admin):
 * checked first (every placeholder known for the kind, conditionals closed),
 * version counted up, audited with the previous text. `template: null` puts the
 * shipped text back.
 */
export async function updateDocumentTemplate(tx: Tx, actor: Actor, kind: DocumentKind, template: Template | null, now: Date): Promise<void> {
  documentTemplatePolicy.authorize(actor, "manage", null);
  const next = template ? { title: template.title.trim(), body: template.body.replace(/\r\n?/g, "\n") } : SHIPPED_TEMPLATES[kind];
  assertUsableTemplate(kind, next);
  // Serialises edits of one kind (and makes the row if only the shipped text was in force).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('document_templates'), hashtext(${kind}))`);
  const previous = await templateOf(tx, kind);
  const version = previous.version + 1;
  await tx.execute(sql`
    insert into document_templates (kind, title, body, version, updated_by, updated_at)
    values (${kind}, ${next.title}, ${next.body}, ${version}, ${actor.kind === "staff" ? actor.id : null}, ${now})
    on conflict (kind) do update set title = excluded.title, body = excluded.body, version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
  await recordAudit(tx, {
    actor,
    action: template ? "document_template.update" : "document_template.reset",
    entityType: "document_template",
    entityId: kind,
    at: now,
    detail: { version, title: next.title, previous: { version: previous.version, title: previous.title, body: previous.body } },
  });
}

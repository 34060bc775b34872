import { sql } from "drizzle-orm";
import type { Tx } from "../../platform/db/index.ts";
import { DOCUMENT_KINDS } from "./document-kinds.ts";
import { SHIPPED_TEMPLATES } from "./shipped-templates.ts";

/**
 * Puts the shipped text of each document kind in place where the deployment has
 * none yet; an existing (maybe edited) template is left as it is. Returns how many were added.
 */
export async function ensureShippedTemplates(tx: Tx, now: Date): Promise<number> {
  let added = 0;
  for (const kind of DOCUMENT_KINDS) {
    const { title, body } = SHIPPED_TEMPLATES[kind];
    const result = await tx.execute(sql`
      insert into document_templates (kind, title, body, version, updated_by, updated_at)
      values (${kind}, ${title}, ${body}, 1, null, ${now})
      on conflict (kind) do nothing`);
    added += result.rowCount ?? 0;
  }
  return added;
}

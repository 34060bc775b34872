import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { documentTemplates, type DocumentTemplateRow } from "../documents.tables.ts";
import { DOCUMENT_KINDS, KIND_SPECS, placeholdersOf, type DocumentKind } from "../document-kinds.ts";
import { SHIPPED_TEMPLATES } from "../shipped-templates.ts";
import type { Template } from "../template-render.ts";
import type { DocumentTemplateView } from "../documents.types.ts";

/** The template in force for a kind: the deployment's, or the shipped text while none is stored (version 0). */
export async function templateOf(tx: Tx, kind: DocumentKind): Promise<Template & { version: number }> {
  const [row] = await tx.select().from(documentTemplates).where(eq(documentTemplates.kind, kind)).limit(1);
  return row ? { title: row.title, body: row.body, version: row.version } : { ...SHIPPED_TEMPLATES[kind], version: 0 };
}

export async function findTemplates(tx: Tx): Promise<DocumentTemplateView[]> {
  const rows = new Map((await tx.select().from(documentTemplates)).map((r) => [r.kind, r]));
  return DOCUMENT_KINDS.map((kind) => presentTemplate(kind, rows.get(kind) ?? null));
}

export async function getTemplateView(tx: Tx, kind: DocumentKind): Promise<DocumentTemplateView> {
  const [row] = await tx.select().from(documentTemplates).where(eq(documentTemplates.kind, kind)).limit(1);
  return presentTemplate(kind, row ?? null);
}

export function presentTemplate(kind: DocumentKind, row: DocumentTemplateRow | null): DocumentTemplateView {
  const shipped = SHIPPED_TEMPLATES[kind];
  const spec = KIND_SPECS[kind];
  const title = row?.title ?? shipped.title;
  const body = row?.body ?? shipped.body;
  return {
    kind,
    name: spec.name,
    serviceTypes: spec.serviceTypes ? [...spec.serviceTypes] : null,
    title,
    body,
    version: row?.version ?? 0,
    isShipped: title === shipped.title && body === shipped.body,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    placeholders: placeholdersOf(kind),
    fields: spec.fields.map(presentField),
    shipped: { title: shipped.title, body: shipped.body },
  };
}

export const presentField = (f: (typeof KIND_SPECS)[DocumentKind]["fields"][number]) => ({
  key: f.key,
  label: f.label,
  isRequired: f.isRequired,
  hasFallback: Boolean(f.fallback),
  isMultiline: Boolean(f.isMultiline),
  maxLength: f.maxLength,
  options: f.options ?? null,
});

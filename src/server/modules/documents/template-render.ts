import { AppError } from "../../platform/errors.ts";
import { choicesOf, KIND_SPECS, placeholdersOf, type DocumentKind, type TicketPlaceholder } from "./document-kinds.ts";

/**
 * The template language, small on purpose (docs/documents.md):
 * - `{{key}}` is replaced by the value, as text: a value is never read as
 *   template (a name containing "{{x}}" prints as typed), and each output format
 *   escapes for itself (XML in DOCX; PDF draws glyphs);
 * - each line is a paragraph; a line starting `## ` is a heading, `> ` is set
 *   flush right (signatures and dates); a line that is only a placeholder whose
 *   value is empty is left out;
 * - a line `{{#if key=value}}` … `{{/if}}` keeps the lines between only when the
 *   field has that value (the decision's grant or refuse); not nested.
 */
export type Template = { title: string; body: string };
export type Block = { style: "heading" | "paragraph" | "right"; text: string };
export type RenderedDocument = { title: string; blocks: Block[] };

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;
const IF_LINE = /^\s*\{\{#if\s+([A-Za-z][A-Za-z0-9_.]*)\s*=\s*([A-Za-z0-9_]+)\s*\}\}\s*$/;
const END_LINE = /^\s*\{\{\/if\}\}\s*$/;
/** What is shown where an optional value is empty. */
export const EMPTY_VALUE = "—";

/** The problems of a template, each naming where (`title` or `body`, with the line), or [] when it can be used. */
export function templateProblems(kind: DocumentKind, template: Template): { field: string; message: string }[] {
  const known = new Set(placeholdersOf(kind));
  const choices = choicesOf(kind);
  const problems: { field: string; message: string }[] = [];
  const checkText = (field: string, text: string, where: string) => {
    for (const match of text.matchAll(PLACEHOLDER)) {
      if (!known.has(match[1])) problems.push({ field, message: `${where}: {{${match[1]}}} is not a placeholder of this document; known: ${[...known].join(", ")}` });
    }
    const stray = text.replace(PLACEHOLDER, "");
    if (/\{\{|\}\}/.test(stray)) problems.push({ field, message: `${where}: a "{{" or "}}" that is not a placeholder` });
  };
  if (template.title.trim() === "") problems.push({ field: "title", message: "The title is empty" });
  if (/[\r\n]/.test(template.title)) problems.push({ field: "title", message: "The title is one line" });
  checkText("title", template.title, "title");
  let openAt: number | null = null;
  template.body.split(/\r?\n/).forEach((line, i) => {
    const where = `line ${i + 1}`;
    const opening = IF_LINE.exec(line);
    if (opening) {
      if (openAt !== null) problems.push({ field: "body", message: `${where}: {{#if}} inside the {{#if}} of line ${openAt} (not nested)` });
      const values = choices.get(opening[1]);
      if (!values) problems.push({ field: "body", message: `${where}: {{#if ${opening[1]}=…}} tests a field without fixed values; these have them: ${[...choices.keys()].join(", ") || "none"}` });
      else if (!values.includes(opening[2])) problems.push({ field: "body", message: `${where}: ${opening[1]} is never ${opening[2]}; it is one of ${values.join(", ")}` });
      openAt = i + 1;
      return;
    }
    if (END_LINE.test(line)) {
      if (openAt === null) problems.push({ field: "body", message: `${where}: {{/if}} without {{#if}}` });
      openAt = null;
      return;
    }
    checkText("body", line, where);
  });
  if (openAt !== null) problems.push({ field: "body", message: `line ${openAt}: {{#if}} without {{/if}}` });
  return problems;
}

/** Throws VALIDATION_FAILED naming the first problem of the template. */
export function assertUsableTemplate(kind: DocumentKind, template: Template): void {
  const [problem] = templateProblems(kind, template);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The values of one document: the ticket's (null when the ticket has none) and
 * the caller's fields, checked against the kind's field list. Unknown fields,
 * values out of their options, too long, or required and empty are refused
 * (400) naming `fields.<key>`.
 */
export function resolveValues(kind: DocumentKind, ticket: Record<TicketPlaceholder, string | null>, given: Record<string, string> = {}): Map<string, string> {
  const spec = KIND_SPECS[kind];
  const specs = new Map(spec.fields.map((f) => [f.key, f]));
  for (const key of Object.keys(given)) {
    if (!specs.has(key)) {
      throw new AppError("VALIDATION_FAILED", `${key} is not a field of ${spec.name}; its fields: ${[...specs.keys()].join(", ")}`, { field: `fields.${key}` });
    }
  }
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(ticket)) values.set(key, value?.trim() ? value.replace(CONTROL, "") : EMPTY_VALUE);
  for (const field of spec.fields) {
    const typed = (given[field.key] ?? "").replace(CONTROL, "").replace(/\r\n?/g, "\n").trim();
    if (typed.length > field.maxLength) {
      throw new AppError("VALIDATION_FAILED", `${field.label}（${field.key}）is longer than ${field.maxLength} characters`, { field: `fields.${field.key}` });
    }
    if (typed && field.options && !field.options.some((o) => o.value === typed)) {
      throw new AppError("VALIDATION_FAILED", `${field.label}（${field.key}）must be one of ${field.options.map((o) => o.value).join(", ")}`, { field: `fields.${field.key}` });
    }
    const fallback = field.fallback ? (ticket[field.fallback]?.trim() ?? "") : "";
    const value = typed || fallback;
    if (!value && field.isRequired) {
      throw new AppError("VALIDATION_FAILED", `${field.label}（${field.key}）is required for ${spec.name}`, { field: `fields.${field.key}` });
    }
    values.set(field.key, value || EMPTY_VALUE);
    // A field with fixed values also prints as its label: {{decision.outcome.label}} → 不予法律援助.
    if (field.options) values.set(`${field.key}.label`, field.options.find((o) => o.value === value)?.label ?? EMPTY_VALUE);
  }
  return values;
}

/** Replaces every placeholder in one pass; a value is inserted as text and never scanned again. */
function fill(text: string, values: Map<string, string>): string {
  return text.replace(PLACEHOLDER, (_whole, key: string) => {
    const value = values.get(key);
    if (value === undefined) throw new AppError("VALIDATION_FAILED", `The template names {{${key}}}, which has no value`, { field: "template" });
    return value;
  });
}

/** The document's title and paragraphs from a checked template and resolved values. */
export function renderTemplate(kind: DocumentKind, template: Template, values: Map<string, string>): RenderedDocument {
  assertUsableTemplate(kind, template);
  const blocks: Block[] = [];
  let isKept = true;
  for (const line of template.body.split(/\r?\n/)) {
    const opening = IF_LINE.exec(line);
    if (opening) {
      isKept = values.get(opening[1]) === opening[2];
      continue;
    }
    if (END_LINE.test(line)) {
      isKept = true;
      continue;
    }
    if (!isKept || line.trim() === "") continue;
    // A line that is nothing but an optional value left empty is left out, not printed as a dash.
    const only = /^\s*\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}\s*$/.exec(line);
    if (only && values.get(only[1]) === EMPTY_VALUE) continue;
    if (line.startsWith("## ")) blocks.push({ style: "heading", text: fill(line.slice(3).trim(), values) });
    else if (line.startsWith("> ")) blocks.push({ style: "right", text: fill(line.slice(2).trim(), values) });
    else blocks.push({ style: "paragraph", text: fill(line.trimEnd(), values) });
  }
  return { title: fill(template.title.trim(), values), blocks };
}

/**
 * The documents the platform generates for a ticket (文书), which service types
 * each belongs to, and the fields the caller supplies for it. The texts are
 * templates (shipped-templates.ts, editable per deployment); what a template may
 * name is fixed here, so an edited template can never ask for data the
 * generator does not have.
 */

export const DOCUMENT_KINDS = [
  "legal_aid_application",
  "legal_aid_acceptance",
  "legal_aid_decision",
  "legal_aid_assignment",
  "mediation_application",
  "mediation_agreement",
  "referral",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_FORMATS = ["pdf", "docx"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A value the caller supplies when generating (e.g. the reasons of a decision). */
export type FieldSpec = {
  key: string;
  /** zh-CN label, shown in the workbench form and named in errors. */
  label: string;
  /** Must resolve to a value (given, or taken from `fallback`); otherwise 400 naming `fields.<key>`. */
  isRequired: boolean;
  /** A ticket value used when the caller gives none. */
  fallback?: TicketPlaceholder;
  /** Only these values (shown as a choice). */
  options?: { value: string; label: string }[];
  isMultiline?: boolean;
  maxLength: number;
};

export type KindSpec = {
  kind: DocumentKind;
  /** zh-CN name of the document, its title by default. */
  name: string;
  /** The service types whose tickets it is for; null: any. */
  serviceTypes: readonly string[] | null;
  fields: FieldSpec[];
};

/** What every template may name, taken from the ticket as the actor may see it. */
export const TICKET_PLACEHOLDERS = [
  "ticketNo",
  "serviceType",
  "category",
  "description",
  "receivedDate",
  "region.name",
  "unit.name",
  "assignee.name",
  "applicant.name",
  "applicant.gender",
  "applicant.phone",
  "applicant.idNumber",
  "counterparty.name",
  "justiceBureau.name",
  "issuedDate",
] as const;
export type TicketPlaceholder = (typeof TICKET_PLACEHOLDERS)[number];

const text = (key: string, label: string, isRequired: boolean, extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, label, isRequired, maxLength: 2000, ...extra });

export const KIND_SPECS: Record<DocumentKind, KindSpec> = {
  legal_aid_application: {
    kind: "legal_aid_application",
    name: "法律援助申请表",
    serviceTypes: ["legal_aid"],
    fields: [
      text("applicant.address", "住所地", false, { maxLength: 200 }),
      text("application.matter", "申请事项", true, { fallback: "category", maxLength: 200 }),
      text("application.facts", "案情及申请理由", true, { fallback: "description", isMultiline: true }),
      text("application.hardship", "经济困难状况说明", false, { isMultiline: true }),
    ],
  },
  legal_aid_acceptance: {
    kind: "legal_aid_acceptance",
    name: "法律援助申请受理通知书",
    serviceTypes: ["legal_aid"],
    fields: [text("acceptance.missingMaterials", "需补充的材料（一次性告知）", false, { isMultiline: true })],
  },
  legal_aid_decision: {
    kind: "legal_aid_decision",
    name: "给予/不予法律援助决定书",
    serviceTypes: ["legal_aid"],
    fields: [
      text("decision.outcome", "决定", true, {
        options: [
          { value: "grant", label: "给予法律援助" },
          { value: "refuse", label: "不予法律援助" },
        ],
        maxLength: 10,
      }),
      text("decision.reasons", "理由", true, { isMultiline: true }),
      text("decision.aidForm", "援助形式", false, { maxLength: 200 }),
      text("decision.objectionOffice", "受理异议的司法行政部门", true, { fallback: "justiceBureau.name", maxLength: 200 }),
    ],
  },
  legal_aid_assignment: {
    kind: "legal_aid_assignment",
    name: "指派通知书",
    serviceTypes: ["legal_aid"],
    fields: [
      text("lawyer.name", "承办人员", true, { fallback: "assignee.name", maxLength: 100 }),
      text("lawyer.firm", "所在单位（律师事务所等）", true, { maxLength: 200 }),
      text("lawyer.phone", "承办人员联系电话", false, { maxLength: 40 }),
      text("decision.date", "给予法律援助决定日期", false, { maxLength: 40 }),
    ],
  },
  mediation_application: {
    kind: "mediation_application",
    name: "人民调解申请书",
    serviceTypes: ["mediation"],
    fields: [
      text("counterparty.name", "对方当事人", true, { fallback: "counterparty.name", maxLength: 100 }),
      text("dispute.facts", "纠纷事实", true, { fallback: "description", isMultiline: true }),
      text("mediation.request", "调解请求", true, { isMultiline: true }),
    ],
  },
  mediation_agreement: {
    kind: "mediation_agreement",
    name: "人民调解协议书",
    serviceTypes: ["mediation"],
    fields: [
      text("counterparty.name", "对方当事人", true, { fallback: "counterparty.name", maxLength: 100 }),
      text("parties.details", "当事人基本情况（性别、年龄、住所等）", false, { isMultiline: true }),
      text("dispute.facts", "纠纷的主要事实", true, { fallback: "description", isMultiline: true }),
      text("dispute.issues", "争议事项", true, { isMultiline: true }),
      text("dispute.responsibilities", "各方当事人的责任", true, { isMultiline: true }),
      text("agreement.content", "协议内容", true, { isMultiline: true }),
      text("agreement.performance", "履行方式", true, { maxLength: 500 }),
      text("agreement.deadline", "履行期限", true, { maxLength: 200 }),
      text("mediator.name", "人民调解员", true, { fallback: "assignee.name", maxLength: 100 }),
    ],
  },
  referral: {
    kind: "referral",
    name: "转介函",
    serviceTypes: null,
    fields: [
      text("referral.to", "接收单位", true, { maxLength: 200 }),
      text("referral.reason", "转介事由", true, { isMultiline: true }),
      text("referral.contact", "本单位联系人及电话", false, { maxLength: 200 }),
    ],
  },
};

export const isDocumentKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);

/** Is this kind for tickets of this service type? */
export const isKindFor = (kind: DocumentKind, serviceType: string) => {
  const types = KIND_SPECS[kind].serviceTypes;
  return types === null || types.includes(serviceType);
};

/** The placeholders a template of this kind may name: the ticket's and the kind's fields. */
export function placeholdersOf(kind: DocumentKind): string[] {
  const fields = KIND_SPECS[kind].fields;
  return [...new Set([...TICKET_PLACEHOLDERS, ...fields.map((f) => f.key), ...fields.filter((f) => f.options).map((f) => `${f.key}.label`)])];
}

/** The values a conditional block (`{{#if key=value}}`) may test: the fields with options. */
export function choicesOf(kind: DocumentKind): Map<string, string[]> {
  return new Map(KIND_SPECS[kind].fields.filter((f) => f.options).map((f) => [f.key, f.options!.map((o) => o.value)]));
}

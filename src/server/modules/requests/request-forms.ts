import type { CreateTicketInput } from "../tickets/tickets.types.ts";
import type { ServiceType } from "../services/service-catalogue.ts";

/** The portal's request forms. Each becomes one ticket; a home visit is a consultation the unit answers at the door. */
export const REQUEST_KINDS = ["consultation", "legal_aid", "mediation", "home_visit", "complaint", "suggestion"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

const SERVICE_OF: Record<RequestKind, ServiceType> = {
  consultation: "consultation",
  legal_aid: "legal_aid",
  mediation: "mediation",
  home_visit: "consultation",
  complaint: "complaint",
  suggestion: "suggestion",
};

/** The kind a ticket was asked as, read back from the ticket (a home visit is a consultation with contact `visit`). */
export function requestKindOf(ticket: { serviceType: string; preferredContact: string | null }): string {
  if (ticket.serviceType === "consultation" && ticket.preferredContact === "visit") return "home_visit";
  return ticket.serviceType;
}

export type RequestForm = {
  kind: RequestKind;
  category?: string;
  regionCode: string;
  applicantName: string;
  description: string;
  specialGroups?: string[];
  language?: string;
  counterparty?: { name?: string; phone?: string; note?: string };
  wish?: string;
  situation?: string;
  visitAddress?: string;
  visitTime?: string;
};

/** What the form's fields mean, labelled in the description the handler reads (they are the applicant's words). */
const LABELS = { wish: "申请人请求", situation: "经济状况", visitAddress: "上门地址", visitTime: "希望上门时间" } as const;

/**
 * The ticket a portal form asks for, or the name of the field that is missing:
 * a mediation needs the other party and what the applicant wants, a home visit
 * an address. The applicant's phone is the one they signed in with.
 */
export function ticketFromForm(form: RequestForm, phone: string, idNumber: string | null): { input: CreateTicketInput } | { missing: string } {
  const blank = (value: string | undefined) => !value || !value.trim();
  if (form.kind === "mediation" && blank(form.counterparty?.name)) return { missing: "counterparty.name" };
  if (form.kind === "mediation" && blank(form.wish)) return { missing: "wish" };
  if (form.kind === "home_visit" && blank(form.visitAddress)) return { missing: "visitAddress" };
  const isDispute = form.kind !== "complaint" && form.kind !== "suggestion";
  if (isDispute && !form.category) return { missing: "category" };
  const extra = (["situation", "wish", "visitAddress", "visitTime"] as const)
    .filter((key) => !blank(form[key]))
    .map((key) => `${LABELS[key]}：${form[key]!.trim()}`);
  const input: CreateTicketInput = {
    channel: "portal",
    serviceType: SERVICE_OF[form.kind],
    category: (form.category ?? "其他") as CreateTicketInput["category"],
    regionCode: form.regionCode,
    applicant: {
      name: form.applicantName.trim(),
      phone,
      ...(idNumber ? { idNumber } : {}),
      ...(form.specialGroups?.length ? { specialGroups: form.specialGroups as NonNullable<CreateTicketInput["applicant"]["specialGroups"]> } : {}),
    },
    description: [form.description.trim(), ...extra].join("\n"),
    preferredContact: form.kind === "home_visit" ? "visit" : "sms",
    ...(form.language ? { language: form.language as CreateTicketInput["language"] } : {}),
    ...(form.kind === "mediation" && form.counterparty ? { counterparty: form.counterparty } : {}),
  };
  return { input };
}

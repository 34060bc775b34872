import type { TicketListQuery } from "./tickets.types.ts";
import { DISPUTE_CATEGORIES, LANGUAGES, SERVICE_TYPES, type ServiceType } from "../services/service-catalogue.ts";

export { DISPUTE_CATEGORIES, LANGUAGES, SERVICE_TYPES, type ServiceType };

/** 渠道: where a request came in. */
export const CHANNELS = ["window", "hotline", "portal", "wechat", "kiosk", "upstream", "referral"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Special groups go to the front of every queue (同仁 plan: 对农民工、老年人、残疾人业务优先受理;
 * 军人军属; 困难妇女儿童).
 */
export const SPECIAL_GROUPS = ["elderly", "disabled", "minor", "migrant_worker_wages", "military_family", "women_children_hardship"] as const;
export type SpecialGroup = (typeof SPECIAL_GROUPS)[number];

export const AGE_GROUPS = ["under_18", "18_35", "36_59", "60_plus", "unknown"] as const;
export const GENDERS = ["male", "female", "unknown"] as const;

/** Which action meets which deadline step. */
export const STEP_MET_BY: Record<string, readonly string[]> = {
  accept: ["accept", "reject", "merge_into"],
  resolve: ["resolve", "reject", "merge_into"],
};

/** A deadline is "due soon" in its last 24 hours. */
export const DUE_SOON_MS = 24 * 3_600_000;

/** The readable unified number: the matter's county (or city) code, the Beijing date, a sequence. */
export function ticketNumber(regionCode: string, beijingDate: string, sequence: number): string {
  return `${regionCode.slice(0, 6)}-${beijingDate.replace(/-/g, "")}-${String(sequence).padStart(4, "0")}`;
}

export const isPriorityApplicant = (specialGroups: readonly string[]) => specialGroups.length > 0;

/**
 * The counts the home page shows, each named by the list it links to: the web
 * app turns the same query into the queue page's address, and the count is the
 * list's total because both are `listCondition` of that query.
 */
export const TICKET_COUNTS = {
  mine: { queue: "mine" },
  mine_due_soon: { queue: "mine", due: "due_soon" },
  mine_overdue: { queue: "mine", due: "overdue" },
  unit: { queue: "unit" },
  unassigned: { queue: "unassigned" },
  due_soon: { queue: "due_soon" },
  overdue: { queue: "overdue" },
  bounced: { queue: "bounced" },
  supervised: { queue: "supervised" },
} as const satisfies Record<string, Pick<TicketListQuery, "queue" | "due">>;
export type TicketCountKey = keyof typeof TICKET_COUNTS;

/**
 * 首问责任人: the first person the citizen met, who answers for the request until it is
 * handed over (首问负责制). For a request taken in by staff (window, hotline, a dispatcher's
 * own intake) that is the clerk or operator who registered it — not the dispatcher who
 * accepted it later. A request that came in without a person (portal, WeChat, kiosk, an
 * upstream system) gets one when the first staff member acts on it, which for a submitted
 * ticket is whoever accepts (or refuses) it; the state machine keeps that in
 * `firstResponderId`. Reading it through this function also puts it right for tickets
 * registered before the creator was recorded there, without a migration.
 */
export function firstResponderOf(row: { createdByKind: string; createdBy: string | null; firstResponderId: string | null }): string | null {
  return row.createdByKind === "staff" && row.createdBy ? row.createdBy : row.firstResponderId;
}

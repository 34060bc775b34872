import { zhLabel } from "../../platform/labels.ts";
import type { TicketView } from "../tickets/tickets.types.ts";
import type { TicketPlaceholder } from "./document-kinds.ts";

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 2026年12月2日: the Beijing calendar day of an instant, as documents date themselves. */
export function beijingDateWords(instant: Date): string {
  const wall = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  return `${wall.getUTCFullYear()}年${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日`;
}

/**
 * The ticket's values for the templates, from the ticket as the actor may see it
 * (the tickets module's presenter): phone and ID number are masked there unless
 * the policy lets this actor see them in full, so a document never shows more.
 */
export function ticketValues(view: TicketView, unit: { name: string; regionName: string }, now: Date): Record<TicketPlaceholder, string | null> {
  const counterparty = view.counterparty as { name?: string } | null;
  return {
    ticketNo: view.number,
    serviceType: zhLabel(`services.${view.serviceType}`, view.serviceType),
    category: zhLabel(`categories.${view.category}`, view.category),
    description: view.description,
    receivedDate: beijingDateWords(new Date(view.createdAt)),
    "region.name": view.region.name,
    "unit.name": unit.name,
    "assignee.name": view.assignee?.displayName ?? null,
    "applicant.name": view.applicant.name,
    "applicant.gender": view.applicant.gender ? zhLabel(`tickets.genders.${view.applicant.gender}`, view.applicant.gender) : null,
    "applicant.phone": view.applicant.phone,
    "applicant.idNumber": view.applicant.idNumber,
    "counterparty.name": counterparty?.name ?? null,
    // Legal Aid Law art. 49: objections go to the justice bureau that set up the legal aid body (where the unit sits).
    "justiceBureau.name": `${unit.regionName}司法局`,
    issuedDate: beijingDateWords(now),
  };
}

/** 张* / 欧阳** : what the public verify page shows of a name (the first character). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "*";
  return chars[0] + "*".repeat(Math.max(1, Math.min(chars.length - 1, 3)));
}

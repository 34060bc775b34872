import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { beijingDayEnd, beijingDayStart } from "../../../platform/beijing-time.ts";
import { findTicketOccurrences, type TicketOccurrence } from "../../tickets/queries/find-ticket-occurrences.ts";
import { findRegionRefsCached } from "../../regions/queries/cached-regions.ts";
import type { DrillDownQuery, Measure } from "../analytics.types.ts";
import type { AnalyticsRegion } from "./analytics-region.ts";
import { periodDays } from "./analytics-summary.ts";

/** What each figure counts, as an occurrence in the tickets' trail: the rollups' own definitions (migration 0040). */
export const OCCURRENCE_OF: Record<Measure, TicketOccurrence> = {
  created: { kind: "created" },
  accepted: { kind: "event", type: "action.accept" },
  rejected: { kind: "event", type: "action.reject" },
  resolved: { kind: "event", type: "action.resolve" },
  resolvedFirst: { kind: "event", type: "action.resolve", condition: "firstResolution" },
  resolvedWithDeadline: { kind: "event", type: "action.resolve", condition: "withDeadline" },
  resolvedWithinDeadline: { kind: "event", type: "action.resolve", condition: "withinDeadline" },
  bounced: { kind: "event", type: "action.send_back" },
  reopened: { kind: "event", type: "action.reopen" },
  merged: { kind: "event", type: "action.merge_into" },
  rated: { kind: "event", type: "rating.recorded" },
  ratedLow: { kind: "event", type: "rating.recorded", condition: "lowScore" },
  supervised: { kind: "event", type: "supervision.issued", condition: "manual" },
  escalated: { kind: "event", type: "supervision.issued", condition: "automatic" },
};

/**
 * The tickets behind one figure of a summary (the same filters), one line per
 * occurrence, so the total equals the figure. No personal data: the number and
 * the facts of the matter; the ticket page opens the rest under its own policy.
 */
export async function drillDown(tx: Tx, actor: Actor, _protector: Protector, region: AnalyticsRegion, query: DrillDownQuery) {
  periodDays(query.from, query.to);
  const { items, total } = await findTicketOccurrences(tx, actor, {
    regionPath: region.path,
    from: beijingDayStart(query.from),
    to: beijingDayEnd(query.to),
    channel: query.channel,
    serviceType: query.serviceType,
    category: query.category,
    occurrence: OCCURRENCE_OF[query.measure],
    limit: query.limit ?? 50,
    offset: query.offset ?? 0,
  });
  const regions = await findRegionRefsCached(tx, items.map((i) => i.ticket.regionCode));
  return {
    measure: query.measure,
    total,
    items: items.map(({ ticket, at }) => ({
      at: at.toISOString(),
      ticket: {
        id: ticket.id,
        number: ticket.number,
        channel: ticket.channel,
        serviceType: ticket.serviceType,
        category: ticket.category,
        region: { code: ticket.regionCode, name: regions.get(ticket.regionCode)?.name ?? ticket.regionCode },
        status: ticket.status,
        dueState: ticket.dueState,
        createdAt: ticket.createdAt.toISOString(),
      },
    })),
  };
}

import { pgTable, text, integer, bigint, date, primaryKey } from "drizzle-orm/pg-core";

/**
 * The analytics rollup (migration 0040, docs/analytics.md): per region node (the
 * ticket's own and each ancestor), Beijing day, channel, service type and dispute
 * category, the counts of what happened that day. Written only by
 * commands/add-to-rollups.ts (in the ticket's transaction) and analytics_rebuild().
 */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    regionPath: text("region_path").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    channel: text("channel").notNull(),
    serviceType: text("service_type").notNull(),
    category: text("category").notNull(),
    created: integer("created").notNull(),
    accepted: integer("accepted").notNull(),
    acceptSeconds: bigint("accept_seconds", { mode: "number" }).notNull(),
    rejected: integer("rejected").notNull(),
    resolved: integer("resolved").notNull(),
    resolvedFirst: integer("resolved_first").notNull(),
    resolveSeconds: bigint("resolve_seconds", { mode: "number" }).notNull(),
    resolvedWithDeadline: integer("resolved_with_deadline").notNull(),
    resolvedWithinDeadline: integer("resolved_within_deadline").notNull(),
    bounced: integer("bounced").notNull(),
    reopened: integer("reopened").notNull(),
    merged: integer("merged").notNull(),
    rated: integer("rated").notNull(),
    ratingPoints: bigint("rating_points", { mode: "number" }).notNull(),
    ratedLow: integer("rated_low").notNull(),
    supervised: integer("supervised").notNull(),
    escalated: integer("escalated").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionPath, t.day, t.channel, t.serviceType, t.category] })],
);

/** The counted columns, in the order of the table. */
export const MEASURE_COLUMNS = [
  "created", "accepted", "acceptSeconds", "rejected", "resolved", "resolvedFirst", "resolveSeconds", "resolvedWithDeadline",
  "resolvedWithinDeadline", "bounced", "reopened", "merged", "rated", "ratingPoints", "ratedLow",
  "supervised", "escalated",
] as const;
export type RollupCounts = Record<(typeof MEASURE_COLUMNS)[number], number>;

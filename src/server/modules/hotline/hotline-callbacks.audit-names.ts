import { eq, inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { hotlineCallbacks, hotlineCalls, hotlineQualityReviews } from "./hotline.tables.ts";

/** A callback (回拨) in the audit log is its kind and due time; a quality review (质检) its call's id. */
export function registerHotlineCallbackAuditNames(): void {
  registerAuditSubject("hotline_callback", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: hotlineCallbacks.id, kind: hotlineCallbacks.kind, dueAt: hotlineCallbacks.dueAt }).from(hotlineCallbacks).where(inArray(hotlineCallbacks.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.kind, secondary: r.dueAt.toISOString() }]));
    },
    async find() {
      return [];
    },
  });
  registerAuditSubject("hotline_quality_review", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx
        .select({ id: hotlineQualityReviews.id, callId: hotlineCalls.callId })
        .from(hotlineQualityReviews)
        .innerJoin(hotlineCalls, eq(hotlineCalls.id, hotlineQualityReviews.callRef))
        .where(inArray(hotlineQualityReviews.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.callId }]));
    },
    async find(tx, text) {
      const rows = await tx
        .select({ id: hotlineQualityReviews.id })
        .from(hotlineQualityReviews)
        .innerJoin(hotlineCalls, eq(hotlineCalls.id, hotlineQualityReviews.callRef))
        .where(eq(hotlineCalls.callId, text))
        .limit(50);
      return rows.map((r) => r.id);
    },
  });
}

import { eq, inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { hotlineCalls } from "./hotline.tables.ts";

/** A call in the audit log is the phone system's call id and its seat (never the caller's number). */
export function registerHotlineDeskActionAuditNames(): void {
  registerAuditSubject("hotline_call", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: hotlineCalls.id, callId: hotlineCalls.callId, seat: hotlineCalls.seat }).from(hotlineCalls).where(inArray(hotlineCalls.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.callId, ...(r.seat ? { secondary: r.seat } : {}) }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: hotlineCalls.id }).from(hotlineCalls).where(eq(hotlineCalls.callId, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}

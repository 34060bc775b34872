import type { SQL } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import type { Key } from "../../../platform/keys.ts";
import { verifyTicketChains, type TicketChainReport } from "../../tickets/queries/ticket-audit.ts";
import { verifyAuditLog } from "../../audit/queries/verify-audit-log.ts";
import { verifyCheckpoints, type CheckpointsReport } from "./verify-checkpoints.ts";

const BATCH = 500;
/** Broken tickets listed in a report; the count is always whole. */
const LISTED = 200;

export type AuditTrailReport = {
  verified: boolean;
  tickets: { checked: number; events: number; brokenCount: number; broken: Omit<TicketChainReport, "keyIds" | "events" | "regionPath">[] };
  auditLog: Awaited<ReturnType<typeof verifyAuditLog>> | null;
  checkpoints: CheckpointsReport | null;
  keyIds: string[];
};

/**
 * Re-verifies the audit trail: every ticket chain `scope` allows (a batch per
 * repeatable-read transaction, so a ticket's head and events are read at one
 * instant), and — for the whole trail only — the audit log chain and the
 * checkpoints. For `santai verify-audit` and GET /api/audit/verify.
 */
export async function verifyAuditTrail(db: Db, keys: ReadonlyMap<string, Key>, options: { scope?: SQL; isWholeTrail: boolean }): Promise<AuditTrailReport> {
  const report: AuditTrailReport = { verified: true, tickets: { checked: 0, events: 0, brokenCount: 0, broken: [] }, auditLog: null, checkpoints: null, keyIds: [] };
  const keyIds = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const batch = await db.transaction((tx) => verifyTicketChains(tx, keys, { after, limit: BATCH, scope: options.scope }), { isolationLevel: "repeatable read", accessMode: "read only" });
    for (const t of batch) {
      report.tickets.checked += 1;
      report.tickets.events += t.events;
      for (const id of t.keyIds) keyIds.add(id);
      if (t.brokenAtSeq !== null) {
        report.tickets.brokenCount += 1;
        if (report.tickets.broken.length < LISTED) report.tickets.broken.push({ ticketId: t.ticketId, number: t.number, brokenAtSeq: t.brokenAtSeq, reason: t.reason });
      }
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].ticketId;
  }
  if (options.isWholeTrail) {
    await db.transaction(
      async (tx) => {
        report.auditLog = await verifyAuditLog(tx, keys);
        report.checkpoints = await verifyCheckpoints(tx, keys);
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    for (const id of report.auditLog!.keyIds) keyIds.add(id);
  }
  report.keyIds = [...keyIds];
  report.verified = report.tickets.brokenCount === 0 && (report.auditLog?.verified ?? true) && (report.checkpoints?.verified ?? true);
  return report;
}

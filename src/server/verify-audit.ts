/**
 * `santai verify-audit`: re-verifies the whole audit trail under the audit key
 * (docs/audit-trail.md) and prints a summary; false on any break.
 */
import type { Database } from "./platform/db/index.ts";
import { auditChainKeys, hasAuditKey } from "./platform/audit-chain.ts";
import { AppError } from "./platform/errors.ts";
import { verifyAuditTrail } from "./modules/checkpoints/queries/verify-audit-trail.ts";
import { compareWithExport, type CheckpointExport } from "./modules/checkpoints/queries/verify-checkpoints.ts";

export async function verifyAuditCommand(database: Database, options: { checkpointFile: string | null; log: (line: string) => void }): Promise<boolean> {
  const { log } = options;
  if (!hasAuditKey(database)) throw new AppError("VALIDATION_FAILED", "verify-audit needs the audit key: set SANTAI_AUDIT_KEY or SANTAI_KEY_FILE (docs/keys.md)");
  const report = await verifyAuditTrail(database.db, auditChainKeys(database.db).keys, { isWholeTrail: true });
  const { tickets, auditLog, checkpoints } = report;
  log(`Tickets: ${tickets.checked} checked (${tickets.events} events), ${tickets.brokenCount} broken`);
  for (const t of tickets.broken) log(`  BROKEN ticket ${t.number} (${t.ticketId}) at event ${t.brokenAtSeq}: ${t.reason}`);
  if (auditLog) {
    log(`Audit log: ${auditLog.checked} entries checked, ${auditLog.verified ? "intact" : "BROKEN"}`);
    if (auditLog.brokenAtSeq !== null) log(`  BROKEN audit log at seq ${auditLog.brokenAtSeq}: ${auditLog.reason}`);
    if (auditLog.unchained > 0) log(`  BROKEN: ${auditLog.unchained} audit entries outside the chain`);
  }
  if (checkpoints) {
    log(`Checkpoints: ${checkpoints.checked} checked${checkpoints.latestDay ? ` (latest ${checkpoints.latestDay})` : ""}, ${checkpoints.verified ? "intact" : "BROKEN"}`);
    for (const c of checkpoints.broken) log(`  BROKEN checkpoint ${c.day}: ${c.reason}`);
  }
  let isIntact = report.verified;
  if (options.checkpointFile) {
    let file: CheckpointExport;
    try {
      file = JSON.parse(options.checkpointFile) as CheckpointExport;
    } catch {
      throw new AppError("VALIDATION_FAILED", "--checkpoint: the file is not JSON");
    }
    if (file.format !== "santai-audit-checkpoint/1" || !Array.isArray(file.tickets)) throw new AppError("VALIDATION_FAILED", "--checkpoint: not a Santai checkpoint export");
    const comparison = await database.db.transaction((tx) => compareWithExport(tx, file), { isolationLevel: "repeatable read", accessMode: "read only" });
    log(`Exported checkpoint ${file.day}: ${comparison.isCheckpointKept ? "still in the database" : "MISSING or CHANGED in the database"}, ${comparison.changed.length} ticket(s) differ`);
    for (const c of comparison.changed.slice(0, 200)) {
      log(`  CHANGED ticket ${c.ticketId}: then ${c.then ? `${c.then.seq}/${c.then.hash.slice(0, 12)}` : "absent"}, now ${c.now ? `${c.now.seq}/${c.now.hash.slice(0, 12)}` : "absent"}`);
    }
    isIntact &&= comparison.verified;
  }
  log(isIntact ? "The audit trail verifies." : "The audit trail does NOT verify.");
  return isIntact;
}

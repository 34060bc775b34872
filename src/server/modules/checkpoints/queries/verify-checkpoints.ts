import { asc, desc, eq, lt } from "drizzle-orm";
import { GENESIS_HASH, isSameMac } from "../../../platform/audit-chain.ts";
import { formatBeijingDeadline } from "../../../platform/beijing-time.ts";
import type { Tx } from "../../../platform/db/index.ts";
import type { Key } from "../../../platform/keys.ts";
import type { TicketHeadAt } from "../../tickets/queries/ticket-heads.ts";
import { auditCheckpoints, type CheckpointRow } from "../checkpoints.tables.ts";
import { checkpointHash, checkpointStateAsOf, type CheckpointState } from "../checkpoint-digest.ts";

export type CheckpointBreak = "link" | "content" | "unknown_key" | "state";

export type CheckpointsReport = {
  checked: number;
  verified: boolean;
  latestDay: string | null;
  broken: { day: string; reason: CheckpointBreak }[];
};

const sameState = (a: CheckpointState, b: CheckpointState) =>
  a.ticketCount === b.ticketCount && a.ticketsDigest === b.ticketsDigest && a.auditSeq === b.auditSeq && a.auditHash === b.auditHash;

/** Whether the row's own link holds: its HMAC under the key it names, and its link to the previous checkpoint. */
function checkRow(row: CheckpointRow, prevHash: string, keys: ReadonlyMap<string, Key>): CheckpointBreak | null {
  if (row.prevHash !== prevHash) return "link";
  const key = keys.get(row.keyId);
  if (!key) return "unknown_key";
  return isSameMac(checkpointHash(key, row), row.hash) ? null : "content";
}

/**
 * Re-checks every checkpoint's HMAC and its link to the one before, and
 * recomputes the latest one's state from the events and entries of today. The
 * latest suffices: each ticket's head as of its cutoff chains back over every
 * earlier event, so anything changed, removed or added before that cutoff changes
 * the state (docs/audit-trail.md).
 */
export async function verifyCheckpoints(tx: Tx, keys: ReadonlyMap<string, Key>): Promise<CheckpointsReport> {
  const rows = await tx.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.day));
  const broken: CheckpointsReport["broken"] = [];
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const reason = checkRow(row, prev, keys);
    if (reason) broken.push({ day: row.day, reason });
    prev = row.hash;
  }
  const latest = rows.at(-1);
  if (latest && !sameState(await checkpointStateAsOf(tx, latest.cutoff), latest)) broken.push({ day: latest.day, reason: "state" });
  return { checked: rows.length, verified: broken.length === 0, latestDay: latest?.day ?? null, broken };
}

export type CheckpointExport = {
  format: "santai-audit-checkpoint/1";
  day: string;
  cutoff: string;
  /** The cutoff in Beijing time, for people ("2026-12-01 24:00": the end of the day). */
  cutoffBeijing: string;
  madeAt: string;
  ticketCount: number;
  ticketsDigest: string;
  auditLog: { seq: number; hash: string };
  keyId: string;
  prevHash: string;
  hash: string;
  /** Whether the checkpoint's HMAC and the trail's state recomputed at export still match it. */
  verified: boolean;
  exportedAt: string;
  /** Every ticket's head as of the cutoff, recomputed at export: what a later comparison names tickets by. */
  tickets: TicketHeadAt[];
};

/** The checkpoint of a day as a file to keep elsewhere (GET /api/audit/checkpoints/:day, docs/audit-trail.md); null if none. */
export async function exportCheckpoint(tx: Tx, day: string, keys: ReadonlyMap<string, Key>, now: Date): Promise<CheckpointExport | null> {
  const [row] = await tx.select().from(auditCheckpoints).where(eq(auditCheckpoints.day, day)).limit(1);
  if (!row) return null;
  const [previous] = await tx.select({ hash: auditCheckpoints.hash }).from(auditCheckpoints).where(lt(auditCheckpoints.day, day)).orderBy(desc(auditCheckpoints.day)).limit(1);
  const tickets: TicketHeadAt[] = [];
  const state = await checkpointStateAsOf(tx, row.cutoff, (head) => tickets.push(head));
  const verified = checkRow(row, previous?.hash ?? GENESIS_HASH, keys) === null && sameState(state, row);
  return {
    format: "santai-audit-checkpoint/1",
    day: row.day,
    cutoff: row.cutoff.toISOString(),
    cutoffBeijing: formatBeijingDeadline(row.cutoff),
    madeAt: row.madeAt.toISOString(),
    ticketCount: row.ticketCount,
    ticketsDigest: row.ticketsDigest,
    auditLog: { seq: row.auditSeq, hash: row.auditHash },
    keyId: row.keyId,
    prevHash: row.prevHash,
    hash: row.hash,
    verified,
    exportedAt: now.toISOString(),
    tickets,
  };
}

/**
 * Compares a checkpoint exported earlier (and kept elsewhere) with the trail
 * now: the checkpoint must still be in the database unchanged, and every ticket's
 * head as of its cutoff must be what the file lists — a ticket missing now, or
 * whose head differs, is named. This is what finds a ticket deleted whole, or a
 * history rewritten by someone holding the key, since the export.
 */
export async function compareWithExport(tx: Tx, file: CheckpointExport) {
  const [row] = await tx.select().from(auditCheckpoints).where(eq(auditCheckpoints.day, file.day)).limit(1);
  const isCheckpointKept = Boolean(row && row.hash === file.hash);
  const listed = new Map(file.tickets.map((t) => [t.ticketId, t]));
  const changed: { ticketId: string; then: { seq: number; hash: string } | null; now: { seq: number; hash: string } | null }[] = [];
  await checkpointStateAsOf(tx, new Date(file.cutoff), (head) => {
    const then = listed.get(head.ticketId);
    listed.delete(head.ticketId);
    if (!then || then.seq !== head.seq || then.hash !== head.hash) changed.push({ ticketId: head.ticketId, then: then ? { seq: then.seq, hash: then.hash } : null, now: { seq: head.seq, hash: head.hash } });
  });
  for (const then of listed.values()) changed.push({ ticketId: then.ticketId, then: { seq: then.seq, hash: then.hash }, now: null });
  return { day: file.day, isCheckpointKept, changed, verified: isCheckpointKept && changed.length === 0 };
}

import { desc, eq } from "drizzle-orm";
import { auditChainKeys, GENESIS_HASH } from "../../../platform/audit-chain.ts";
import type { Tx } from "../../../platform/db/index.ts";
import { addDays, beijingDate, endOfBeijingDay } from "../../calendar/working-calendar.ts";
import { auditCheckpoints, type CheckpointRow } from "../checkpoints.tables.ts";
import { checkpointHash, checkpointStateAsOf } from "../checkpoint-digest.ts";

/**
 * How long after a Beijing midnight the day's checkpoint waits: a transaction
 * that recorded an event just before midnight has committed by then, so the
 * checkpoint sees everything with `at` before the cutoff and recomputes the same later.
 */
export const CHECKPOINT_GRACE_MS = 10 * 60_000;

/** The last Beijing day that ended more than the grace period before `now`: the one whose checkpoint is due. */
export const dueCheckpointDay = (now: Date): string => addDays(beijingDate(new Date(now.getTime() - CHECKPOINT_GRACE_MS)), -1);

/**
 * 日终校验点: the checkpoint of the last Beijing day that ended (more than the
 * grace period ago), unless it exists: the state of the whole audit trail as of
 * that day's end, HMAC'd under the audit key and chained to the previous
 * checkpoint. Idempotent: a day has one checkpoint (its primary key). Returns
 * the checkpoint made, or null when there was nothing to do.
 */
export async function makeDailyCheckpoint(tx: Tx, now: Date): Promise<CheckpointRow | null> {
  const day = dueCheckpointDay(now);
  const [existing] = await tx.select({ day: auditCheckpoints.day }).from(auditCheckpoints).where(eq(auditCheckpoints.day, day)).limit(1);
  if (existing) return null;
  const { signing } = auditChainKeys(tx);
  const [previous] = await tx.select({ hash: auditCheckpoints.hash, day: auditCheckpoints.day }).from(auditCheckpoints).orderBy(desc(auditCheckpoints.day)).limit(1);
  // Days are made in order; a later day already made (a clock moved back) is left alone.
  if (previous && previous.day > day) return null;
  const cutoff = endOfBeijingDay(day);
  const state = await checkpointStateAsOf(tx, cutoff);
  const fields = { day, cutoff, madeAt: now, ...state, prevHash: previous?.hash ?? GENESIS_HASH };
  const row: CheckpointRow = { ...fields, keyId: signing.id, hash: checkpointHash(signing, fields) };
  const [inserted] = await tx.insert(auditCheckpoints).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

import { createHash } from "node:crypto";
import { chainMac } from "../../platform/audit-chain.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { Key } from "../../platform/keys.ts";
import { ticketHeadsAsOf, type TicketHeadAt } from "../tickets/queries/ticket-heads.ts";
import { auditLogHeadAsOf } from "../audit/queries/verify-audit-log.ts";
import type { CheckpointRow } from "./checkpoints.tables.ts";

const PAGE = 5000;
const CHECKPOINT_DOMAIN = "santai/audit-checkpoint/v1";

export type CheckpointState = {
  ticketCount: number;
  /** SHA-256 over one line per ticket, in id order: `<ticket id> <seq> <hash>\n`. */
  ticketsDigest: string;
  auditSeq: number;
  auditHash: string;
};

/**
 * The state of the audit trail as of `cutoff`, computed from the events and
 * entries alone: every ticket's head (in id order) hashed into one digest, and
 * the audit log's head. `onHead` sees each ticket's head (the export lists them).
 */
export async function checkpointStateAsOf(tx: Tx, cutoff: Date, onHead?: (head: TicketHeadAt) => void): Promise<CheckpointState> {
  const digest = createHash("sha256");
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const page = await ticketHeadsAsOf(tx, cutoff, after, PAGE);
    for (const head of page) {
      digest.update(`${head.ticketId} ${head.seq} ${head.hash}\n`);
      onHead?.(head);
    }
    count += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1].ticketId;
  }
  const audit = await auditLogHeadAsOf(tx, cutoff);
  return { ticketCount: count, ticketsDigest: digest.digest("hex"), auditSeq: audit.seq, auditHash: audit.hash };
}

/** The checkpoint's HMAC under the audit key: every stored field (the key id too) and the previous checkpoint's hash. */
export const checkpointHash = (key: Key, row: Pick<CheckpointRow, "day" | "cutoff" | "madeAt" | "ticketCount" | "ticketsDigest" | "auditSeq" | "auditHash" | "prevHash">) =>
  chainMac(key, CHECKPOINT_DOMAIN, row.prevHash, {
    day: row.day,
    cutoff: row.cutoff.toISOString(),
    madeAt: row.madeAt.toISOString(),
    ticketCount: row.ticketCount,
    ticketsDigest: row.ticketsDigest,
    auditSeq: row.auditSeq,
    auditHash: row.auditHash,
    keyId: key.id,
  });

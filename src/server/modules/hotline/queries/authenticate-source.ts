import { and, eq, lt } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { isSignatureValid, MAX_SKEW_SECONDS, readSignedHeaders, replayedSignature, wrongSignature } from "../../upstream/signature.ts";
import { hotlineNonces, hotlineSources } from "../hotline.tables.ts";

export type HotlineSourceCaller = { id: string; name: string; regionPath: string };
export type IdentifiedSource = { caller: HotlineSourceCaller; secret: string; timestamp: string; signature: string };

/**
 * The phone system that claims to send this request, from its headers only (run
 * before the body is read): the same three headers and rules as the upstream
 * ticket API (modules/upstream/signature.ts). An unknown or disabled key is
 * answered as a wrong signature.
 */
export async function identifySource(tx: Tx, protector: Protector, headers: Record<string, string | string[] | undefined>, now: Date): Promise<IdentifiedSource> {
  const { key, timestamp, signature } = readSignedHeaders(headers, now);
  const [row] = await tx.select().from(hotlineSources).where(eq(hotlineSources.apiKey, key)).limit(1);
  const secret = row && !row.isDisabled ? protector.tryDecrypt(row.secret) : null;
  if (!row || secret === null) throw wrongSignature();
  return { caller: { id: row.id, name: row.name, regionPath: row.regionPath }, secret, timestamp, signature };
}

/** When this process last swept the nonces that can no longer be replayed (their timestamps would be refused anyway), by source. */
const lastSweep = new Map<string, number>();
const SWEEP_EVERY_MS = 60_000;

/**
 * Refuses a signature that does not hold over the exact body (checked before the
 * body is parsed: an unsigned caller learns nothing about its shape).
 */
export function checkSourceSignature(identified: IdentifiedSource, rawBody: Buffer): void {
  if (!isSignatureValid(identified.secret, identified.timestamp, rawBody, identified.signature)) throw wrongSignature();
}

/**
 * A signed request is taken once: a request captured and sent again within the
 * allowed skew is refused (the signature is kept as a nonce while its timestamp
 * would pass, then forgotten). Claimed inside the transaction that does the
 * request's work, so it costs no commit of its own: a request refused after this
 * leaves no nonce, and sent again it is refused again for the same reason. A phone
 * system that resends an event signs it anew; the event id makes that idempotent.
 * A source's nonces older than twice the skew are swept at most once a minute per process.
 */
export async function claimSignature(tx: Tx, identified: IdentifiedSource, now: Date): Promise<void> {
  const swept = lastSweep.get(identified.caller.id);
  if (swept === undefined || Math.abs(now.getTime() - swept) >= SWEEP_EVERY_MS) {
    lastSweep.set(identified.caller.id, now.getTime());
    await tx.delete(hotlineNonces).where(and(eq(hotlineNonces.sourceId, identified.caller.id), lt(hotlineNonces.seenAt, new Date(now.getTime() - 2 * MAX_SKEW_SECONDS * 1000))));
  }
  const inserted = await tx
    .insert(hotlineNonces)
    .values({ signature: identified.signature.toLowerCase(), sourceId: identified.caller.id, seenAt: now })
    .onConflictDoNothing()
    .returning({ signature: hotlineNonces.signature });
  if (!inserted.length) throw replayedSignature();
}

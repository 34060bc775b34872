import { chainMac, GENESIS_HASH, isSameMac, legacyHash } from "../../platform/audit-chain.ts";
import type { Key } from "../../platform/keys.ts";

export { canonicalJson, GENESIS_HASH } from "../../platform/audit-chain.ts";

/** Every stored column of a ticket event but its id (a serial, not content). */
export type ChainedEvent = {
  ticketId: string;
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  type: string;
  data: Record<string, unknown>;
  /** The audit key that made `hash`; null only on a row from before migration 0013 not yet re-chained. */
  keyId: string | null;
  prevHash: string;
  hash: string;
};

/** The ticket's chain head as the tickets row keeps it: the last event's seq and hash (0 and GENESIS before any). */
export type ChainHead = { seq: number; hash: string };

/** Why a chain does not hold, for the report and the timeline. */
export type BreakReason =
  /** A seq is missing or repeated (an event deleted or inserted). */
  | "sequence"
  /** prev_hash is not the previous event's hash (an event deleted, reordered or replaced). */
  | "link"
  /** The HMAC does not match the stored content (the row was edited). */
  | "content"
  /** The row names a key this server does not hold, or none (an unkeyed row). */
  | "unknown_key"
  /** The ticket's head does not match its last event (events deleted from the end, or the head edited). */
  | "head";

export type ChainCheck = { brokenAtSeq: number | null; reason: BreakReason | null; keyIds: string[] };

const EVENT_DOMAIN = "santai/ticket-event/v2";

/** The content a link covers: every stored field, the key id included. */
const contentOf = (event: Omit<ChainedEvent, "prevHash" | "hash">) => ({
  ticketId: event.ticketId,
  seq: event.seq,
  at: event.at.toISOString(),
  actorKind: event.actorKind,
  actorId: event.actorId,
  actorName: event.actorName,
  type: event.type,
  data: event.data,
  keyId: event.keyId,
});

/** HMAC-SHA256 under the audit key over the previous hash and every stored field of the event. */
export const eventHash = (key: Key, prevHash: string, event: Omit<ChainedEvent, "prevHash" | "hash" | "keyId">): string =>
  chainMac(key, EVENT_DOMAIN, prevHash, contentOf({ ...event, keyId: key.id }));

/** The unkeyed hash of before migration 0013 (its content had no actor name and no key): only for checking legacy rows once. */
export const legacyEventHash = (prevHash: string, event: Omit<ChainedEvent, "prevHash" | "hash" | "keyId" | "actorName">): string =>
  legacyHash(prevHash, { ticketId: event.ticketId, seq: event.seq, at: event.at.toISOString(), actorKind: event.actorKind, actorId: event.actorId, type: event.type, data: event.data });

/**
 * Re-checks a ticket's events in order — sequence without gaps, each linked to
 * the previous hash, each HMAC matching its content under the key it names —
 * and, given the ticket's head, that the last event is the one the head
 * names (so events deleted from the end show). Returns the first broken seq.
 */
export function findBrokenLink(events: readonly ChainedEvent[], keys: ReadonlyMap<string, Key>, head?: ChainHead): ChainCheck {
  let prev = GENESIS_HASH;
  const keyIds = new Set<string>();
  const broken = (seq: number, reason: BreakReason): ChainCheck => ({ brokenAtSeq: seq, reason, keyIds: [...keyIds] });
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.seq !== i + 1) return broken(i + 1, "sequence");
    if (event.prevHash !== prev) return broken(event.seq, "link");
    const key = event.keyId ? keys.get(event.keyId) : undefined;
    if (!key) return broken(event.seq, "unknown_key");
    keyIds.add(key.id);
    if (!isSameMac(eventHash(key, prev, event), event.hash)) return broken(event.seq, "content");
    prev = event.hash;
  }
  if (head && (head.seq !== events.length || head.hash !== prev)) {
    // The first event the head and the events disagree about: the first one missing, the first one past the head, or the last.
    const n = events.length;
    return broken(head.seq > n ? n + 1 : head.seq < n ? head.seq + 1 : Math.max(n, 1), "head");
  }
  return { brokenAtSeq: null, reason: null, keyIds: [...keyIds] };
}

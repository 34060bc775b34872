import { createHash } from "node:crypto";

/** The first event of a ticket is chained to this. */
export const GENESIS_HASH = "0".repeat(64);

export type ChainedEvent = {
  ticketId: string;
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

/** JSON with object keys sorted at every level, so the same value always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 over the previous hash and the event's content. */
export function eventHash(prevHash: string, event: Omit<ChainedEvent, "prevHash" | "hash">): string {
  const content = canonicalJson({
    ticketId: event.ticketId,
    seq: event.seq,
    at: event.at.toISOString(),
    actorKind: event.actorKind,
    actorId: event.actorId,
    type: event.type,
    data: event.data,
  });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/**
 * Re-checks a ticket's events in order: sequence without gaps, each linked to the
 * previous hash, each hash matching its content. Returns the first broken seq, or null.
 */
export function findBrokenLink(events: ChainedEvent[]): number | null {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.seq !== i + 1 || event.prevHash !== prev || eventHash(prev, event) !== event.hash) return event.seq;
    prev = event.hash;
  }
  return null;
}

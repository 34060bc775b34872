import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { presentSealed, type Protector } from "../../../platform/personal/protect.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { notifications } from "../notifications.tables.ts";
import { notificationScope } from "../notifications.policy.ts";
import { renderNotification, revealNothing } from "../notification-texts.ts";
import type { NotificationListQuery } from "../notifications.types.ts";

/**
 * Where the outbox page may show a one-time code in clear: only messages that
 * stayed in the development channel (delivered via 'dev', or still pending while
 * no SMS gateway is configured, so they will be), and only until the code expires.
 * A message a real gateway sent keeps its code hidden: it reached a phone.
 */
export type CodeReveal = { now: Date; isDevelopmentChannel: boolean };

const isRevealable = (n: typeof notifications.$inferSelect, reveal: CodeReveal | undefined): boolean => {
  if (!reveal || n.template !== "one_time_code") return false;
  const expiresAt = typeof n.payload.expiresAt === "string" ? Date.parse(n.payload.expiresAt) : NaN;
  if (!(expiresAt > reveal.now.getTime())) return false;
  return n.deliveredVia === "dev" || (n.state === "pending" && reveal.isDevelopmentChannel && n.channel === "sms") || n.channel === "dev";
};

/**
 * The outbox as admins read it (the dev channel's inbox): rendered text,
 * delivery state, the recipient masked. Rows follow the scope of the region they concern.
 */
export async function findNotifications(tx: Tx, actor: Actor, protector: Protector, query: NotificationListQuery, reveal?: CodeReveal) {
  const conditions: SQL[] = [notificationScope(actor)];
  if (query.state) conditions.push(eq(notifications.state, query.state));
  const where = and(...conditions);
  // One after the other: inside a transaction both would share one connection.
  const rows = await tx
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(notifications).where(where);
  const items = rows.map((n) => ({
    id: n.id,
    // Messages about a ticket carry its number in the payload, so the outbox needs no ticket lookup.
    ticket: n.ticketId ? { id: n.ticketId, number: typeof n.payload.number === "string" ? n.payload.number : "" } : null,
    channel: n.channel,
    deliveredVia: n.deliveredVia,
    // Sealed under a key this server lacks (e.g. a restored backup): a marker, not a 500.
    recipient: presentSealed(protector, n.recipient, maskPhone) ?? "",
    template: n.template,
    text: renderNotification(n.template, n.payload, isRevealable(n, reveal) ? (sealed) => protector.tryDecrypt(sealed) : revealNothing),
    state: n.state,
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.nextAttemptAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  }));
  return { items, total };
}

import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { presentSealed, type Protector } from "../../../platform/personal/protect.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { notifications } from "../notifications.tables.ts";
import { notificationScope } from "../notifications.policy.ts";
import { renderNotification } from "../notification-texts.ts";
import type { NotificationListQuery } from "../notifications.types.ts";

/**
 * The outbox as admins read it (the dev channel's inbox): rendered text,
 * delivery state, the recipient masked. Rows follow the scope of the region they concern.
 */
export async function findNotifications(tx: Tx, actor: Actor, protector: Protector, query: NotificationListQuery) {
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
    text: renderNotification(n.template, n.payload),
    state: n.state,
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.nextAttemptAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  }));
  return { items, total };
}

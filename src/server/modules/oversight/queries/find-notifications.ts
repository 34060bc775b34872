import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { maskPhone } from "../../../platform/personal/identity.ts";
import { notifications, tickets } from "../../tickets/tickets.tables.ts";
import { ticketScope } from "../../tickets/tickets.policy.ts";
import { renderNotification } from "../notification-texts.ts";
import type { NotificationListQuery } from "../oversight.types.ts";

/**
 * The outbox as admins read it (the dev channel's inbox): rendered text,
 * delivery state, the recipient masked. Rows follow their ticket's scope.
 */
export async function findNotifications(tx: Tx, actor: Actor, protector: Protector, query: NotificationListQuery) {
  const conditions: SQL[] = [ticketScope(actor)];
  if (query.state) conditions.push(eq(notifications.state, query.state));
  const where = and(...conditions);
  // One after the other: inside a transaction both would share one connection.
  const rows = await tx
    .select({ n: notifications, deliveredVia: sql<string | null>`${notifications}.delivered_via`, ticket: { id: tickets.id, number: tickets.number } })
    .from(notifications)
    .innerJoin(tickets, eq(tickets.id, notifications.ticketId))
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(notifications).innerJoin(tickets, eq(tickets.id, notifications.ticketId)).where(where);
  const items = rows.map(({ n, deliveredVia, ticket }) => ({
    id: n.id,
    ticket,
    channel: n.channel,
    deliveredVia,
    recipient: maskRecipient(protector, n.recipient),
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

function maskRecipient(protector: Protector, sealed: string): string {
  try {
    return maskPhone(protector.decrypt(sealed));
  } catch {
    // Sealed under another key (e.g. a restored backup): show that, not a 500.
    return "（无法解密）";
  }
}

import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { TicketRow } from "../../tickets/queries/get-ticket.ts";
import type { UpstreamCallbackPayload } from "../upstream.tables.ts";

/**
 * Tells the platform that sent a ticket down that its status changed: puts a
 * callback in the outbox, in the ticket's transaction (delivered after commit by
 * deliverUpstreamCallbacks). Does nothing for other tickets, for steps that keep
 * the status, or when the client has no callback URL.
 */
export async function queueUpstreamCallback(tx: Tx, before: TicketRow, status: string, now: Date): Promise<void> {
  if (!before.upstreamClientId || !before.upstreamRef || before.status === status) return;
  const payload: UpstreamCallbackPayload = { externalRef: before.upstreamRef, number: before.number, status, at: now.toISOString() };
  await tx.execute(sql`
    insert into upstream_callbacks (client_id, ticket_id, payload, next_attempt_at, created_at)
    select id, ${before.id}, ${JSON.stringify(payload)}::jsonb, ${now}, ${now}
    from upstream_clients where id = ${before.upstreamClientId} and callback_url is not null`);
}

import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { ticketMessages } from "../requests.tables.ts";
import type { MessageView } from "../requests.types.ts";

/**
 * A request's thread, in the order written, as `viewer` may read it: staff see who of
 * them wrote; the applicant (or someone tracking the request) sees "staff" and
 * the unit, never a staff member's name.
 */
export async function findMessages(tx: Tx, ticketId: string, viewer: Actor | "applicant"): Promise<MessageView[]> {
  const rows = await tx.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticketId)).orderBy(asc(ticketMessages.seq));
  const isStaffViewer = viewer !== "applicant" && viewer.kind === "staff";
  return rows.map((row) => ({
    id: row.id,
    from: row.authorKind,
    authorName: isStaffViewer ? row.authorName : null,
    body: row.body,
    at: row.createdAt.toISOString(),
  }));
}

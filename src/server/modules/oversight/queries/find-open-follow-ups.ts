import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { followUps } from "../oversight.tables.ts";

/** A ticket's follow-up (回访) tasks still to be done, for the modules that work them (the hotline's callback desk). */
export async function findOpenFollowUps(tx: Tx, ticketId: string): Promise<{ id: string; method: "phone" | "message"; reason: string; role: string; dueAt: Date }[]> {
  return tx
    .select({ id: followUps.id, method: followUps.method, reason: followUps.reason, role: followUps.role, dueAt: followUps.dueAt })
    .from(followUps)
    .where(and(eq(followUps.ticketId, ticketId), isNull(followUps.doneAt)));
}

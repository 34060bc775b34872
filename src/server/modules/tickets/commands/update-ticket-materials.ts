import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { checklistFor } from "../../services/queries/find-service-settings.ts";
import { lockTicket } from "../queries/get-ticket.ts";
import { recordTicketEvent } from "./record-ticket-event.ts";
import { EDITABLE_STATUSES, ticketPolicy } from "../tickets.policy.ts";
import { tickets } from "../tickets.tables.ts";

/** Which checklist items (一次性告知) the applicant has handed in, replacing the previous list. */
export async function updateTicketMaterials(tx: Tx, actor: Actor, ticketId: string, materialsProvided: string[], now: Date): Promise<void> {
  const row = await lockTicket(tx, ticketId);
  ticketPolicy.authorize(actor, "updateMaterials", row);
  if (!EDITABLE_STATUSES.includes(row.status)) {
    throw new AppError("INVALID_TRANSITION", `A ${row.status} ticket is read-only`, { field: "materialsProvided" });
  }
  const keys = new Set((await checklistFor(tx, row.serviceType, row.regionPath)).map((item) => item.key));
  const unknown = materialsProvided.findIndex((key) => !keys.has(key));
  if (unknown !== -1) {
    throw new AppError("VALIDATION_FAILED", `${materialsProvided[unknown]} is not on the ${row.serviceType} checklist`, { field: `materialsProvided[${unknown}]` });
  }
  const added = materialsProvided.filter((key) => !row.materialsProvided.includes(key));
  const removed = row.materialsProvided.filter((key) => !materialsProvided.includes(key));
  if (added.length === 0 && removed.length === 0) return;
  await tx.update(tickets).set({ materialsProvided, updatedAt: now }).where(eq(tickets.id, ticketId));
  await recordTicketEvent(tx, ticketId, actor, "ticket.materials_updated", { added, removed, materialsProvided }, now);
}

import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { systemActor, type Actor } from "../../../policies/actor.ts";
import type { TicketRow } from "../../tickets/queries/get-ticket.ts";
import { presentTickets } from "../../tickets/queries/present-ticket.ts";
import { findTicketEvents } from "../../tickets/queries/ticket-events.ts";
import { findAttachments } from "../../attachments/queries/find-attachments.ts";
import { getRating } from "../../oversight/queries/get-rating.ts";
import { citizenProgress } from "../citizen-progress.ts";
import { requestKindOf } from "../request-forms.ts";
import type { CitizenRequestView } from "../requests.types.ts";
import { findMessages } from "./find-messages.ts";

/**
 * Requests as their applicant sees them: built from the staff view of the
 * ticket, keeping only what is the applicant's to know (no staff names, no
 * flags, no bounce counts). `viewer` is the signed-in applicant, or "tracking"
 * for someone who proved the phone with a code: they read, and act on nothing.
 */
export async function presentRequests(
  tx: Tx,
  viewer: Actor | "tracking",
  protector: Protector,
  rows: TicketRow[],
  options: { now: Date; isDetailed?: boolean },
): Promise<CitizenRequestView[]> {
  const actor = viewer === "tracking" ? systemActor("tracking") : viewer;
  const views = await presentTickets(tx, actor, protector, rows, { now: options.now, isDetailed: true });
  const result: CitizenRequestView[] = [];
  for (const [i, view] of views.entries()) {
    const row = rows[i];
    const canAct = viewer !== "tracking";
    const rating = options.isDetailed || view.status === "resolved" || view.status === "followed_up" ? await getRating(tx, row.id) : null;
    const item: CitizenRequestView = {
      id: view.id,
      number: view.number,
      kind: requestKindOf(row),
      serviceType: view.serviceType,
      category: view.category,
      region: view.region,
      description: view.description,
      status: view.status,
      unitName: view.unit?.name ?? null,
      deadlines: view.deadlines.map((d) => ({ step: d.step, dueAt: d.dueAt, state: d.state })),
      createdAt: view.createdAt,
      resolvedAt: view.resolvedAt,
      rating: rating ? { attitude: rating.attitude, speed: rating.speed, policy: rating.policy, expertise: rating.expertise } : null,
      abilities: {
        message: canAct && view.abilities.message === true,
        rate: canAct && view.abilities.recordRating === true,
        reopen: canAct && view.abilities.reopen === true,
        upload: canAct && view.abilities.updateMaterials === true,
      },
    };
    if (options.isDetailed) {
      item.progress = citizenProgress(await findTicketEvents(tx, row.id));
      item.messages = await findMessages(tx, row.id, "applicant");
      // The applicant's own uploads (no staff account made them); the unit's scans and papers stay inside.
      item.attachments = (await findAttachments(tx, row.id))
        .filter((a) => viewer !== "tracking" && a.createdBy === null)
        .map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size }));
    }
    result.push(item);
  }
  return result;
}

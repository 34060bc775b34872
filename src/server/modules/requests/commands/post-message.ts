import { createHash } from "node:crypto";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { lockTicket } from "../../tickets/queries/get-ticket.ts";
import { ticketAbilities, ticketPolicy } from "../../tickets/tickets.policy.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { enqueueNotification } from "../../notifications/commands/enqueue-notification.ts";
import { ticketMessages } from "../requests.tables.ts";

/**
 * One message in the thread between the applicant and the staff on their
 * request. The applicant writes on their own request; staff who work or front
 * the ticket answer, and the applicant is told by SMS. The message is an event
 * on the ticket's trail (its body's SHA-256), in the same transaction.
 */
export async function postMessage(
  tx: Tx,
  actor: Actor,
  input: { ticketId: string; body: string; now: Date },
  deps: { protector: Protector },
): Promise<string> {
  if (actor.kind === "system") throw new AppError("FORBIDDEN", "Messages are written by a person");
  const row = await lockTicket(tx, input.ticketId);
  ticketPolicy.authorize(actor, "message", row);
  if (!ticketAbilities(actor, row, input.now).message) {
    throw new AppError("INVALID_TRANSITION", `The conversation on a ${row.status} request is closed`, { field: "id" });
  }
  const body = input.body.trim();
  if (!body) throw new AppError("VALIDATION_FAILED", "body must not be blank", { field: "body" });
  const [inserted] = await tx
    .insert(ticketMessages)
    .values({
      ticketId: row.id,
      authorKind: actor.kind,
      authorId: actor.id,
      authorName: actor.kind === "staff" ? actor.displayName : null,
      body,
      createdAt: input.now,
    })
    .returning({ id: ticketMessages.id });
  const sha256 = createHash("sha256").update(body).digest("hex");
  await recordTicketEvent(tx, row.id, actor, "message.posted", { messageId: inserted.id, from: actor.kind, sha256 }, input.now, { seq: row.chainSeq, hash: row.chainHash });
  // The applicant is told of an answer; a phone no key of this server opens cannot be texted, the message still stands.
  const phone = actor.kind === "staff" && row.applicantPhoneEnc ? deps.protector.tryDecrypt(row.applicantPhoneEnc) : null;
  if (phone) {
    await enqueueNotification(tx, deps.protector, { ticketId: row.id, regionPath: row.regionPath, phone, template: "ticket_message", payload: { number: row.number }, now: input.now });
  }
  return inserted.id;
}

import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { hotlineTransferRequests } from "../hotline.tables.ts";
import { deskCallPolicy } from "../hotline.policy.ts";
import { findLawyerSeats, getDeskCall } from "../queries/find-desk-call.ts";

/**
 * The operator asks for the call to go to a duty lawyer's seat. Santai does not
 * move calls: the phone system performs the transfer and reports a `transferred`
 * event, which the call's record follows. This records what was asked, by whom and
 * when (audited); asking again for the same seat is the same request (`isNew: false`).
 */
export async function requestCallTransfer(tx: Tx, actor: Actor, callRef: string, seatId: string, now: Date) {
  const call = await getDeskCall(tx, callRef, { forUpdate: true });
  deskCallPolicy.authorize(actor, "transfer", call);
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Transfers are asked for by the call's operator");
  if (call.endedAt) throw new AppError("INVALID_TRANSITION", "The call has ended; there is nothing to transfer", { field: "seatId" });
  const seat = (await findLawyerSeats(tx, call)).find((s) => s.id === seatId);
  if (!seat) throw new AppError("VALIDATION_FAILED", "No seat of this phone system held by a lawyer has this id", { field: "seatId" });
  const [created] = await tx
    .insert(hotlineTransferRequests)
    .values({ callRef: call.id, seatId: seat.id, extension: seat.extension, requestedBy: actor.id, requestedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    const [earlier] = await tx
      .select()
      .from(hotlineTransferRequests)
      .where(and(eq(hotlineTransferRequests.callRef, call.id), eq(hotlineTransferRequests.seatId, seat.id), eq(hotlineTransferRequests.requestedBy, actor.id)))
      .limit(1);
    return { row: earlier, isNew: false };
  }
  await recordAudit(tx, {
    actor,
    action: "hotline.call_transfer",
    entityType: "hotline_call",
    entityId: call.id,
    at: now,
    regionPath: call.regionPath,
    detail: { callId: call.callId, from: call.seat, to: seat.extension, lawyerId: seat.lawyer.id },
  });
  return { row: created, isNew: true };
}

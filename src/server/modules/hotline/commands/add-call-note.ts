import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isStaff, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { hotlineCallNotes } from "../hotline.tables.ts";
import { deskCallPolicy } from "../hotline.policy.ts";
import type { CallNoteInput } from "../hotline-desk-actions.types.ts";
import { getDeskCall } from "../queries/find-desk-call.ts";

/**
 * A note on a call, by its operator or a supervisor of the region. Sent again with
 * the same Idempotency-Key it is stored once (`isNew: false`); the key with other
 * words is refused (422). The audit trail
 * keeps that a note was written and its length, not its words.
 */
export async function addCallNote(tx: Tx, actor: Actor, callRef: string, input: CallNoteInput, now: Date, options: { idempotencyKey?: string } = {}) {
  const call = await getDeskCall(tx, callRef);
  deskCallPolicy.authorize(actor, "note", call);
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Notes are written by staff");
  const authorId = actor.id;
  const key = options.idempotencyKey ?? null;
  const [created] = await tx
    .insert(hotlineCallNotes)
    .values({ callRef: call.id, authorId, text: input.text, idempotencyKey: key, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    const [earlier] = await tx
      .select()
      .from(hotlineCallNotes)
      .where(and(eq(hotlineCallNotes.callRef, call.id), eq(hotlineCallNotes.authorId, authorId), eq(hotlineCallNotes.idempotencyKey, key!)))
      .limit(1);
    // The same key with other words is another note sent under a used key: refused, as a ticket's would be.
    if (earlier.text !== input.text) throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for another note; send a new key for a new note", { field: "idempotency-key" });
    return { row: earlier, isNew: false };
  }
  await recordAudit(tx, { actor, action: "hotline.call_note", entityType: "hotline_call", entityId: call.id, at: now, regionPath: call.regionPath, detail: { callId: call.callId, length: input.text.length } });
  return { row: created, isNew: true };
}

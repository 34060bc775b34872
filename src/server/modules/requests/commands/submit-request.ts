import type { Db } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { CitizenActor } from "../../../policies/actor.ts";
import { createTicket, findIdempotentReplay, requestFingerprint, reserveTicketNumber, type CreatedTicket } from "../../tickets/commands/create-ticket.ts";
import { getCitizen } from "../../citizens/queries/load-citizen.ts";
import { ticketFromForm } from "../request-forms.ts";
import type { SubmitRequestInput } from "../requests.types.ts";

/**
 * A citizen's request from a portal form, taken in as a ticket (channel
 * `portal`) by the same intake as the window's: the same checks, number,
 * deadlines, dispatch and trail. The applicant's phone is the one they signed in
 * with; their ID number, when their profile has one. A retry with the same
 * Idempotency-Key returns the first ticket (a key reused for another form: 422).
 */
export async function submitRequest(
  db: Db,
  actor: CitizenActor,
  form: SubmitRequestInput,
  now: Date,
  deps: { protector: Protector; idempotencyKey?: string },
): Promise<CreatedTicket> {
  const fingerprint = requestFingerprint(form);
  const replayed = deps.idempotencyKey ? await findIdempotentReplay(db, actor, deps.idempotencyKey, fingerprint) : null;
  if (replayed) return { id: replayed, isNew: false };
  const citizen = await getCitizen(db, actor.id);
  if (!citizen) throw new AppError("UNAUTHENTICATED", "Sign in again");
  const phone = deps.protector.tryDecrypt(citizen.phoneEnc);
  if (!phone) throw new AppError("CONFLICT", "Your phone number cannot be read on this server; sign in again");
  const idNumber = citizen.idNumberEnc ? deps.protector.tryDecrypt(citizen.idNumberEnc) : null;
  const mapped = ticketFromForm(form, phone, idNumber);
  if ("missing" in mapped) throw new AppError("VALIDATION_FAILED", `${mapped.missing} is required for a ${form.kind} request`, { field: mapped.missing });
  // Every check that can refuse runs before the number is taken, so a refused request leaves no gap.
  const reserved = await reserveTicketNumber(db, actor, mapped.input, now);
  return db.transaction((tx) => createTicket(tx, actor, mapped.input, now, { protector: deps.protector, idempotencyKey: deps.idempotencyKey, fingerprint, reserved }));
}

import { maskPhone } from "../../platform/personal/identity.ts";
import { presentSealed, type Protector } from "../../platform/personal/protect.ts";

/** The other party of a dispute as the intake form gives it. */
export type CounterpartyInput = { name?: string; phone?: string; note?: string };

/**
 * As stored in `tickets.counterparty` (jsonb): the phone sealed in `phoneEnc`,
 * like the applicant's. `phone` in clear is what tickets taken in before it was
 * sealed hold, until `santai rotate-data-key` seals it.
 */
export type StoredCounterparty = { name?: string; phone?: string; phoneEnc?: string; note?: string };

export function sealCounterparty(input: CounterpartyInput, protector: Protector): StoredCounterparty {
  const { phone, ...rest } = input;
  return phone ? { ...rest, phoneEnc: protector.encrypt(phone) } : rest;
}

/** The counterparty as every role sees it: the phone masked (nobody calls the other party from a list). */
export function presentCounterparty(stored: StoredCounterparty, protector: Protector): CounterpartyInput {
  const { phone, phoneEnc, ...rest } = stored;
  const shown = phoneEnc ? presentSealed(protector, phoneEnc, maskPhone) : phone ? maskPhone(phone) : null;
  return shown ? { ...rest, phone: shown } : rest;
}

import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { resealed, resealInBatches, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { tickets } from "../tickets.tables.ts";
import type { StoredCounterparty } from "../counterparty.ts";

/**
 * Brings the tickets' personal data under the current data key, for `santai
 * rotate-data-key`: the applicant's phone and ID number with their lookup hashes
 * (keyed by the data key, so they are recomputed with the seal), and the
 * counterparty's phone (sealed now if it was stored in clear). In batches
 * (resealInBatches): a ticket whose values no key opens is left and counted.
 */
export function resealTicketData(db: Db, protector: Protector): Promise<ResealReport> {
  return resealInBatches(
    db,
    (tx, after, limit) =>
      tx
        .select({ id: tickets.id, phone: tickets.applicantPhoneEnc, idNumber: tickets.applicantIdEnc, counterparty: tickets.counterparty })
        .from(tickets)
        .where(after === null ? undefined : gt(tickets.id, after))
        .orderBy(asc(tickets.id))
        .limit(limit)
        .for("update"),
    async (tx, row) => {
      if (!row.phone && !row.idNumber && !row.counterparty?.phone && !row.counterparty?.phoneEnc) return "skipped";
      // Opened only when not under the current key; the hash is remade from the plain value.
      const phone = row.phone && !protector.isCurrent(row.phone) ? protector.decrypt(row.phone) : null;
      const idNumber = row.idNumber && !protector.isCurrent(row.idNumber) ? protector.decrypt(row.idNumber) : null;
      const counterparty = resealCounterparty(protector, row.counterparty);
      if (phone === null && idNumber === null && !counterparty) return "current";
      await tx
        .update(tickets)
        .set({
          ...(phone !== null ? { applicantPhoneEnc: protector.encrypt(phone), applicantPhoneHash: protector.lookupHash(phone) } : {}),
          ...(idNumber !== null ? { applicantIdEnc: protector.encrypt(idNumber), applicantIdHash: protector.lookupHash(idNumber) } : {}),
          ...(counterparty ? { counterparty } : {}),
        })
        .where(eq(tickets.id, row.id));
      return "resealed";
    },
  );
}

/** The counterparty with its phone sealed under the current key, or null when nothing changes. */
function resealCounterparty(protector: Protector, stored: StoredCounterparty | null): StoredCounterparty | null {
  if (!stored) return null;
  const { phone, phoneEnc, ...rest } = stored;
  if (phone) return { ...rest, phoneEnc: protector.encrypt(phone) };
  const next = phoneEnc ? resealed(protector, phoneEnc) : null;
  return next ? { ...rest, phoneEnc: next } : null;
}

import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { resealed, resealInBatches, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { citizens } from "../citizens.tables.ts";

/**
 * Brings citizens' personal data under the current data key, for `santai
 * rotate-data-key`: phone and ID number with their lookup hashes (keyed by the
 * data key, so remade with the seal), and the name. One-time codes need nothing:
 * they live 5 minutes, and a check tries every key's hash.
 */
export function resealCitizens(db: Db, protector: Protector): Promise<ResealReport> {
  return resealInBatches(
    db,
    (tx, after, limit) =>
      tx
        .select({ id: citizens.id, phone: citizens.phoneEnc, idNumber: citizens.idNumberEnc, name: citizens.nameEnc })
        .from(citizens)
        .where(after === null ? undefined : gt(citizens.id, after))
        .orderBy(asc(citizens.id))
        .limit(limit)
        .for("update"),
    async (tx, row) => {
      const phone = protector.isCurrent(row.phone) ? null : protector.decrypt(row.phone);
      const idNumber = row.idNumber && !protector.isCurrent(row.idNumber) ? protector.decrypt(row.idNumber) : null;
      const name = row.name ? resealed(protector, row.name) : null;
      if (phone === null && idNumber === null && name === null) return "current";
      await tx
        .update(citizens)
        .set({
          ...(phone !== null ? { phoneEnc: protector.encrypt(phone), phoneHash: protector.lookupHash(phone) } : {}),
          ...(idNumber !== null ? { idNumberEnc: protector.encrypt(idNumber), idNumberHash: protector.lookupHash(idNumber) } : {}),
          ...(name !== null ? { nameEnc: name } : {}),
        })
        .where(eq(citizens.id, row.id));
      return "resealed";
    },
  );
}

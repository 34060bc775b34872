import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { resealed, resealInBatches, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { appointmentBookings } from "../appointments.tables.ts";

/**
 * Brings the bookings' contact names and phones (and the phone's lookup hash,
 * keyed by the sealing key) under the current data key, for `santai rotate-data-key`.
 */
export function resealAppointmentContacts(db: Db, protector: Protector): Promise<ResealReport> {
  return resealInBatches(
    db,
    (tx, after, limit) =>
      tx
        .select({ id: appointmentBookings.id, name: appointmentBookings.contactNameEnc, phone: appointmentBookings.contactPhoneEnc })
        .from(appointmentBookings)
        .where(after === null ? undefined : gt(appointmentBookings.id, after))
        .orderBy(asc(appointmentBookings.id))
        .limit(limit)
        .for("update"),
    async (tx, row) => {
      const name = resealed(protector, row.name);
      const phone = resealed(protector, row.phone);
      if (!name && !phone) return "current";
      await tx
        .update(appointmentBookings)
        .set({
          ...(name ? { contactNameEnc: name } : {}),
          ...(phone ? { contactPhoneEnc: phone, contactPhoneHash: protector.lookupHash(protector.decrypt(phone)) } : {}),
        })
        .where(eq(appointmentBookings.id, row.id));
      return "resealed";
    },
  );
}

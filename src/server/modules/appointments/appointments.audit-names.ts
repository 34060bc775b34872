import { eq, inArray } from "drizzle-orm";
import { formatBeijingDateTime } from "../../platform/beijing-time.ts";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { appointmentBookings, appointmentSlots } from "./appointments.tables.ts";

/** A slot in the audit log is its start (Beijing) and service; a booking is its code. */
export function registerAppointmentAuditNames(): void {
  registerAuditSubject("appointment_slot", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select().from(appointmentSlots).where(inArray(appointmentSlots.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: `${formatBeijingDateTime(r.startsAt)} ${r.windowName ?? ""}`.trim() }]));
    },
  });
  registerAuditSubject("appointment_booking", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: appointmentBookings.id, code: appointmentBookings.code }).from(appointmentBookings).where(inArray(appointmentBookings.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.code }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: appointmentBookings.id }).from(appointmentBookings).where(eq(appointmentBookings.code, text.trim().toUpperCase())).limit(10);
      return rows.map((r) => r.id);
    },
  });
}

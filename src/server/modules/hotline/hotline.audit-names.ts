import { eq, inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { hotlineSeats, hotlineSources } from "./hotline.tables.ts";

/** A phone system in the audit log is its name (never its key); a seat is its extension and name. */
export function registerHotlineAuditNames(): void {
  registerAuditSubject("hotline_source", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: hotlineSources.id, name: hotlineSources.name }).from(hotlineSources).where(inArray(hotlineSources.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.name }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: hotlineSources.id }).from(hotlineSources).where(eq(hotlineSources.name, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
  registerAuditSubject("hotline_seat", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: hotlineSeats.id, extension: hotlineSeats.extension, name: hotlineSeats.name }).from(hotlineSeats).where(inArray(hotlineSeats.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.extension, secondary: r.name }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: hotlineSeats.id }).from(hotlineSeats).where(eq(hotlineSeats.extension, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}

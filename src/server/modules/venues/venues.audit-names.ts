import { eq, inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { venues } from "./venues.tables.ts";

/** A venue in the audit log is its name. */
export function registerVenueAuditNames(): void {
  registerAuditSubject("venue", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: venues.id, name: venues.name }).from(venues).where(inArray(venues.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.name }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: venues.id }).from(venues).where(eq(venues.name, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}

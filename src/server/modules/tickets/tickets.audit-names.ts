import { and, eq, inArray, or } from "drizzle-orm";
import { isUuid, uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { tickets } from "./tickets.tables.ts";
import { ticketScope } from "./tickets.policy.ts";

/** A ticket in the audit log is its number — never the applicant's name or phone (personal data). */
export function registerTicketAuditNames(): void {
  registerAuditSubject("ticket", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.number }]));
    },
    isFindScoped: true,
    // By number or id, and only a ticket the actor may read: the audit page shows its timeline.
    async find(tx, text, actor) {
      const named = isUuid(text) ? or(eq(tickets.number, text), eq(tickets.id, text)) : eq(tickets.number, text);
      const rows = await tx.select({ id: tickets.id }).from(tickets).where(and(named, ticketScope(actor))).limit(1);
      return rows.map((r) => r.id);
    },
  });
}

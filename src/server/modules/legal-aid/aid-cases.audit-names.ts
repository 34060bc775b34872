import { inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { getTicketRows } from "../tickets/queries/get-ticket.ts";
import { aidCases } from "./aid-cases.tables.ts";

/** A legal aid case in the audit log is its ticket's number — never the applicant's name (personal data). */
export function registerAidCaseAuditNames(): void {
  registerAuditSubject("aid_case", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: aidCases.id, ticketId: aidCases.ticketId }).from(aidCases).where(inArray(aidCases.id, wanted));
      const numbers = new Map((await getTicketRows(tx, rows.map((r) => r.ticketId))).map((t) => [t.id, t.number]));
      return new Map(rows.map((r) => [r.id, { label: `法律援助 ${numbers.get(r.ticketId) ?? r.id}` }]));
    },
  });
}

import { inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { findStaffNames } from "../accounts/queries/find-staff.ts";
import { aidLawyers } from "./aid-lawyers.tables.ts";

/** A pool entry in the audit log is the lawyer's name (a public professional, listed in the directory). */
export function registerAidLawyerAuditNames(): void {
  registerAuditSubject("aid_lawyer", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: aidLawyers.id, accountId: aidLawyers.accountId }).from(aidLawyers).where(inArray(aidLawyers.id, wanted));
      const names = await findStaffNames(tx, rows.map((r) => r.accountId));
      return new Map(rows.map((r) => [r.id, { label: `法律援助律师库 ${names.get(r.accountId) ?? r.accountId}` }]));
    },
  });
}

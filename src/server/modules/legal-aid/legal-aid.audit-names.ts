import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { findStandardLabels } from "./queries/find-standards.ts";

/** A hardship standard in the audit log is its province code and effective date ("990000 · 2026-01-01"). */
export function registerLegalAidAuditNames(): void {
  registerAuditSubject("legal_aid_standard", {
    async name(tx, ids) {
      const labels = await findStandardLabels(tx, ids);
      return new Map([...labels].map(([id, label]) => [id, { label }]));
    },
  });
}

import { inArray, eq } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { earlyWarningAlerts } from "./early-warning.tables.ts";

/** An alert in the audit log is its key (counterparty:…, place:village:category, spike:township:category) and its state. */
export function registerEarlyWarningAuditNames(): void {
  registerAuditSubject("early_warning_alert", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: earlyWarningAlerts.id, key: earlyWarningAlerts.key, state: earlyWarningAlerts.state }).from(earlyWarningAlerts).where(inArray(earlyWarningAlerts.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.key, secondary: r.state }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: earlyWarningAlerts.id }).from(earlyWarningAlerts).where(eq(earlyWarningAlerts.key, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}

import { inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { defenceNotices, dutyLawyerShifts } from "./defence-notices.tables.ts";

/**
 * A defence notice in the audit log is the notifying body and its document number — never the
 * suspect's name (personal data); a duty day is its workstation and day.
 */
export function registerDefenceNoticeAuditNames(): void {
  registerAuditSubject("defence_notice", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: defenceNotices.id, bodyName: defenceNotices.bodyName, documentNo: defenceNotices.documentNo }).from(defenceNotices).where(inArray(defenceNotices.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: `通知辩护 ${r.bodyName} ${r.documentNo}` }]));
    },
  });
  registerAuditSubject("duty_shift", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx
        .select({ id: dutyLawyerShifts.id, stationName: dutyLawyerShifts.stationName, dutyDate: dutyLawyerShifts.dutyDate })
        .from(dutyLawyerShifts)
        .where(inArray(dutyLawyerShifts.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: `值班 ${r.stationName} ${r.dutyDate}` }]));
    },
  });
}

import { inArray, like } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { escapeLike } from "../../policies/actor.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { findRegionRefs } from "../regions/queries/find-regions.ts";
import { assessmentBulletins } from "./assessment.tables.ts";

/** How the audit log names assessment records: an indicator set by its region, a bulletin by its title. */
export function registerAssessmentAuditNames(): void {
  registerAuditSubject("assessment_indicator_set", {
    async name(tx, ids) {
      const refs = await findRegionRefs(tx, ids);
      return new Map(ids.flatMap((code) => (refs.has(code) ? [[code, { label: `${refs.get(code)!.name} 考核指标`, secondary: code }] as const] : [])));
    },
    async find(_tx, text) {
      return /^\d{6}(\d{3}){0,2}$/.test(text.trim()) ? [text.trim()] : [];
    },
  });
  registerAuditSubject("assessment_bulletin", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: assessmentBulletins.id, title: assessmentBulletins.title, period: assessmentBulletins.period }).from(assessmentBulletins).where(inArray(assessmentBulletins.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.title, secondary: r.period }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: assessmentBulletins.id }).from(assessmentBulletins).where(like(assessmentBulletins.title, `%${escapeLike(text.trim())}%`)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}

import { eq, inArray } from "drizzle-orm";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { regions } from "./regions.tables.ts";

/** A region in the audit log is its name, with its code beside it (the log stores the code). */
export function registerRegionAuditNames(): void {
  registerAuditSubject("region", {
    async name(tx, codes) {
      const wanted = [...new Set(codes)];
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, wanted));
      return new Map(rows.map((r) => [r.code, { label: r.name, secondary: r.code }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ code: regions.code }).from(regions).where(eq(regions.name, text)).limit(50);
      return rows.map((r) => r.code);
    },
  });
}

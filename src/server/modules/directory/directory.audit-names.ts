import { eq, inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { legalProviders, staffProfiles } from "./directory.tables.ts";

/** A public profile in the audit log is its public name; a provider is its name. */
export function registerDirectoryAuditNames(): void {
  registerAuditSubject("staff_profile", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: staffProfiles.id, name: staffProfiles.displayName }).from(staffProfiles).where(inArray(staffProfiles.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.name }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: staffProfiles.id }).from(staffProfiles).where(eq(staffProfiles.displayName, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
  registerAuditSubject("legal_provider", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: legalProviders.id, name: legalProviders.name }).from(legalProviders).where(inArray(legalProviders.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.name }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: legalProviders.id }).from(legalProviders).where(eq(legalProviders.name, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}

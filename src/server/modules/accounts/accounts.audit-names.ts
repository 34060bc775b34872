import { inArray, or, sql } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditActors, registerAuditSubject, type SubjectDescriber } from "../audit/audit-subjects.ts";
import { accounts } from "./accounts.tables.ts";

/** An account in the audit log: its display name, the username beside it (as the actor, and as the object of account.* entries). */
const describer: SubjectDescriber = {
  async name(tx, ids) {
    const wanted = uuidsOf(ids);
    if (wanted.length === 0) return new Map();
    const rows = await tx.select({ id: accounts.id, username: accounts.username, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, wanted));
    return new Map(rows.map((r) => [r.id, { label: r.displayName, secondary: r.username }]));
  },
  async find(tx, text) {
    const rows = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(or(sql`lower(${accounts.username}) = lower(${text})`, sql`${accounts.displayName} = ${text}`))
      .limit(50);
    return rows.map((r) => r.id);
  },
};

export function registerAccountAuditNames(): void {
  registerAuditSubject("account", describer);
  registerAuditActors(describer);
}

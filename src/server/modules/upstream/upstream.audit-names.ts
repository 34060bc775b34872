import { eq, inArray } from "drizzle-orm";
import { uuidsOf } from "../../platform/uuid.ts";
import { registerAuditSubject } from "../audit/audit-subjects.ts";
import { upstreamClients } from "./upstream.tables.ts";

/** An upstream client in the audit log is its name (never its key). */
export function registerUpstreamAuditNames(): void {
  registerAuditSubject("upstream_client", {
    async name(tx, ids) {
      const wanted = uuidsOf(ids);
      if (wanted.length === 0) return new Map();
      const rows = await tx.select({ id: upstreamClients.id, name: upstreamClients.name }).from(upstreamClients).where(inArray(upstreamClients.id, wanted));
      return new Map(rows.map((r) => [r.id, { label: r.name }]));
    },
    async find(tx, text) {
      const rows = await tx.select({ id: upstreamClients.id }).from(upstreamClients).where(eq(upstreamClients.name, text)).limit(50);
      return rows.map((r) => r.id);
    },
  });
}

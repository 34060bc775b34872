import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { resealed, resealInBatches, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { upstreamClients } from "../upstream.tables.ts";

/** Brings the upstream clients' shared secrets under the current data key, for `santai rotate-data-key`. */
export function resealUpstreamSecrets(db: Db, protector: Protector): Promise<ResealReport> {
  return resealInBatches(
    db,
    (tx, after, limit) =>
      tx
        .select({ id: upstreamClients.id, secret: upstreamClients.secret })
        .from(upstreamClients)
        .where(after === null ? undefined : gt(upstreamClients.id, after))
        .orderBy(asc(upstreamClients.id))
        .limit(limit)
        .for("update"),
    async (tx, row) => {
      const secret = resealed(protector, row.secret);
      if (!secret) return "current";
      await tx.update(upstreamClients).set({ secret }).where(eq(upstreamClients.id, row.id));
      return "resealed";
    },
  );
}

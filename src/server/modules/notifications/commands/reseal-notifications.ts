import { asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../../platform/db/index.ts";
import { resealed, resealInBatches, type Protector, type ResealReport } from "../../../platform/personal/protect.ts";
import { notifications } from "../notifications.tables.ts";

/**
 * Brings the outbox's recipients under the current data key, for `santai
 * rotate-data-key`; sent messages too (their numbers stay personal data).
 */
export function resealNotifications(db: Db, protector: Protector): Promise<ResealReport> {
  return resealInBatches(
    db,
    (tx, after, limit) =>
      tx
        .select({ id: notifications.id, recipient: notifications.recipient })
        .from(notifications)
        .where(after === null ? undefined : gt(notifications.id, after))
        .orderBy(asc(notifications.id))
        .limit(limit)
        .for("update"),
    async (tx, row) => {
      const recipient = resealed(protector, row.recipient);
      if (!recipient) return "current";
      await tx.update(notifications).set({ recipient }).where(eq(notifications.id, row.id));
      return "resealed";
    },
  );
}

import { pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";

/** The supervisors an automatic 督办 order is put before (migration 0004). */
export const supervisionAddressees = pgTable(
  "supervision_addressees",
  {
    orderId: uuid("order_id").notNull(),
    accountId: uuid("account_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.accountId] })],
);


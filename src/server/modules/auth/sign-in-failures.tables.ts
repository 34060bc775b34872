import { pgTable, text, integer, timestamp, primaryKey } from "drizzle-orm/pg-core";

/**
 * Failed sign-ins per username and client address (`address` '*' = all
 * addresses). `subject` is the keyed hash of the username, kept whether or not
 * the account exists, so that pauses and locks cannot tell the two apart.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    subject: text("subject").notNull(),
    address: text("address").notNull(),
    failures: integer("failures").notNull(),
    windowEndsAt: timestamp("window_ends_at", { withTimezone: true }).notNull(),
    pausedUntil: timestamp("paused_until", { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.subject, table.address] })],
);

/** The row that counts failures from every address. */
export const ALL_ADDRESSES = "*";

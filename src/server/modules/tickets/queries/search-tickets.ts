import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import type { Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { TicketRow } from "../tickets.tables.ts";
import { authorizePersonalSearch } from "../tickets.policy.ts";
import type { TicketListQuery } from "../tickets.types.ts";
import { findTicketRows } from "./find-tickets.ts";

export type SearchDeps = { protector: Protector; now: Date; via: "list" | "export" };

/**
 * The ticket list as every route searches it (GET /api/tickets, the Excel
 * export). A search by phone or ID number is a personal-data lookup: refused
 * (403 naming the field) to roles that see the value masked, limited per account
 * (429 with Retry-After; taken by the route before the transaction,
 * personal-lookups.ts), and recorded on the audit log in the same transaction
 * — which field, through which route, how many tickets it found; never the
 * value, only its keyed hash under the current data key, so an inquiry can ask
 * "who looked this number up" without the log holding the number.
 */
export async function searchTickets(tx: Tx, actor: Actor, query: TicketListQuery, deps: SearchDeps): Promise<{ rows: TicketRow[]; total: number }> {
  const fields = authorizePersonalSearch(actor, query);
  const found = await findTicketRows(tx, actor, deps.protector, query);
  if (fields.length > 0) {
    await recordAudit(tx, {
      actor,
      action: "ticket.lookup_personal",
      entityType: "ticket",
      at: deps.now,
      detail: {
        fields,
        via: deps.via,
        results: found.total,
        keyId: deps.protector.currentKeyId,
        hashes: Object.fromEntries(fields.map((field) => [field, deps.protector.lookupHash(query[field]!)])),
      },
    });
  }
  return found;
}

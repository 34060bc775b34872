import type { Tx } from "../../../platform/db/index.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { handlingUnitName } from "../../services/handling-unit.ts";
import type { TicketRow } from "../tickets.tables.ts";
import type { ActionReceipt } from "../tickets.types.ts";

/**
 * What an actor may still know of a ticket their own action took out of their
 * view: its number, its status, and where it went (for transfer and delegate) —
 * nothing of the applicant or the matter.
 */
export async function presentActionReceipt(tx: Tx, row: TicketRow, action: string): Promise<ActionReceipt> {
  const unitCode = action === "transfer" || action === "delegate" ? row.unitRegionCode : null;
  const unit = unitCode ? (await findRegionRefs(tx, [unitCode])).get(unitCode) : undefined;
  return { receipt: true, id: row.id, number: row.number, status: row.status, action, unit: unit ? { code: unit.code, name: handlingUnitName(row.serviceType, unit) } : null };
}

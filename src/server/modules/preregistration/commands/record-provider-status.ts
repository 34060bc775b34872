import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError, notFound } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { systemActor, type Actor } from "../../../policies/actor.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { actOnTicket } from "../../tickets/commands/act-on-ticket.ts";
import { recordTicketEvent } from "../../tickets/commands/record-ticket-event.ts";
import { requestFingerprint } from "../../tickets/commands/create-ticket.ts";
import { getTicketRow } from "../../tickets/queries/get-ticket.ts";
import { isActionPossible } from "../../tickets/tickets.state.ts";
import type { TicketActionInput } from "../../tickets/tickets.types.ts";
import { preregistrations, preregistrationUpdates, type PreregistrationRow } from "../preregistration.tables.ts";
import { preregistrationPolicy } from "../preregistration.policy.ts";
import { checkUpdate, type ProviderStatus } from "../preregistration.state.ts";
import type { StatusUpdateInput } from "../preregistration.types.ts";

/** Who reports: a staff member in the workbench, or a provider through the signed API. */
export type Reporter = { kind: "staff"; actor: Actor } | { kind: "provider"; clientId: string; providerId: string; providerName: string };

const lockPreregistration = async (tx: Tx, id: string): Promise<PreregistrationRow | null> => {
  const [row] = await tx.select().from(preregistrations).where(eq(preregistrations.id, id)).for("update").limit(1);
  return row ?? null;
};

/**
 * A status the provider reports, recorded: checked against the status machine,
 * added to the history once (the sender's `updateId` makes a retry a no-op, and
 * the same id with a different update is refused), written on the ticket's
 * trail and audited, and the ticket moved along by the tickets module —
 * accepted when the provider has it, assigned to the provider's region when it
 * takes the matter on, resolved when it is done or declined (rejected if still
 * only registered).
 */
export async function recordProviderStatus(
  tx: Tx,
  reporter: Reporter,
  preregistrationId: string,
  input: StatusUpdateInput,
  now: Date,
  deps: { protector: Protector },
): Promise<{ isNew: boolean }> {
  const row = await lockPreregistration(tx, preregistrationId);
  if (!row) throw notFound("Pre-registration");
  if (reporter.kind === "staff") preregistrationPolicy.authorize(reporter.actor, "recordStatus", row);
  else if (row.providerId !== reporter.providerId) throw notFound("Pre-registration");

  const update = {
    status: input.status,
    note: input.note?.trim() ?? "",
    materialsNeeded: (input.materialsNeeded ?? []).map((m) => m.trim()).filter(Boolean),
    reason: input.reason?.trim() ?? "",
  };
  const fingerprint = requestFingerprint(update);
  const [earlier] = await tx
    .select({ fingerprint: preregistrationUpdates.fingerprint })
    .from(preregistrationUpdates)
    .where(and(eq(preregistrationUpdates.preregistrationId, row.id), eq(preregistrationUpdates.updateRef, input.updateId)))
    .limit(1);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) throw new AppError("IDEMPOTENCY_KEY_REUSED", `updateId ${input.updateId} was already sent with a different update`, { field: "updateId" });
    return { isNew: false };
  }
  checkUpdate(row.status, update);

  const actor: Actor = reporter.kind === "staff" ? reporter.actor : systemActor(`provider:${reporter.providerName}`);
  const actorName = reporter.kind === "staff" ? (actor.kind === "staff" ? actor.displayName : "系统") : reporter.providerName;
  await tx.insert(preregistrationUpdates).values({
    preregistrationId: row.id,
    ...update,
    source: reporter.kind,
    actorId: actor.kind === "staff" ? actor.id : null,
    actorName,
    updateRef: input.updateId,
    fingerprint,
    at: now,
  });
  await tx
    .update(preregistrations)
    .set({
      status: update.status,
      ...(update.status === "materials_needed" ? { materialsNeeded: update.materialsNeeded } : {}),
      ...(update.status === "declined" ? { declineReason: update.reason } : {}),
      updatedAt: now,
    })
    .where(eq(preregistrations.id, row.id));

  const detail = { preregistrationId: row.id, from: row.status, to: update.status, source: reporter.kind, by: actorName, ...(update.note ? { note: update.note } : {}), ...(update.materialsNeeded.length ? { materialsNeeded: update.materialsNeeded } : {}), ...(update.reason ? { reason: update.reason } : {}) };
  await recordTicketEvent(tx, row.ticketId, actor, "preregistration.status_changed", detail, now);
  await recordAudit(tx, {
    actor,
    action: "preregistration.record_status",
    entityType: "preregistration",
    entityId: row.id,
    at: now,
    regionPath: row.regionPath,
    detail: { from: row.status, to: update.status, source: reporter.kind, updateId: input.updateId },
  });
  await moveTicket(tx, row, update.status, update, now, deps.protector);
  return { isNew: true };
}

/** The ticket steps each reported status implies, taken as far as the ticket's own state allows (a suspended ticket is left as it is). */
async function moveTicket(tx: Tx, row: PreregistrationRow, status: ProviderStatus, update: { note: string; reason: string }, now: Date, protector: Protector) {
  const system = systemActor("preregistration");
  const eventDetail = { preregistrationId: row.id, providerStatus: status };
  const step = async (input: TicketActionInput): Promise<boolean> => {
    const ticket = await getTicketRow(tx, row.ticketId);
    if (!ticket || !isActionPossible(ticket, input.action, now)) return false;
    await actOnTicket(tx, system, row.ticketId, input, now, { protector, eventDetail });
    return true;
  };
  const take = async () => {
    await step({ action: "accept" });
    await step({ action: "assign", unitRegionCode: row.routeRegionCode });
  };
  if (status === "received" || status === "materials_needed") await step({ action: "accept" });
  if (status === "accepted" || status === "in_progress") await take();
  if (status === "completed") {
    await take();
    await step({ action: "resolve", summary: `${row.providerName}已办结${update.note ? `：${update.note}` : ""}` });
  }
  if (status === "declined") {
    const rejected = await step({ action: "reject", reason: `${row.providerName}不予办理：${update.reason}` });
    if (!rejected) await step({ action: "resolve", summary: `${row.providerName}不予办理：${update.reason}` });
  }
}

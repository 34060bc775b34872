import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { isWithinScope, type Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { findStaffByIds } from "../../accounts/queries/find-staff.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { handlingUnitName } from "../../services/handling-unit.ts";
import { enqueueNotification, type NotificationTemplate } from "../../notifications/commands/enqueue-notification.ts";
import { ticketDeadlines, ticketLinks, tickets, type TicketRow } from "../tickets.tables.ts";
import { ticketPolicy } from "../tickets.policy.ts";
import { ticketHooks } from "../tickets.events.ts";
import { transition, DEFAULT_TRANSITION_RULES, type TicketAction, type TicketState, type TransitionRules } from "../tickets.state.ts";
import { isWithinResolveDeadline, meetDeadlines, pauseDeadlines, restartDeadline, resumeDeadlines } from "../deadlines.ts";
import { lockTicket } from "../queries/get-ticket.ts";
import { recordTicketEvent } from "./record-ticket-event.ts";
import type { TicketActionInput } from "../tickets.types.ts";

export { lockTicket };

export type ActOptions = {
  protector: Protector;
  rules?: TransitionRules;
  /** More for the event's data (auto-dispatch marks `auto` and gives its reason); the action's own fields win. */
  eventDetail?: Record<string, unknown>;
  /**
   * The step follows a case built on the ticket (`aid_case.close`, …) whose own
   * policy already authorized the actor: the ticket's policy is not asked again
   * (`followCaseOnTicket`). The state machine still decides; the trail names it.
   */
  authorizedBy?: string;
};

const NOTIFY: Partial<Record<TicketAction["type"], NotificationTemplate>> = {
  accept: "ticket_accepted",
  reject: "ticket_rejected",
  assign: "ticket_assigned",
  suspend: "ticket_suspended",
  resolve: "ticket_resolved",
};

const stateOf = (row: TicketRow): TicketState => ({
  status: row.status,
  unitRegionCode: row.unitRegionCode,
  assigneeId: row.assigneeId,
  firstResponderId: row.firstResponderId,
  bounceCount: row.bounceCount,
  isFlaggedToLead: row.isFlaggedToLead,
  suspendedFrom: row.suspendedFrom,
  resolvedAt: row.resolvedAt,
  mergedIntoId: row.mergedIntoId,
});

function need<T>(value: T | undefined | null, field: string, what: string): T {
  if (value === undefined || value === null || value === "") throw new AppError("VALIDATION_FAILED", `${field} is required to ${what}`, { field });
  return value;
}

/** The request body as a state-machine action, with what each action needs checked. */
function toAction(input: TicketActionInput): TicketAction {
  const a = input.action;
  switch (a) {
    case "accept":
    case "start":
    case "resume":
    case "archive":
      return { type: a };
    case "reject":
    case "send_back":
    case "suspend":
    case "reopen":
      return { type: a, reason: need(input.reason, "reason", a) };
    case "assign":
      return { type: a, unitRegionCode: need(input.unitRegionCode, "unitRegionCode", a), assigneeId: input.assigneeId ?? null };
    case "transfer":
      return { type: a, unitRegionCode: need(input.unitRegionCode, "unitRegionCode", a), reason: need(input.reason, "reason", a) };
    case "delegate":
      return { type: a, unitRegionCode: need(input.unitRegionCode, "unitRegionCode", a), assigneeId: input.assigneeId ?? null };
    case "resolve":
      return { type: a, summary: need(input.summary, "summary", a) };
    case "follow_up":
      return { type: a, outcome: need(input.outcome, "outcome", a) };
    case "merge_into":
      return { type: a, targetId: need(input.targetTicketId, "targetTicketId", a) };
  }
}

/**
 * One step of a ticket's life, by `actor`: authorize, apply the state machine,
 * keep deadlines and links in step, record the event, tell the applicant and the
 * modules built on tickets (`ticket.acting` may refuse, `ticket.acted` follows
 * up: follow-ups, upstream callbacks) — all in the caller's transaction.
 */
export async function actOnTicket(tx: Tx, actor: Actor, ticketId: string, input: TicketActionInput, now: Date, options: ActOptions): Promise<void> {
  const row = await lockTicket(tx, ticketId);
  const action = toAction(input);
  if (!options.authorizedBy) ticketPolicy.authorize(actor, action.type, row);
  const { next, from, to } = transition(stateOf(row), action, actor.kind === "staff" ? actor.id : null, now, options.rules ?? DEFAULT_TRANSITION_RULES);

  let unitRegionPath = row.unitRegionPath;
  const detail: Record<string, unknown> = { from, to, ...(options.authorizedBy ? { authorizedBy: options.authorizedBy } : {}) };
  if (action.type === "assign" || action.type === "transfer" || action.type === "delegate") {
    const unit = await resolveRegion(tx, action.unitRegionCode, "unitRegionCode");
    if (action.type === "delegate" && !(row.unitRegionPath && unit.path.startsWith(row.unitRegionPath) && unit.path !== row.unitRegionPath)) {
      throw new AppError("VALIDATION_FAILED", "Delegate hands a ticket down to a unit under the current one", { field: "unitRegionCode" });
    }
    // A dispatcher assigns within their region; a transfer may go to any unit (属地转办).
    if (action.type === "assign" && !options.authorizedBy && !isWithinScope(actor, unit.path)) throw new AppError("FORBIDDEN", "That unit is outside your region");
    unitRegionPath = unit.path;
    // Named as the suggestion, the ticket and the export name it (handling-unit.ts).
    detail.unit = { code: unit.code, name: handlingUnitName(row.serviceType, unit) };
    const assigneeId = "assigneeId" in action ? action.assigneeId : null;
    if (assigneeId) detail.assignee = await checkAssignee(tx, assigneeId, unit.path);
  }
  if (action.type === "send_back") unitRegionPath = null;
  if (action.type === "merge_into") detail.target = await mergeInto(tx, actor, row, action.targetId, now);
  if ("reason" in action) detail.reason = action.reason;
  if (action.type === "resolve") detail.summary = action.summary;
  // Whether the resolution beat its running resolve deadline (null: none ran), kept in the trail for the analytics.
  const withinDeadline = action.type === "resolve" ? await isWithinResolveDeadline(tx, ticketId, now) : undefined;
  if (withinDeadline !== undefined) detail.withinDeadline = withinDeadline;
  if (action.type === "follow_up") detail.outcome = action.outcome;
  if (next.isFlaggedToLead && !row.isFlaggedToLead) detail.flaggedToLead = true;
  await ticketHooks.publish(tx, "ticket.acting", { ticket: row, action, actor, now });

  await tx
    .update(tickets)
    .set({
      status: next.status,
      unitRegionCode: next.unitRegionCode,
      unitRegionPath,
      assigneeId: next.assigneeId,
      firstResponderId: next.firstResponderId,
      bounceCount: next.bounceCount,
      isFlaggedToLead: next.isFlaggedToLead,
      suspendedFrom: next.suspendedFrom,
      resolvedAt: next.resolvedAt,
      mergedIntoId: next.mergedIntoId,
      updatedAt: now,
    })
    .where(eq(tickets.id, ticketId));

  // Deadlines follow the life: met, paused, resumed, restarted on reopen.
  await meetDeadlines(tx, ticketId, action.type, now);
  if (action.type === "suspend") await pauseDeadlines(tx, ticketId, now);
  if (action.type === "resume") await resumeDeadlines(tx, ticketId, now);
  if (action.type === "reopen") await restartDeadline(tx, row, "resolve", now);

  // The row was locked above and nothing in between appends to its trail: its head is fresh (a stale one would fail, not fork).
  await recordTicketEvent(tx, ticketId, actor, `action.${action.type}`, { ...options.eventDetail, ...detail }, now, { seq: row.chainSeq, hash: row.chainHash });
  await ticketHooks.publish(tx, "ticket.acted", { before: row, action, from, to, actor, now, protector: options.protector, withinDeadline });
  const template = NOTIFY[action.type];
  // A phone no key of this server opens (reported by the protector) cannot be texted; the action still stands.
  const phone = template && row.applicantPhoneEnc ? options.protector.tryDecrypt(row.applicantPhoneEnc) : null;
  if (template && phone) {
    await enqueueNotification(tx, options.protector, {
      ticketId,
      regionPath: row.regionPath,
      phone,
      template,
      payload: { number: row.number, ...(action.type === "reject" ? { reason: action.reason } : {}) },
      now,
    });
  }
}

async function checkAssignee(tx: Tx, accountId: string, unitPath: string) {
  const account = (await findStaffByIds(tx, [accountId])).get(accountId);
  // The assignee works in the unit's region or under it (a county unit's township staff),
  // or above it (a county lawyer taking a township's case).
  if (!account || account.isDisabled || !(account.regionPath.startsWith(unitPath) || unitPath.startsWith(account.regionPath))) {
    throw new AppError("VALIDATION_FAILED", "The assignee does not work in that unit", { field: "assigneeId" });
  }
  return { id: account.id, displayName: account.displayName };
}

async function mergeInto(tx: Tx, actor: Actor, row: TicketRow, targetId: string, now: Date) {
  if (targetId === row.id) throw new AppError("VALIDATION_FAILED", "A ticket cannot be merged into itself", { field: "targetTicketId" });
  const target = await lockTicket(tx, targetId).catch(() => null);
  if (!target || !ticketPolicy.can(actor, "read", target)) throw new AppError("VALIDATION_FAILED", "No such ticket in your region", { field: "targetTicketId" });
  if (target.status === "merged" || target.status === "archived" || target.status === "rejected") {
    throw new AppError("VALIDATION_FAILED", `Cannot merge into a ${target.status} ticket`, { field: "targetTicketId" });
  }
  await tx.insert(ticketLinks).values({ ticketId: target.id, relatedId: row.id, kind: "duplicate", createdAt: now }).onConflictDoNothing();
  await tx.update(ticketDeadlines).set({ state: "cancelled" }).where(and(eq(ticketDeadlines.ticketId, row.id), sql`${ticketDeadlines.state} in ('running','paused')`));
  await recordTicketEvent(tx, target.id, actor, "ticket.linked", { kind: "duplicate", number: row.number, channel: row.channel }, now, { seq: target.chainSeq, hash: target.chainHash });
  return { id: target.id, number: target.number };
}


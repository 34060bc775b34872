import { isActionPossible, type TicketState } from "./tickets.state.ts";
import type { TicketActionInput } from "./tickets.types.ts";

/**
 * Where a case built on a ticket (a legal aid case, a mediation case) wants the
 * ticket to be after one of its steps. The ticket is one matter with one status:
 * the case's outcome is the ticket's answer (docs/legal-aid-flow.md, docs/mediation.md).
 *
 * * `work` — the case was opened: the ticket is taken in (受理) and handed to the
 *   unit that handles the case (the legal aid center, the mediation committee).
 * * `resolve` — the case reached an outcome: the ticket is resolved with a summary naming it.
 * * `reopen` — the outcome was reversed (an objection corrected a refusal or termination).
 * * `archive` — the case was archived: the ticket is archived once its own machine allows (after the follow-up).
 */
export type CaseGoal =
  | { kind: "work"; unitRegionCode: string }
  | { kind: "resolve"; unitRegionCode: string; summary: string }
  | { kind: "reopen"; reason: string }
  | { kind: "archive" };

/**
 * The next action of the ticket's own state machine towards `goal`, or null when
 * there is none to take (already there, or the machine offers no way from here —
 * e.g. a resolved ticket is archived only after its follow-up). Pure: the caller
 * applies it with `actOnTicket` and asks again, so every step is the machine's.
 */
export function nextTicketStepTowards(ticket: Pick<TicketState, "status" | "resolvedAt" | "suspendedFrom">, goal: CaseGoal, now: Date): TicketActionInput | null {
  const s = ticket.status;
  switch (goal.kind) {
    case "work":
      if (s === "submitted") return { action: "accept" };
      if (s === "accepted") return { action: "assign", unitRegionCode: goal.unitRegionCode, assigneeId: null };
      return null;
    case "resolve":
      if (s === "submitted") return { action: "accept" };
      if (s === "accepted") return { action: "assign", unitRegionCode: goal.unitRegionCode, assigneeId: null };
      if (s === "suspended") return { action: "resume" };
      if (s === "assigned" || s === "in_progress") return { action: "resolve", summary: goal.summary };
      return null;
    case "reopen":
      if ((s === "resolved" || s === "followed_up") && isActionPossible(ticket, "reopen", now)) return { action: "reopen", reason: goal.reason };
      return null;
    case "archive":
      if (s === "followed_up" || s === "rejected") return { action: "archive" };
      return null;
  }
}

/** Whether the ticket is where `goal` wants it (after the steps were taken). */
export function isGoalReached(status: TicketState["status"], goal: CaseGoal): boolean {
  switch (goal.kind) {
    case "work":
      return status !== "submitted" && status !== "accepted";
    case "resolve":
      return status === "resolved" || status === "followed_up" || status === "archived";
    case "reopen":
      return status === "in_progress";
    case "archive":
      return status === "archived";
  }
}


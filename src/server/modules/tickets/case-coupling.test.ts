import { describe, expect, it } from "vitest";
import { isGoalReached, nextTicketStepTowards, type CaseGoal } from "./case-coupling.ts";
import { transition, newTicketState, type TicketState, type TicketAction } from "./tickets.state.ts";
import type { TicketActionInput } from "./tickets.types.ts";

const NOW = new Date("2026-11-20T02:00:00Z");
const DAY = 86_400_000;

/** The input as the machine's action (what actOnTicket does with it). */
const asAction = (input: TicketActionInput): TicketAction => {
  switch (input.action) {
    case "assign":
      return { type: "assign", unitRegionCode: input.unitRegionCode!, assigneeId: input.assigneeId ?? null };
    case "resolve":
      return { type: "resolve", summary: input.summary! };
    case "reopen":
      return { type: "reopen", reason: input.reason! };
    default:
      return { type: input.action } as TicketAction;
  }
};

/** Follows the steps the way followCaseOnTicket does, through the real machine. */
function follow(state: TicketState, goal: CaseGoal, now = NOW): { state: TicketState; actions: string[] } {
  const actions: string[] = [];
  for (let step = nextTicketStepTowards(state, goal, now); step; step = nextTicketStepTowards(state, goal, now)) {
    state = transition(state, asAction(step), "u1", now).next;
    actions.push(step.action);
    expect(actions.length).toBeLessThanOrEqual(4);
  }
  return { state, actions };
}

const at = (status: TicketState["status"], extra: Partial<TicketState> = {}): TicketState => ({ ...newTicketState(), status, ...extra });
const work: CaseGoal = { kind: "work", unitRegionCode: "990100" };
const resolve: CaseGoal = { kind: "resolve", unitRegionCode: "990100", summary: "不予法律援助" };

describe("the ticket's steps towards where its case wants it", () => {
  it("opening takes a new ticket in and hands it to the case's unit; a ticket already with a unit stays", () => {
    expect(follow(at("submitted"), work)).toMatchObject({ actions: ["accept", "assign"], state: { status: "assigned", unitRegionCode: "990100", assigneeId: null } });
    expect(follow(at("accepted"), work).actions).toEqual(["assign"]);
    for (const status of ["assigned", "in_progress", "suspended"] as const) expect(follow(at(status), work).actions, status).toEqual([]);
  });

  it("an outcome resolves the ticket from wherever it is open, resuming a suspended one first", () => {
    expect(follow(at("submitted"), resolve)).toMatchObject({ actions: ["accept", "assign", "resolve"], state: { status: "resolved" } });
    expect(follow(at("in_progress"), resolve).actions).toEqual(["resolve"]);
    expect(follow(at("suspended", { suspendedFrom: "in_progress" }), resolve).actions).toEqual(["resume", "resolve"]);
    // Already answered (an upheld objection after the refusal resolved it): nothing more.
    for (const status of ["resolved", "followed_up", "archived"] as const) {
      expect(follow(at(status), resolve).actions, status).toEqual([]);
      expect(isGoalReached(status, resolve), status).toBe(true);
    }
  });

  it("a reversed outcome reopens the ticket within the reopen period only", () => {
    const reopen: CaseGoal = { kind: "reopen", reason: "异议成立" };
    expect(follow(at("resolved", { resolvedAt: new Date(NOW.getTime() - 3 * DAY) }), reopen)).toMatchObject({ actions: ["reopen"], state: { status: "in_progress" } });
    expect(follow(at("followed_up", { resolvedAt: new Date(NOW.getTime() - 3 * DAY) }), reopen).actions).toEqual(["reopen"]);
    const late = at("resolved", { resolvedAt: new Date(NOW.getTime() - 16 * DAY) });
    expect(nextTicketStepTowards(late, reopen, NOW)).toBeNull();
    expect(isGoalReached(late.status, reopen)).toBe(false);
    expect(nextTicketStepTowards(at("archived"), reopen, NOW)).toBeNull();
  });

  it("archiving follows the ticket's machine: after the follow-up (or a rejection), never straight from resolved", () => {
    const archive: CaseGoal = { kind: "archive" };
    expect(follow(at("followed_up"), archive).actions).toEqual(["archive"]);
    expect(follow(at("rejected"), archive).actions).toEqual(["archive"]);
    expect(follow(at("resolved"), archive).actions).toEqual([]);
    expect(follow(at("in_progress"), archive).actions).toEqual([]);
  });
});

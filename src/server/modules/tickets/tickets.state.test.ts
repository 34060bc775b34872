import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import {
  allowedActions,
  isClockRunning,
  newTicketState,
  transition,
  TICKET_STATUSES,
  type TicketAction,
  type TicketState,
  type TicketStatus,
} from "./tickets.state.ts";

const now = new Date("2026-11-20T09:00:00+08:00");
const state = (status: TicketStatus, extra: Partial<TicketState> = {}): TicketState => ({ ...newTicketState(), status, ...extra });

const sample: Record<TicketAction["type"], TicketAction> = {
  accept: { type: "accept" },
  reject: { type: "reject", reason: "不属于受理范围" },
  assign: { type: "assign", unitRegionCode: "990102", assigneeId: "u1" },
  start: { type: "start" },
  transfer: { type: "transfer", unitRegionCode: "990103", reason: "属地管辖" },
  delegate: { type: "delegate", unitRegionCode: "990102001", assigneeId: null },
  send_back: { type: "send_back", reason: "非本单位职责" },
  suspend: { type: "suspend", reason: "等待补充材料" },
  resume: { type: "resume" },
  resolve: { type: "resolve", summary: "已解答" },
  follow_up: { type: "follow_up", outcome: "满意" },
  archive: { type: "archive" },
  reopen: { type: "reopen", reason: "群众不满意" },
  merge_into: { type: "merge_into", targetId: "t2" },
};

// status × action → resulting status, or null when the action is refused.
const TABLE: [TicketStatus, TicketAction["type"], TicketStatus | null][] = [
  ["submitted", "accept", "accepted"],
  ["submitted", "reject", "rejected"],
  ["submitted", "merge_into", "merged"],
  ["submitted", "assign", null],
  ["submitted", "resolve", null],
  ["accepted", "assign", "assigned"],
  ["accepted", "reject", "rejected"],
  ["accepted", "start", null],
  ["accepted", "archive", null],
  ["assigned", "start", "in_progress"],
  ["assigned", "assign", "assigned"],
  ["assigned", "transfer", "assigned"],
  ["assigned", "delegate", "assigned"],
  ["assigned", "send_back", "accepted"],
  ["assigned", "suspend", "suspended"],
  ["assigned", "resolve", "resolved"],
  ["assigned", "accept", null],
  ["in_progress", "resolve", "resolved"],
  ["in_progress", "suspend", "suspended"],
  ["in_progress", "send_back", "accepted"],
  ["in_progress", "transfer", "assigned"],
  ["in_progress", "start", null],
  ["in_progress", "archive", null],
  ["suspended", "resume", "in_progress"],
  ["suspended", "resolve", null],
  ["resolved", "follow_up", "followed_up"],
  ["resolved", "reopen", "in_progress"],
  ["resolved", "archive", null],
  ["followed_up", "archive", "archived"],
  ["followed_up", "reopen", "in_progress"],
  ["rejected", "archive", "archived"],
  ["rejected", "accept", null],
  ["archived", "reopen", null],
  ["archived", "accept", null],
  ["merged", "accept", null],
];

describe("ticket transitions", () => {
  it.each(TABLE)("%s + %s → %s", (from, action, expected) => {
    const before = state(from, { suspendedFrom: from === "suspended" ? "in_progress" : null, resolvedAt: from === "resolved" || from === "followed_up" ? now : null });
    if (expected === null) {
      expect(() => transition(before, sample[action], "u1", now)).toThrowError(AppError);
      try {
        transition(before, sample[action], "u1", now);
      } catch (error) {
        expect((error as AppError).code).toBe("INVALID_TRANSITION");
      }
    } else {
      const { next, from: f, to } = transition(before, sample[action], "u1", now);
      expect(next.status).toBe(expected);
      expect([f, to]).toEqual([from, expected]);
      expect(before.status).toBe(from); // never mutated
    }
  });

  it("every status's allowed actions are exactly the table's permitted ones", () => {
    for (const status of TICKET_STATUSES) {
      for (const action of Object.keys(sample) as TicketAction["type"][]) {
        const row = TABLE.find(([s, a]) => s === status && a === action);
        if (row) expect(allowedActions(status).includes(action)).toBe(row[2] !== null);
      }
    }
  });
});

describe("details of the life", () => {
  it("the first responder is the first actor and never changes", () => {
    const accepted = transition(newTicketState(), sample.accept, "window-1", now).next;
    const assigned = transition(accepted, sample.assign, "dispatcher-1", now).next;
    expect(accepted.firstResponderId).toBe("window-1");
    expect(assigned.firstResponderId).toBe("window-1");
  });

  it("send back clears the unit, counts the bounce, and flags the second one", () => {
    let s = state("assigned", { unitRegionCode: "990102", assigneeId: "u1" });
    s = transition(s, sample.send_back, "u1", now).next;
    expect(s).toMatchObject({ status: "accepted", unitRegionCode: null, assigneeId: null, bounceCount: 1, isFlaggedToLead: false });
    s = transition(s, sample.assign, "d1", now).next;
    s = transition(s, sample.send_back, "u2", now).next;
    expect(s).toMatchObject({ bounceCount: 2, isFlaggedToLead: true });
  });

  it("suspend remembers where it was; resume returns there; the clock stops meanwhile", () => {
    const suspended = transition(state("assigned", { unitRegionCode: "990102" }), sample.suspend, "u1", now).next;
    expect(suspended.suspendedFrom).toBe("assigned");
    expect(isClockRunning(suspended.status)).toBe(false);
    const resumed = transition(suspended, sample.resume, "u1", now).next;
    expect(resumed.status).toBe("assigned");
    expect(isClockRunning(resumed.status)).toBe(true);
  });

  it("start takes the ticket for the actor when nobody holds it", () => {
    expect(transition(state("assigned", { assigneeId: null }), sample.start, "lawyer-1", now).next.assigneeId).toBe("lawyer-1");
    expect(transition(state("assigned", { assigneeId: "lawyer-2" }), sample.start, "lawyer-1", now).next.assigneeId).toBe("lawyer-2");
  });

  it("transfer leaves the person open; delegate may name one", () => {
    expect(transition(state("in_progress", { assigneeId: "u1" }), sample.transfer, "u1", now).next).toMatchObject({ unitRegionCode: "990103", assigneeId: null });
    expect(transition(state("assigned"), { type: "delegate", unitRegionCode: "990102001", assigneeId: "m1" }, "u1", now).next.assigneeId).toBe("m1");
  });

  it("reopen only within the window after resolution", () => {
    const resolved = transition(state("in_progress"), sample.resolve, "u1", now).next;
    expect(resolved.resolvedAt).toEqual(now);
    const day14 = new Date(now.getTime() + 14 * 86_400_000);
    expect(transition(resolved, sample.reopen, "u1", day14).next).toMatchObject({ status: "in_progress", resolvedAt: null });
    const day16 = new Date(now.getTime() + 16 * 86_400_000);
    expect(() => transition(resolved, sample.reopen, "u1", day16)).toThrowError(/within 15 days/);
    expect(() => transition(resolved, sample.reopen, "u1", day16, { reopenWindowDays: 30 })).not.toThrow();
  });

  it("merge records the surviving ticket and ends this one", () => {
    const merged = transition(state("submitted"), sample.merge_into, "d1", now).next;
    expect(merged).toMatchObject({ status: "merged", mergedIntoId: "t2" });
    expect(allowedActions("merged")).toEqual([]);
  });
});

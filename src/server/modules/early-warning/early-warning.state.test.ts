import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { ALERT_ACTIONS, ALERT_STATES, allowedActions, transition, type AlertAction, type AlertState } from "./early-warning.state.ts";

const NOW = new Date("2026-12-01T02:00:00Z");

/** Every state × action: the next state, or null where the machine refuses (409). */
const TABLE: Record<AlertState, Record<AlertAction, AlertState | null>> = {
  open: { acknowledge: "acknowledged", handle: null, close: null },
  acknowledged: { acknowledge: null, handle: "handling", close: "closed" },
  handling: { acknowledge: null, handle: null, close: "closed" },
  closed: { acknowledge: null, handle: null, close: null },
};

describe("alert state machine", () => {
  for (const state of ALERT_STATES) {
    for (const action of ALERT_ACTIONS) {
      const expected = TABLE[state][action];
      it(`${state} + ${action} → ${expected ?? "409"}`, () => {
        if (expected === null) {
          try {
            transition(state, action, NOW, "a note");
            expect.unreachable();
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe("INVALID_TRANSITION");
            expect((error as AppError).status).toBe(409);
          }
        } else {
          const { next, event } = transition(state, action, NOW, " a note ");
          expect(next).toBe(expected);
          expect(event).toEqual({ action, from: state, to: expected, at: NOW, note: "a note" });
        }
      });
    }
    it(`${state} allows exactly the actions of the table`, () => {
      expect(allowedActions(state)).toEqual(ALERT_ACTIONS.filter((a) => TABLE[state][a] !== null));
    });
  }

  it.each([[null], [""], ["   "]])("refuses to close without a note (%j), naming the field", (note) => {
    expect(() => transition("handling", "close", NOW, note)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", field: "note" }));
  });

  it("acknowledges without a note", () => {
    expect(transition("open", "acknowledge", NOW).event.note).toBeNull();
  });
});

import { AppError } from "../../platform/errors.ts";

/**
 * An alert handled like a task: the township office acknowledges it (签收), starts
 * handling it (处置: a visit, a mediation, a talk with the employer), and closes it
 * with a note saying what was done. An alert judged a false alarm may be closed
 * once acknowledged, with a note saying why. Closed is final: new tickets of the
 * same cluster after the closure make a new alert (the scan's rule).
 */
export const ALERT_STATES = ["open", "acknowledged", "handling", "closed"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const ALERT_ACTIONS = ["acknowledge", "handle", "close"] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

const NEXT: Record<AlertAction, { from: readonly AlertState[]; to: AlertState }> = {
  acknowledge: { from: ["open"], to: "acknowledged" },
  handle: { from: ["acknowledged"], to: "handling" },
  close: { from: ["acknowledged", "handling"], to: "closed" },
};

/** Actions that must say what was done (a closure without a note would leave nobody the wiser). */
export const NOTE_REQUIRED: Record<AlertAction, boolean> = { acknowledge: false, handle: false, close: true };

export type AlertEvent = { action: AlertAction; from: AlertState; to: AlertState; at: Date; note: string | null };

/** The next state and the event, or INVALID_TRANSITION (409); a missing required note is VALIDATION_FAILED naming `note`. */
export function transition(state: AlertState, action: AlertAction, now: Date, note: string | null = null): { next: AlertState; event: AlertEvent } {
  const rule = NEXT[action];
  if (!rule.from.includes(state)) throw new AppError("INVALID_TRANSITION", `An alert that is ${state} cannot be given "${action}"`, { extra: { state, action } });
  const text = note?.trim() || null;
  if (NOTE_REQUIRED[action] && !text) throw new AppError("VALIDATION_FAILED", `"${action}" needs a note saying what was done`, { field: "note" });
  return { next: rule.to, event: { action, from: state, to: rule.to, at: now, note: text } };
}

/** The actions the state allows now (the policy adds who may). */
export const allowedActions = (state: AlertState): AlertAction[] => ALERT_ACTIONS.filter((a) => NEXT[a].from.includes(state));

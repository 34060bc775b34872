import { AppError } from "../../platform/errors.ts";

/**
 * The life of a ticket (工单) as a pure state machine:
 * submitted → accepted | rejected → assigned → in_progress → resolved → followed_up → archived,
 * with transfer (转办), delegate (交办), send back (退回), suspend/resume (clocks stop),
 * reopen within a set period after resolution, and merge of duplicates.
 */
export const TICKET_STATUSES = [
  "submitted",
  "accepted",
  "rejected",
  "assigned",
  "in_progress",
  "suspended",
  "resolved",
  "followed_up",
  "archived",
  "merged",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Send-backs after which a ticket is flagged to the dispatcher's lead. */
export const BOUNCE_FLAG_THRESHOLD = 2;

export type TicketState = {
  status: TicketStatus;
  /** Region code of the unit handling it (the venue's region), once dispatched. */
  unitRegionCode: string | null;
  assigneeId: string | null;
  /** 首问责任: the first staff member who acted on it. */
  firstResponderId: string | null;
  bounceCount: number;
  isFlaggedToLead: boolean;
  /** The status to return to when a suspension is lifted. */
  suspendedFrom: TicketStatus | null;
  resolvedAt: Date | null;
  mergedIntoId: string | null;
};

export type TicketAction =
  | { type: "accept" }
  | { type: "reject"; reason: string }
  | { type: "assign"; unitRegionCode: string; assigneeId: string | null }
  | { type: "start" }
  | { type: "transfer"; unitRegionCode: string; reason: string }
  | { type: "delegate"; unitRegionCode: string; assigneeId: string | null }
  | { type: "send_back"; reason: string }
  | { type: "suspend"; reason: string }
  | { type: "resume" }
  | { type: "resolve"; summary: string }
  | { type: "follow_up"; outcome: string }
  | { type: "archive" }
  | { type: "reopen"; reason: string }
  | { type: "merge_into"; targetId: string };

export type TicketActionType = TicketAction["type"];

/** Every action of the machine, in the order the workbench offers them. */
export const TICKET_ACTION_TYPES = [
  "accept", "reject", "assign", "start", "transfer", "delegate", "send_back",
  "suspend", "resume", "resolve", "follow_up", "archive", "reopen", "merge_into",
] as const satisfies readonly TicketActionType[];

export type TransitionRules = {
  /** Days after resolution during which a ticket may be reopened. */
  reopenWindowDays: number;
};

export const DEFAULT_TRANSITION_RULES: TransitionRules = { reopenWindowDays: 15 };

/** Which actions each status allows. */
const ALLOWED: Record<TicketStatus, readonly TicketActionType[]> = {
  submitted: ["accept", "reject", "merge_into"],
  accepted: ["assign", "reject", "merge_into"],
  rejected: ["archive"],
  assigned: ["assign", "start", "transfer", "delegate", "send_back", "suspend", "resolve", "merge_into"],
  in_progress: ["transfer", "delegate", "send_back", "suspend", "resolve"],
  suspended: ["resume"],
  resolved: ["follow_up", "reopen"],
  followed_up: ["archive", "reopen"],
  archived: [],
  merged: [],
};

export const allowedActions = (status: TicketStatus): readonly TicketActionType[] => ALLOWED[status];

/**
 * Whether `action` would be accepted now, without applying it: the status allows
 * it and, for reopen, the reopen window has not closed. The same conditions as
 * `transition`, so the abilities sent with a ticket match what the server does.
 */
export function isActionPossible(
  state: Pick<TicketState, "status" | "resolvedAt">,
  action: TicketActionType,
  now: Date,
  rules: TransitionRules = DEFAULT_TRANSITION_RULES,
): boolean {
  if (!ALLOWED[state.status].includes(action)) return false;
  if (action === "reopen") return now.getTime() <= reopenWindowEnd(state.resolvedAt ?? now, rules).getTime();
  return true;
}

const reopenWindowEnd = (resolvedAt: Date, rules: TransitionRules) => new Date(resolvedAt.getTime() + rules.reopenWindowDays * 86_400_000);

export const isTerminal = (status: TicketStatus) => ALLOWED[status].length === 0;

/** Statuses in which the ticket's clocks run. */
export const isClockRunning = (status: TicketStatus) =>
  status === "submitted" || status === "accepted" || status === "assigned" || status === "in_progress";

export type Transition = { next: TicketState; action: TicketAction; from: TicketStatus; to: TicketStatus };

/**
 * Applies `action` by `actorId` at `now`. Throws INVALID_TRANSITION when the
 * status does not allow it; otherwise returns the next state (never mutates).
 */
export function transition(
  state: TicketState,
  action: TicketAction,
  actorId: string | null,
  now: Date,
  rules: TransitionRules = DEFAULT_TRANSITION_RULES,
): Transition {
  if (!ALLOWED[state.status].includes(action.type)) {
    throw new AppError("INVALID_TRANSITION", `A ${state.status} ticket cannot be ${action.type}`, {
      field: "action",
      extra: { status: state.status, allowed: ALLOWED[state.status] },
    });
  }
  const base: TicketState = { ...state, firstResponderId: state.firstResponderId ?? actorId };
  const next = ((): TicketState => {
    switch (action.type) {
      case "accept":
        return { ...base, status: "accepted" };
      case "reject":
        return { ...base, status: "rejected" };
      case "assign":
        return { ...base, status: "assigned", unitRegionCode: action.unitRegionCode, assigneeId: action.assigneeId };
      case "start":
        return { ...base, status: "in_progress", assigneeId: state.assigneeId ?? actorId };
      case "transfer":
        return { ...base, status: "assigned", unitRegionCode: action.unitRegionCode, assigneeId: null };
      case "delegate":
        return { ...base, status: "assigned", unitRegionCode: action.unitRegionCode, assigneeId: action.assigneeId };
      case "send_back": {
        const bounceCount = state.bounceCount + 1;
        return {
          ...base,
          status: "accepted",
          unitRegionCode: null,
          assigneeId: null,
          bounceCount,
          isFlaggedToLead: state.isFlaggedToLead || bounceCount >= BOUNCE_FLAG_THRESHOLD,
        };
      }
      case "suspend":
        return { ...base, status: "suspended", suspendedFrom: state.status };
      case "resume":
        return { ...base, status: state.suspendedFrom ?? "in_progress", suspendedFrom: null };
      case "resolve":
        return { ...base, status: "resolved", resolvedAt: now };
      case "follow_up":
        return { ...base, status: "followed_up" };
      case "archive":
        return { ...base, status: "archived" };
      case "reopen": {
        if (now.getTime() > reopenWindowEnd(state.resolvedAt ?? now, rules).getTime()) {
          throw new AppError("INVALID_TRANSITION", `A ticket can be reopened within ${rules.reopenWindowDays} days of resolution`, { field: "action" });
        }
        return { ...base, status: "in_progress", resolvedAt: null };
      }
      case "merge_into":
        return { ...base, status: "merged", mergedIntoId: action.targetId };
    }
  })();
  return { next, action, from: state.status, to: next.status };
}

export const newTicketState = (): TicketState => ({
  status: "submitted",
  unitRegionCode: null,
  assigneeId: null,
  firstResponderId: null,
  bounceCount: 0,
  isFlaggedToLead: false,
  suspendedFrom: null,
  resolvedAt: null,
  mergedIntoId: null,
});

import type { CaseGoal } from "../tickets/case-coupling.ts";
import { TERMINATION_GROUND_ITEMS, type ClosingOutcome } from "./aid-case.rules.ts";
import type { AidCaseAction, AidCaseState, AidCaseStatus } from "./aid-case.state.ts";

/** The closing outcomes as the applicant reads them in the ticket's answer. */
export const CLOSING_OUTCOME_LABELS: Record<ClosingOutcome, string> = {
  won: "胜诉",
  partly_won: "部分胜诉",
  lost: "败诉",
  mediated: "调解结案",
  settled: "和解结案",
  withdrawn_suit: "撤诉",
  criminal_defense_done: "刑事辩护完成",
  other: "其他",
};

const withText = (head: string, text: string | null | undefined) => (text && text.trim() ? `${head}：${text.trim()}` : head);

/**
 * Where the ticket goes after a step of its legal aid case (docs/legal-aid-flow.md,
 * "The ticket follows the case"), or null when the step leaves it where it is.
 * Every outcome — refusal, withdrawal (or lapse), termination, closing, an objection
 * upheld — resolves the ticket with a summary naming it; an objection that corrects
 * a refusal or termination reopens it; archiving the case archives the ticket.
 */
export function ticketGoalOfAidStep(
  action: AidCaseAction,
  from: AidCaseStatus,
  to: AidCaseStatus,
  next: Pick<AidCaseState, "objection">,
  centerRegionCode: string,
): CaseGoal | null {
  const resolve = (summary: string): CaseGoal => ({ kind: "resolve", unitRegionCode: centerRegionCode, summary });
  switch (action.type) {
    case "decide":
      return action.decision === "refuse" ? resolve(withText("不予法律援助", action.reasons)) : null;
    case "lapse":
      return resolve("未在告知期限内补充材料，法律援助申请视为撤回");
    case "withdraw":
      return resolve(withText("申请人撤回法律援助申请", action.reason));
    case "terminate":
      return resolve(withText(`终止法律援助（${TERMINATION_GROUND_ITEMS[action.ground]}）`, action.reason));
    case "close":
      return resolve(withText(`法律援助案件已结案（${CLOSING_OUTCOME_LABELS[action.outcome]}）`, action.summary));
    case "decide_objection":
      if (action.decision === "uphold") {
        const what = next.objection?.against === "termination" ? "维持终止法律援助的决定" : "维持不予法律援助的决定";
        return resolve(withText(`异议不成立，${what}`, action.opinion));
      }
      // Corrected: the refusal goes back to review, the termination back to handling.
      return from === "objection_pending" && to !== "refused" && to !== "terminated" ? { kind: "reopen", reason: withText("异议成立，法律援助案件恢复办理", action.opinion) } : null;
    case "archive":
      return { kind: "archive" };
    default:
      return null;
  }
}

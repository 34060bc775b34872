import type { CaseGoal } from "../tickets/case-coupling.ts";
import type { DeclineGround } from "./mediation.rules.ts";
import type { MediationCaseAction } from "./mediation-case.state.ts";

const DECLINE_LABELS: Record<DeclineGround, string> = {
  party_refused: "当事人一方明确拒绝调解",
  not_competent: "不属于本调解委员会受理范围",
  not_civil_dispute: "不属于民间纠纷",
};

const withText = (head: string, text: string | null | undefined) => (text && text.trim() ? `${head}：${text.trim()}` : head);

/**
 * Where the ticket goes after a step of its mediation case (docs/mediation.md,
 * "The ticket follows the case"), or null when the step leaves it where it is:
 * an agreement (written or oral), a failure, a termination or a declined
 * application resolves the ticket with a summary naming the outcome; archiving
 * the case archives the ticket once the ticket's machine allows.
 */
export function ticketGoalOfMediationStep(action: MediationCaseAction, committeeRegionCode: string): CaseGoal | null {
  const resolve = (summary: string): CaseGoal => ({ kind: "resolve", unitRegionCode: committeeRegionCode, summary });
  switch (action.type) {
    case "agree_written":
      return resolve(withText("调解成功，达成书面调解协议", action.terms));
    case "agree_oral":
      return resolve(withText("调解成功，达成口头调解协议", action.content));
    case "fail":
      return resolve(withText("调解不成", action.reason));
    case "terminate":
      return resolve(withText("调解终止", action.reason));
    case "decline":
      return resolve(withText(`不予受理调解申请（${DECLINE_LABELS[action.ground]}）`, action.reason));
    case "archive":
      return { kind: "archive" };
    default:
      return null;
  }
}

import { describe, expect, it } from "vitest";
import { SHIPPED_HOLIDAYS } from "../calendar/shipped-holidays.ts";
import { WorkingCalendar } from "../calendar/working-calendar.ts";
import { DEFENCE_GROUND_ARTICLES, DEFENCE_GROUNDS, defenceAssignmentDueAt, defenceDeadlineState, isLifeOrDeathGround, noticeProblem, poolNeedOf, stageProblem } from "./assigned-defence.rules.ts";
import { AID_DEADLINES } from "./aid-case.rules.ts";

const calendar = new WorkingCalendar(SHIPPED_HOLIDAYS);

describe("assigned defence notices (Arts. 25, 28)", () => {
  it("every ground names its article", () => {
    for (const ground of DEFENCE_GROUNDS) expect(DEFENCE_GROUND_ARTICLES[ground]).toMatch(/^第二十[五八]条/);
    expect(DEFENCE_GROUND_ARTICLES.possible_life_or_death_sentence).toBe("第二十五条第一款第（四）项");
    expect(DEFENCE_GROUND_ARTICLES.compulsory_medical_treatment).toBe("第二十八条");
  });

  it.each([
    ["police", "minor", null],
    ["procuratorate", "possible_life_or_death_sentence", null],
    ["court", "compulsory_medical_treatment", null],
    ["police", "compulsory_medical_treatment", "第二十八条"],
    ["procuratorate", "ordinary_procedure_trial", "第二十五条第二款"],
    ["police", "death_penalty_review", "第二十五条第一款第（五）项"],
  ] as const)("%s notifying on %s: %s", (body, ground, article) => {
    const problem = noticeProblem(body, ground);
    if (article === null) expect(problem).toBeNull();
    else expect(problem).toContain(article);
  });

  it("Art. 26: a possible life or death sentence and a death-penalty review ask for the experienced criminal lawyer", () => {
    expect(DEFENCE_GROUNDS.filter(isLifeOrDeathGround)).toEqual(["possible_life_or_death_sentence", "death_penalty_review"]);
    expect(poolNeedOf("death_penalty_review")).toEqual({ field: "criminal_defence", isLifeOrDeathCase: true });
    expect(poolNeedOf("minor")).toEqual({ field: "criminal_defence", isLifeOrDeathCase: false });
  });
});

describe("Art. 36: three days to assign", () => {
  it("counts working days from the notice's receipt, like the case's assignment limit", () => {
    // Friday 20 November 2026, 15:00 Beijing → Wednesday 25 November, 24:00.
    const received = new Date("2026-11-20T15:00:00+08:00");
    expect(defenceAssignmentDueAt(calendar, received).toISOString()).toBe("2026-11-25T16:00:00.000Z");
    expect(AID_DEADLINES.aid_assignment.amount).toBe(3);
  });

  it("runs over the National Day holiday and counts its make-up working Saturday", () => {
    // Wednesday 30 September 2026 → 1–7 October off; Thu 8, Fri 9, Sat 10 (a make-up working day) → 10 October, 24:00.
    expect(defenceAssignmentDueAt(calendar, new Date("2026-09-30T10:00:00+08:00")).toISOString()).toBe("2026-10-10T16:00:00.000Z");
  });
});

describe("the stage of the case", () => {
  it.each([
    ["police", "minor", "investigation", true],
    ["police", "minor", "trial", false],
    ["procuratorate", "minor", "prosecution_review", true],
    ["procuratorate", "minor", "trial", false],
    ["court", "possible_life_or_death_sentence", "trial", true],
    ["court", "possible_life_or_death_sentence", "investigation", false],
    ["court", "death_penalty_review", "trial", false],
    ["court", "death_penalty_review", "death_penalty_review", true],
    ["court", "compulsory_medical_treatment", "trial", false],
    ["court", "compulsory_medical_treatment", "compulsory_treatment", true],
  ] as const)("%s on %s at %s: fits %s", (body, ground, stage, fits) => {
    expect(stageProblem(body, ground, stage) === null).toBe(fits);
  });
});

describe("how the limit stands", () => {
  const dueAt = new Date("2026-11-25T16:00:00.000Z");
  it.each([
    ["2026-11-24T15:59:00.000Z", null, "running"],
    ["2026-11-24T16:00:00.000Z", null, "due_soon"],
    ["2026-11-25T16:00:00.000Z", null, "due_soon"],
    ["2026-11-25T16:00:01.000Z", null, "overdue"],
    ["2026-11-30T00:00:00.000Z", "2026-11-25T15:00:00.000Z", "met"],
    ["2026-11-30T00:00:00.000Z", "2026-11-26T09:00:00.000Z", "missed"],
  ] as const)("at %s, informed %s: %s", (now, informed, state) => {
    expect(defenceDeadlineState({ dueAt, bodyInformedAt: informed ? new Date(informed) : null }, new Date(now))).toBe(state);
  });
});

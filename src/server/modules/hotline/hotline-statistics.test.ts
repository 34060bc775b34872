/** The figures' definitions (hotline-statistics.ts), table-driven: tallies, rates, averages and periods. */
import { describe, expect, it } from "vitest";
import { datesOf, EMPTY_TALLY, figuresOf, periodDays, periodProblem, SERVICE_LEVEL_SECONDS, tallyCalls, type CallForFigures } from "./hotline-statistics.ts";

const call = (outcome: CallForFigures["outcome"], waitSeconds: number | null, talkSeconds: number | null = null, transferTarget: string | null = null): CallForFigures => ({ outcome, waitSeconds, talkSeconds, transferTarget });

describe("tallyCalls", () => {
  it.each<[string, CallForFigures[], Partial<ReturnType<typeof tallyCalls>>]>([
    ["no calls", [], EMPTY_TALLY],
    ["a call in progress enters no count but its own", [call(null, 5)], { offered: 0, inProgress: 1, waitCount: 0, waitSeconds: 0 }],
    ["answered within the service level, exactly at its edge", [call("answered", SERVICE_LEVEL_SECONDS, 60)], { offered: 1, answered: 1, answeredWithinServiceLevel: 1, answerWaitSeconds: 20, talkSeconds: 60 }],
    ["answered a second after it", [call("answered", SERVICE_LEVEL_SECONDS + 1, 60)], { answeredWithinServiceLevel: 0 }],
    ["an abandoned call's wait counts for the average wait, not the answer's", [call("abandoned", 30), call("answered", 10, 100)], { offered: 2, waitSeconds: 40, waitCount: 2, answerWaitSeconds: 10, maxWaitSeconds: 30 }],
    ["transfers count among the finished calls", [call("answered", 3, 50, "8009"), call(null, 2, null, "8009")], { transferred: 1 }],
    ["each outcome its own", [call("missed", 40), call("voicemail", 90), call("abandoned", 1)], { offered: 3, missed: 1, voicemail: 1, abandoned: 1, answered: 0 }],
  ])("%s", (_, calls, expected) => {
    expect(tallyCalls(calls)).toMatchObject(expected);
  });
});

describe("figuresOf", () => {
  it("derives the rates and averages from the tally", () => {
    const figures = figuresOf(tallyCalls([call("answered", 10, 100), call("answered", 30, 200), call("abandoned", 20), call("missed", 40)]));
    expect(figures).toMatchObject({ answerRate: 0.5, abandonRate: 0.25, serviceLevel: 0.25, avgWaitSeconds: 25, avgAnswerSeconds: 20, avgHandlingSeconds: 150 });
  });

  it("no calls to divide by gives no figure, not 0", () => {
    expect(figuresOf(EMPTY_TALLY)).toMatchObject({ answerRate: null, abandonRate: null, serviceLevel: null, avgWaitSeconds: null, avgAnswerSeconds: null, avgHandlingSeconds: null });
    // Only unanswered calls: an answer rate of 0, but no handling time.
    expect(figuresOf(tallyCalls([call("abandoned", 3)]))).toMatchObject({ answerRate: 0, avgHandlingSeconds: null, avgWaitSeconds: 3 });
  });
});

describe("periods", () => {
  it.each<[string, string, ReturnType<typeof periodProblem>]>([
    ["2026-11-18", "2026-11-18", null],
    ["2026-11-18", "2026-11-17", { field: "to", message: "to must not be before from" }],
    ["2023-11-18", "2026-11-18", null],
    ["2023-11-17", "2026-11-18", { field: "to", message: "A period is at most 1097 days" }],
    ["2026-02-30", "2026-03-01", { field: "from", message: "from must be a date YYYY-MM-DD" }],
    ["x", "2026-11-18", { field: "from", message: "from must be a date YYYY-MM-DD" }],
  ])("%s to %s", (from, to, problem) => {
    expect(periodProblem(from, to)).toEqual(problem);
  });

  it("lists every date, across a month's end and a leap day", () => {
    expect(periodDays("2028-02-27", "2028-03-01")).toBe(4);
    expect(datesOf("2028-02-27", "2028-03-01")).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
  });
});

import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { allowedReferralStatuses, moveReferral, receiptNumberOf, REFERRAL_STATUSES } from "./referral.state.ts";
import { isPeriodOf, isScreeningOverdue, periodOf, screeningDueAt } from "./screening.rules.ts";

const at = (dateTime: string) => new Date(`${dateTime}:00+08:00`);

describe("a referral's status", () => {
  it.each([
    ["sent", ["received", "returned"]],
    ["received", ["accepted", "returned"]],
    ["accepted", ["concluded"]],
    ["returned", []],
    ["concluded", []],
  ] as const)("from %s it can become %j only", (from, allowed) => {
    for (const to of REFERRAL_STATUSES) {
      const move = () => moveReferral({ status: from, history: [] }, to, { id: null, name: null }, null, at("2026-11-20T10:00"));
      if ((allowed as readonly string[]).includes(to)) expect(move().history).toEqual([{ status: to, at: "2026-11-20T02:00:00.000Z", by: null, byName: null, note: null }]);
      else expect(move).toThrow(AppError);
    }
    expect(allowedReferralStatuses(from)).toEqual(allowed);
  });

  it("numbers a receipt by its Beijing day", () => {
    expect(receiptNumberOf("abcdef12-0000-0000-0000-000000000000", new Date("2026-11-30T17:00:00Z"))).toBe("R20261201ABCDEF");
  });
});

describe("screening periods", () => {
  it("names the period in Beijing time", () => {
    expect(periodOf("monthly", new Date("2026-11-30T16:30:00Z"))).toBe("2026-12");
    expect(periodOf("quarterly", at("2026-11-20T10:00"))).toBe("2026-Q4");
    expect(isPeriodOf("monthly", "2026-13")).toBe(false);
    expect(isPeriodOf("quarterly", "2026-Q4")).toBe(true);
    expect(isPeriodOf("quarterly", "2026-11")).toBe(false);
  });

  it("is overdue from the end of the due day without a report", () => {
    const due = screeningDueAt("monthly", "2026-11", 25);
    expect(due.toISOString()).toBe(at("2026-11-26T00:00").toISOString());
    expect(screeningDueAt("quarterly", "2026-Q4", 10).toISOString()).toBe(at("2026-12-11T00:00").toISOString());
    expect(isScreeningOverdue(false, due, at("2026-11-25T23:59"))).toBe(false);
    expect(isScreeningOverdue(false, due, at("2026-11-26T00:00"))).toBe(true);
    expect(isScreeningOverdue(true, due, at("2026-11-27T00:00"))).toBe(false);
  });
});

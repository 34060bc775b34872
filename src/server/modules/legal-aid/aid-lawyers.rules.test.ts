import { describe, expect, it } from "vitest";
import { refusalOf, rotationOrder, suggestNextLawyer, yearsOfPractice, type PoolCandidate } from "./aid-lawyers.rules.ts";

const TODAY = "2026-12-02";
const lawyer = (accountId: string, over: Partial<PoolCandidate> = {}): PoolCandidate => ({
  accountId,
  status: "approved",
  fields: ["labour", "criminal_defence"],
  practiceSince: "2015-01-01",
  activeCases: 0,
  lastAssignedAt: null,
  approvedAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

describe("years of practice", () => {
  it.each([
    ["2023-12-02", 3],
    ["2023-12-03", 2],
    ["2023-11-30", 3],
    ["2024-01-01", 2],
    ["2026-12-02", 0],
    ["2027-01-01", 0],
  ])("since %s: %i full years on 2026-12-02", (since, years) => {
    expect(yearsOfPractice(since, TODAY)).toBe(years);
  });
});

describe("who may be assigned", () => {
  it("a suspended or removed lawyer may not, naming why", () => {
    expect(refusalOf(lawyer("a", { status: "suspended" }), {}, TODAY)?.reason).toBe("suspended");
    expect(refusalOf(lawyer("a", { status: "removed" }), {}, TODAY)?.reason).toBe("removed");
    expect(refusalOf(lawyer("a"), {}, TODAY)).toBeNull();
  });

  it("Art. 26: a life-or-death case needs three full years of criminal practice", () => {
    const need = { isLifeOrDeathCase: true };
    const two = refusalOf(lawyer("a", { practiceSince: "2023-12-03" }), need, TODAY);
    expect(two).toMatchObject({ reason: "experience", rule: { articleNo: "第二十六条" } });
    expect(two?.message).toContain("Art. 26");
    expect(refusalOf(lawyer("a", { practiceSince: "2023-12-02" }), need, TODAY)).toBeNull();
    expect(refusalOf(lawyer("a", { fields: ["labour"] }), need, TODAY)?.reason).toBe("experience");
    // The same young lawyer may take an ordinary case.
    expect(refusalOf(lawyer("a", { practiceSince: "2026-01-01" }), {}, TODAY)).toBeNull();
  });
});

describe("fair rotation", () => {
  it("fewest open cases first, then the least recently assigned (never first), then the earliest approved", () => {
    const pool = [
      lawyer("busy", { activeCases: 3 }),
      lawyer("recent", { activeCases: 1, lastAssignedAt: "2026-11-30T02:00:00.000Z" }),
      lawyer("earlier", { activeCases: 1, lastAssignedAt: "2026-11-01T02:00:00.000Z" }),
      lawyer("never", { activeCases: 1, approvedAt: "2026-03-01T00:00:00.000Z" }),
      lawyer("neverOlder", { activeCases: 1, approvedAt: "2026-02-01T00:00:00.000Z" }),
    ];
    expect(rotationOrder(pool, { field: "labour" }, TODAY).map((l) => l.accountId)).toEqual(["neverOlder", "never", "earlier", "recent", "busy"]);
  });

  it("only the eligible lawyers of the matter's field; none → no suggestion", () => {
    const pool = [
      lawyer("family", { fields: ["marriage_family"] }),
      lawyer("suspended", { status: "suspended", fields: ["labour"] }),
      lawyer("labour", { fields: ["labour"], activeCases: 5 }),
    ];
    expect(suggestNextLawyer(pool, { field: "labour" }, TODAY)?.accountId).toBe("labour");
    expect(suggestNextLawyer(pool, { field: "contract" }, TODAY)).toBeNull();
    // No field asked: any eligible lawyer, by load.
    expect(suggestNextLawyer(pool, {}, TODAY)?.accountId).toBe("family");
  });

  it("a life-or-death case goes to a criminal lawyer of three years even when a younger one is idle", () => {
    const pool = [lawyer("young", { practiceSince: "2025-06-01" }), lawyer("senior", { practiceSince: "2010-06-01", activeCases: 4 }), lawyer("civil", { fields: ["labour"], practiceSince: "2000-01-01" })];
    expect(rotationOrder(pool, { isLifeOrDeathCase: true, field: "labour" }, TODAY).map((l) => l.accountId)).toEqual(["senior"]);
  });
});

import { describe, expect, it } from "vitest";
import { facilitiesShare, rank, ticketMeasures } from "./measures.ts";
import { draftBulletin, RECTIFY_BELOW } from "./draft-bulletin.ts";
import type { ScoresView } from "./assessment.types.ts";

const fact = (overrides: Partial<Parameters<typeof ticketMeasures>[0][number]> = {}) => ({ id: "t", wasOverdue: false, bounceCount: 0, ratingMean: null, isFollowedUp: false, ...overrides });

describe("ticketMeasures", () => {
  it("no tickets: volume 0, every share and the rating unknown", () => {
    expect(ticketMeasures([])).toEqual({ tickets_handled: 0, on_time_share: null, bounce_share: null, follow_up_share: null, average_rating: null });
  });
  it("shares of the tickets, the mean of the rated ones only", () => {
    const facts = [fact({ wasOverdue: true, ratingMean: 5 }), fact({ bounceCount: 2, isFollowedUp: true, ratingMean: 2.5 }), fact()];
    expect(ticketMeasures(facts)).toEqual({ tickets_handled: 3, on_time_share: 66.67, bounce_share: 33.33, follow_up_share: 33.33, average_rating: 3.75 });
  });
});

describe("facilitiesShare", () => {
  it.each([
    [[false, false, false, false, false], 0],
    [[true, false, true, false, false], 40],
    [[true, true, true, true, true], 100],
  ])("%j → %d", ([hasOpeningHours, isStreetFacingGroundFloor, hasTouchKiosk, hasDisplayScreen, hasRemoteVideo], expected) => {
    expect(facilitiesShare({ hasOpeningHours, isStreetFacingGroundFloor, hasTouchKiosk, hasDisplayScreen, hasRemoteVideo })).toBe(expected);
  });
});

describe("rank", () => {
  it("best first, ties share a rank (1, 2, 2, 4), the unscored last and unranked", () => {
    const ranked = rank([
      { name: "丁", total: 50 },
      { name: "甲", total: null },
      { name: "乙", total: 80 },
      { name: "丙", total: 80 },
      { name: "戊", total: 95 },
    ]);
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ["戊", 1],
      ["丙", 2],
      ["乙", 2],
      ["丁", 4],
      ["甲", null],
    ]);
  });
});

describe("draftBulletin", () => {
  const venue = (name: string, total: number | null, rankValue: number | null) => ({ id: name, name, regionCode: "1", regionName: "某县", rank: rankValue, total, indicators: [] });
  const scores = (venues: ScoresView["venues"]): ScoresView => ({
    region: { code: "990100", name: "云岭市" },
    period: { code: "2026-Q4", label: "2026年第四季度", from: "", to: "" },
    indicators: [],
    ticketsResolved: 12,
    venues,
    staff: [],
  });

  it("commends those at 90 or more, criticises those below the line, top and bottom rows apart", () => {
    const names = ["甲", "乙", "丙", "丁", "戊", "己", "庚"];
    const totals = [95, 91, 80, 75, 70, 65, 40];
    const { title, content } = draftBulletin(scores(names.map((n, i) => venue(n, totals[i], i + 1))));
    expect(title).toBe("云岭市公共法律服务2026年第四季度考核情况通报");
    expect(content.top.map((r) => r.name)).toEqual(["甲", "乙", "丙", "丁", "戊"]);
    expect(content.bottom.map((r) => r.name)).toEqual(["己", "庚"]);
    expect(content.commendations).toBe("甲（95分）、乙（91分）考核成绩优异，予以通报表扬。");
    expect(content.criticisms).toContain(`庚（40分）考核得分低于${RECTIFY_BELOW}分`);
    expect(content.criticisms).not.toContain("己");
    expect(content.figures).toEqual({ venues: 7, scored: 7, averageScore: 73.7, ticketsHandled: 12 });
  });

  it("nothing scored: says so", () => {
    const { content } = draftBulletin(scores([venue("甲", null, null)]));
    expect(content.summary).toContain("本期无可考核数据");
    expect(content.top).toEqual([]);
    expect(content.commendations).toBe("本期无通报表扬对象。");
  });
});

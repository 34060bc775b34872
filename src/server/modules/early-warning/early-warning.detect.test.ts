import { describe, expect, it } from "vitest";
import { counterpartyKey, placeShortName } from "./counterparty-key.ts";
import { commonPath, detectClusters, thresholdsWith, type TicketFact } from "./early-warning.detect.ts";

const NOW = new Date("2026-12-01T12:00:00+08:00");
const DAY = 86_400_000;
const T1 = "/980000/980100/980102/980102001/";
const V1 = `${T1}980102001001/`;
const V2 = `${T1}980102001002/`;
const T2 = "/980000/980100/980102/980102002/";

let n = 0;
function fact(overrides: Partial<TicketFact> & { daysAgo: number }): TicketFact {
  n += 1;
  const { daysAgo, ...rest } = overrides;
  const regionPath = rest.regionPath ?? V1;
  return {
    id: `t${String(n).padStart(5, "0")}`,
    createdAt: new Date(NOW.getTime() - daysAgo * DAY),
    regionCode: regionPath.split("/").filter(Boolean).at(-1)!,
    regionPath,
    category: "其他",
    serviceType: "consultation",
    channel: "window",
    counterpartyKey: null,
    applicantKey: `a${n}`,
    ...rest,
  };
}

describe("counterpartyKey", () => {
  it.each([
    ["四川某某建筑有限公司", "某某建筑"],
    ["四川省 某某建筑 有限责任公司", "某某建筑"],
    ["（四川）某某建筑股份有限公司", "某某建筑"],
    ["某某建筑公司", "某某建筑"],
    ["绵阳某某建筑公司", "绵阳某某建筑"],
  ])("folds %s to %s", (name, key) => expect(counterpartyKey(name)).toBe(key));

  it.each([
    ["绵阳某某建筑公司", "某某建筑"],
    ["绵阳市某某建筑有限公司", "某某建筑"],
    ["三台县 某某建筑", "某某建筑"],
    ["绵阳建材", "绵阳建材"],
    ["ＡＢＣ Trading Co.", "abctradingco"],
    ["某某砖厂", "某某砖"],
  ])("with the deployment's places, folds %s to %s", (name, key) => expect(counterpartyKey(name, [placeShortName("绵阳市"), placeShortName("三台县")])).toBe(key));

  it.each([[null], [""], ["邻居"], ["丈夫"], ["  "], ["王"], ["有限公司"]])("gives no key for %s", (name) => expect(counterpartyKey(name)).toBeNull());
});

describe("commonPath", () => {
  it("is the deepest region all paths share", () => {
    expect(commonPath([V1, V2])).toBe(T1);
    expect(commonPath([V1, T2])).toBe("/980000/980100/980102/");
    expect(commonPath([V1])).toBe(V1);
  });
});

describe("detectClusters", () => {
  it("alerts on a counterparty named by enough different applicants, counting people not tickets", () => {
    const facts = [
      ...[1, 2].map((d) => fact({ daysAgo: d, counterpartyKey: "某某建筑", counterpartyName: "某某建筑有限公司", regionPath: d === 1 ? V1 : V2 })),
      // The same person twice counts once.
      fact({ daysAgo: 4, counterpartyKey: "某某建筑", applicantKey: "a-same" }),
      fact({ daysAgo: 5, counterpartyKey: "某某建筑", applicantKey: "a-same" }),
    ];
    expect(detectClusters(facts, NOW).filter((d) => d.kind === "counterparty")).toEqual([]);
    facts.push(fact({ daysAgo: 6, counterpartyKey: "某某建筑", regionPath: T2 }));
    const [alert] = detectClusters(facts, NOW).filter((d) => d.kind === "counterparty");
    expect(alert).toMatchObject({ key: "counterparty:某某建筑", applicantCount: 4, ticketCount: 5, counterpartyName: "某某建筑有限公司", regionPath: "/980000/980100/980102/", severity: "medium" });
  });

  it("leaves out tickets older than the counterparty window and after now", () => {
    const facts = [1, 2, 3].map((d) => fact({ daysAgo: d, counterpartyKey: "x厂主" }));
    facts.push(fact({ daysAgo: 31, counterpartyKey: "x厂主" }), fact({ daysAgo: -1, counterpartyKey: "x厂主" }));
    expect(detectClusters(facts, NOW).filter((d) => d.kind === "counterparty")).toEqual([]);
    expect(detectClusters(facts, NOW, thresholdsWith({ counterparty: { windowDays: 40 } })).filter((d) => d.kind === "counterparty")).toHaveLength(1);
  });

  it("alerts on a village's burst in one category, not on its usual level", () => {
    const burst = [0.5, 1, 2, 3, 4].map((d) => fact({ daysAgo: d, category: "山林土地" }));
    const [place] = detectClusters(burst, NOW).filter((d) => d.kind === "place");
    expect(place).toMatchObject({ key: "place:980102001001:山林土地", category: "山林土地", ticketCount: 5, applicantCount: 5 });
    // A village where five a fortnight is usual (its last 8 weeks) does not alert.
    const usual = Array.from({ length: 20 }, (_, i) => fact({ daysAgo: 15 + i * 2.5, category: "山林土地" }));
    expect(detectClusters([...burst, ...usual], NOW).filter((d) => d.kind === "place")).toEqual([]);
  });

  it("alerts on a township's category spiking against its own baseline, with a minimum count", () => {
    // Baseline: about 2 a week for 8 weeks in the township (villages and the township itself).
    const baseline = Array.from({ length: 16 }, (_, i) => fact({ daysAgo: 8 + i * 3.4, category: "劳动争议", regionPath: i % 2 ? T1 : V2 }));
    const fewRecent = [1, 2, 3, 4, 5].map((d) => fact({ daysAgo: d, category: "劳动争议", regionPath: T1 }));
    expect(detectClusters([...baseline, ...fewRecent], NOW).filter((d) => d.kind === "spike")).toEqual([]);
    const more = [1.5, 2.5, 3.5, 4.5, 5.5].map((d) => fact({ daysAgo: d, category: "劳动争议", regionPath: T1 }));
    const [spike] = detectClusters([...baseline, ...fewRecent, ...more], NOW).filter((d) => d.kind === "spike");
    expect(spike).toMatchObject({ key: "spike:980102001:劳动争议", regionPath: T1, ticketCount: 10 });
    expect(spike.baseline!.mean).toBe(2);
    expect(spike.baseline!.z).toBeGreaterThanOrEqual(3.5);
  });

  it("does not alert a spike on a township whose category is usually that busy", () => {
    const busy = Array.from({ length: 90 }, (_, i) => fact({ daysAgo: 0.5 + i * 0.7, category: "婚姻家庭", regionPath: T2 }));
    expect(detectClusters(busy, NOW).filter((d) => d.kind === "spike")).toEqual([]);
  });

  it("gives a village burst one alert, not also its township's spike", () => {
    const burst = Array.from({ length: 12 }, (_, i) => fact({ daysAgo: 0.3 + i * 0.5, category: "山林土地" }));
    const kinds = detectClusters(burst, NOW).map((d) => d.kind);
    expect(kinds).toEqual(["place"]);
    expect(detectClusters(burst, NOW)[0].severity).toBe("high");
  });
});

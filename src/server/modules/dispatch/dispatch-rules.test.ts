import { describe, expect, it } from "vitest";
import type { Role } from "../../policies/actor.ts";
import { DISPATCH_ROUTES, scoreOf, suggestDispatch, unitName, type ChainNode, type DispatchPerson } from "./dispatch-rules.ts";
import { SERVICE_TYPES, type ServiceType } from "../tickets/ticket-rules.ts";

const P: ChainNode = { code: "990000", name: "演示省", level: "province" };
const Y: ChainNode = { code: "990100", name: "云岭市", level: "city" };
const C: ChainNode = { code: "990102", name: "青川区", level: "county" };
const T: ChainNode = { code: "990102001", name: "东关街道", level: "township" };
const V: ChainNode = { code: "990102001001", name: "东关社区", level: "village" };
/** A matter in the village of 东关社区: its branch, matter first. */
const CHAIN = [V, T, C, Y, P];

let n = 0;
const person = (roles: Role[], at: ChainNode, overrides: Partial<DispatchPerson> = {}): DispatchPerson => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  displayName: `${roles[0]}${n}`,
  roles,
  regionCode: at.code,
  skills: [],
  languages: ["zh"],
  isOnDuty: true,
  load: 0,
  ...overrides,
});

const suggest = (serviceType: ServiceType, people: DispatchPerson[], extra: { category?: string; language?: string; chain?: ChainNode[] } = {}) =>
  suggestDispatch({ serviceType, category: extra.category ?? "劳动争议", language: extra.language ?? "zh", chain: extra.chain ?? CHAIN, people });

describe("which unit: the nearest capable one, climbing the tree", () => {
  const reviewerAtCounty = person(["reviewer"], C, { displayName: "周审查" });
  const reviewerAtCity = person(["reviewer"], Y);
  const mediatorAtVillage = person(["mediator"], V);
  const mediatorAtTownship = person(["mediator"], T);
  const lawyerAtCounty = person(["lawyer"], C);
  const advisorAtTownship = person(["advisor"], T);
  const windowAtCounty = person(["window"], C);
  const dispatcherAtCity = person(["dispatcher"], Y);
  const offDutyMediatorAtVillage = person(["mediator"], V, { isOnDuty: false });

  it.each<[string, ServiceType, DispatchPerson[], string, string, boolean]>([
    // [case, service, people, unit code, unit name, climbed]
    ["legal aid goes to the county's center, even with a reviewer lower down", "legal_aid", [reviewerAtCounty, person(["reviewer"], T)], C.code, "青川区法律援助中心", false],
    ["legal aid climbs to the city when the county has no reviewer", "legal_aid", [reviewerAtCity], Y.code, "云岭市法律援助中心", true],
    ["mediation stays in the village when it has a mediator", "mediation", [mediatorAtVillage, mediatorAtTownship], V.code, "东关社区人民调解委员会", false],
    ["mediation climbs to the township", "mediation", [mediatorAtTownship], T.code, "东关街道人民调解委员会", true],
    ["mediation passes a level whose only mediator is off duty", "mediation", [offDutyMediatorAtVillage, mediatorAtTownship], T.code, "东关街道人民调解委员会", true],
    ["consultation: the nearest village advisor", "consultation", [advisorAtTownship, lawyerAtCounty], T.code, "东关街道公共法律服务工作站", true],
    ["consultation: the county's duty lawyers", "consultation", [lawyerAtCounty], C.code, "青川区公共法律服务中心", true],
    ["lawyer referral takes lawyers only, not advisors", "lawyer_referral", [advisorAtTownship, lawyerAtCounty], C.code, "青川区公共法律服务中心", true],
    ["notarization goes to the county center's window", "notarization", [windowAtCounty, person(["window"], T)], C.code, "青川区公共法律服务中心", false],
    ["a complaint climbs to the city's dispatcher", "complaint", [dispatcherAtCity], Y.code, "云岭市公共法律服务大厅", true],
    ["people without the service's role do not count", "legal_aid", [lawyerAtCounty, mediatorAtTownship, reviewerAtCity], Y.code, "云岭市法律援助中心", true],
  ])("%s", (_case, serviceType, people, code, name, isClimbed) => {
    const s = suggest(serviceType, people);
    expect(s.unit.code).toBe(code);
    expect(s.unit.name).toBe(name);
    expect(s.isClimbed).toBe(isClimbed);
    expect(s.candidates.length).toBeGreaterThan(0);
    expect(s.candidates.every((c) => c.regionCode === code)).toBe(true);
  });

  it("a matter at the city itself starts county bodies at the city", () => {
    const s = suggest("legal_aid", [reviewerAtCity], { chain: [Y, P] });
    expect(s).toMatchObject({ unit: { code: Y.code }, isClimbed: false });
  });

  it("only off-duty people anywhere: the nearest of them names the unit, nobody is assigned", () => {
    const s = suggest("mediation", [offDutyMediatorAtVillage, person(["mediator"], C, { isOnDuty: false })]);
    expect(s.unit.code).toBe(V.code);
    expect(s.assignee).toBeNull();
    expect(s.reason).toContain("调解员均不在岗，分配至单位待认领");
  });

  it("nobody at all: the starting level, nobody assigned, no candidates", () => {
    const s = suggest("legal_aid", [mediatorAtVillage]);
    expect(s).toMatchObject({ unit: { code: C.code }, assignee: null, candidates: [], isClimbed: false });
    expect(s.reason).toBe("法律援助由青川区法律援助中心审查；本级及上级均无审查人员，请调度员指定");
  });

  it("every service type has a route", () => {
    for (const serviceType of SERVICE_TYPES) expect(DISPATCH_ROUTES[serviceType].roles.length).toBeGreaterThan(0);
  });
});

describe("who: on duty, then skill, then language, then load", () => {
  const at = C;
  it.each<[string, Partial<DispatchPerson>, Partial<DispatchPerson>]>([
    // [case, the one who should win, the one who should lose]
    ["on duty beats skill, language and load", { isOnDuty: true, load: 9 }, { isOnDuty: false, skills: ["劳动争议"], languages: ["zh", "bo"], load: 0 }],
    ["skill beats language and load", { skills: ["劳动争议"], load: 30 }, { languages: ["zh", "bo"], load: 0 }],
    ["language beats load", { languages: ["zh", "bo"], load: 25 }, { load: 0 }],
    ["lighter load wins when all else is equal", { load: 1 }, { load: 2 }],
    ["lighter load wins even past the score's cap", { load: 11 }, { load: 12 }],
  ])("%s", (_case, winner, loser) => {
    // The winner's name sorts last, so a win is never the name's doing.
    const a = person(["reviewer"], at, { ...winner, displayName: "乙" });
    const b = person(["reviewer"], at, { ...loser, displayName: "甲" });
    for (const people of [[a, b], [b, a]]) {
      const s = suggest("legal_aid", people, { language: "bo" });
      expect(s.candidates.map((c) => c.displayName)).toEqual(["乙", "甲"]);
      expect(s.assignee?.id).toBe(a.id);
    }
  });

  it("the score keeps the order strict", () => {
    const base = { isOnDuty: false, skillMatch: false, languageMatch: false, load: 0 };
    expect(scoreOf({ ...base, isOnDuty: true, load: 1000 })).toBeGreaterThan(scoreOf({ ...base, skillMatch: true, languageMatch: true }));
    expect(scoreOf({ ...base, skillMatch: true, load: 1000 })).toBeGreaterThan(scoreOf({ ...base, languageMatch: true }));
    expect(scoreOf({ ...base, languageMatch: true, load: 1000 })).toBeGreaterThan(scoreOf(base));
  });
});

describe("the reason, in Chinese", () => {
  it("names the unit, the person and why", () => {
    const s = suggest("legal_aid", [person(["reviewer"], C, { displayName: "周审查", skills: ["劳动争议"], load: 2 })]);
    expect(s.reason).toBe("法律援助由青川区法律援助中心审查；周审查在岗、擅长劳动争议、当前在办 2 件");
    expect(s.assignee?.displayName).toBe("周审查");
  });

  it("says where it climbed from, and the language when it is not Mandarin", () => {
    const s = suggest("mediation", [person(["mediator"], T, { displayName: "郑调解", skills: ["邻里"], languages: ["zh", "bo"], load: 0 })], { category: "邻里", language: "bo" });
    expect(s.reason).toBe("邻里纠纷由东关街道人民调解委员会调解（东关社区无调解员，上溯至东关街道）；郑调解在岗、擅长邻里、会讲藏语、当前在办 0 件");
  });

  it("each candidate carries its own reason", () => {
    const s = suggest("consultation", [person(["lawyer"], C, { displayName: "吴律师", isOnDuty: false, load: 3 })], { language: "bo" });
    expect(s.candidates[0].reason).toBe("吴律师不在岗、未登记擅长劳动争议、不会讲藏语、当前在办 3 件");
  });

  it.each([
    ["legal_aid", { name: "青川区", level: "county" }, "青川区法律援助中心"],
    ["mediation_committee", { name: "西坪村", level: "village" }, "西坪村人民调解委员会"],
    ["duty_lawyers", { name: "云岭市", level: "city" }, "云岭市公共法律服务大厅"],
    ["service_center", { name: "西坪镇", level: "township" }, "西坪镇公共法律服务工作站"],
  ] as const)("unit name of %s at %j", (kind, region, name) => {
    expect(unitName(kind === "legal_aid" ? "legal_aid_center" : kind, region)).toBe(name);
  });
});

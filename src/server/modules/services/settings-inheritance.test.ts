import { describe, expect, it } from "vitest";
import { effectiveSettings, parentPathOf, type OwnSettings } from "./settings-inheritance.ts";
import { DEFAULT_DEADLINES } from "./service-catalogue.ts";

const row = (regionCode: string, regionPath: string, amount: number, serviceType = "legal_aid"): OwnSettings => ({
  regionCode,
  regionPath,
  serviceType,
  checklist: [],
  deadlines: [{ step: "resolve", amount, unit: "working_days" }],
  isAutoDispatch: false,
  updatedAt: new Date("2026-11-01T00:00:00Z"),
});

const province = row("990000", "/990000/", 9);
const city = row("990100", "/990000/990100/", 6);
const county = row("990102", "/990000/990100/990102/", 5);
const otherType = row("990103", "/990000/990100/990103/", 2, "mediation");

describe("settings are inherited downwards", () => {
  it.each([
    ["the node's own row wins", "/990000/990100/990102/", [province, city, county], "990102", 5],
    ["a node without one takes its nearest ancestor's", "/990000/990100/990102/990102001/", [province, city, county], "990102", 5],
    ["a sibling's row does not count", "/990000/990100/990103/", [province, city, county], "990100", 6],
    ["the root's row reaches every node", "/990000/990200/990201/", [province, city, county], "990000", 9],
    ["another service type's row does not count", "/990000/990100/990103/", [otherType], null, DEFAULT_DEADLINES.legal_aid[1].amount],
    ["no row anywhere: the shipped defaults", "/990000/990100/990103/", [], null, DEFAULT_DEADLINES.legal_aid[1].amount],
    // A code that is a prefix of another code's digits must not match: paths compare whole segments.
    ["990102 is not an ancestor of 9901021", "/990000/990100/9901021/", [county], null, DEFAULT_DEADLINES.legal_aid[1].amount],
  ])("%s", (_case, path, rows, source, amount) => {
    const effective = effectiveSettings("legal_aid", path, rows);
    expect(effective.sourceRegionCode).toBe(source);
    expect(effective.deadlines.find((d) => d.step === "resolve")?.amount).toBe(amount);
  });

  it("the shipped defaults have auto-dispatch off", () => {
    expect(effectiveSettings("mediation", "/990000/", []).isAutoDispatch).toBe(false);
  });

  it.each([
    ["/990000/990100/990102/", "/990000/990100/"],
    ["/990000/", null],
  ])("the parent of %s is %s", (path, parent) => expect(parentPathOf(path)).toBe(parent));
});

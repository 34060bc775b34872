/**
 * Settings belong to a region node and are inherited downwards (issue 6, item 13):
 * an admin changes only their own node's settings or those below it, a sibling
 * keeps its own, a change higher up reaches the nodes without their own, and the
 * effective value says where it comes from. The holiday calendar is national
 * (admins at a root node), with regional additions inherited the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { DEFAULT_DEADLINES } from "../../src/server/modules/services/service-catalogue.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
const s: Record<string, Session> = {};

// Monday 2 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-02T10:00:00+08:00");

type Item = {
  serviceType: string;
  deadlines: { step: string; amount: number; unit: string }[];
  checklist: { key: string }[];
  isAutoDispatch: boolean;
  source: { regionCode: string; regionName: string } | "default";
  isOwn: boolean;
  inherited: { deadlines: { step: string; amount: number }[]; source: unknown } | null;
  overriddenBelow: { regionCode: string }[];
  abilities: { update: boolean; reset: boolean };
};

const settingsUrl = (regionCode?: string, serviceType = "") =>
  `/api/settings/services${serviceType ? `/${serviceType}` : ""}${regionCode ? `?regionCode=${regionCode}` : ""}`;

/** legal_aid as seen by `session` at `regionCode` (their own node by default). */
async function legalAid(session: Session, regionCode?: string): Promise<Item> {
  const response = await session.get(settingsUrl(regionCode));
  expect(response.statusCode).toBe(200);
  return response.json().items.find((i: Item) => i.serviceType === "legal_aid");
}

const resolveDays = (item: { deadlines: { step: string; amount: number }[] }) => item.deadlines.find((d) => d.step === "resolve")!.amount;
const SHIPPED_RESOLVE = DEFAULT_DEADLINES.legal_aid.find((d) => d.step === "resolve")!.amount;

const legalAidBody = (resolve: number) => ({
  checklist: [{ key: "id_card", name: "申请人身份证明", isRequired: true }],
  deadlines: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: resolve, unit: "working_days" }],
  isAutoDispatch: false,
});

const auditEntries = async (action: string, entityId: string) =>
  (await database.db.execute<{ region_path: string; detail: Record<string, unknown> }>(sql`select region_path, detail from audit_log where action = ${action} and entity_id = ${entityId} order by id`)).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("rootAdmin", ["admin"], tree.province);
  await make("cityAdmin", ["admin"], tree.city);
  await make("countyAdmin", ["admin"], tree.counties[0]);
  await make("siblingAdmin", ["admin"], tree.counties[1]);
  await make("countyWindow", ["window"], tree.counties[0]);
  await make("townshipAdmin", ["admin"], tree.townships[0][0]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("service settings per region node", () => {
  it("with nothing set anywhere, every node shows the shipped defaults as 系统默认", async () => {
    const item = await legalAid(s.countyAdmin);
    expect(item).toMatchObject({ source: "default", isOwn: false, inherited: null, abilities: { update: true, reset: false } });
    expect(resolveDays(item)).toBe(SHIPPED_RESOLVE);
  });

  it("a county admin changes their county only; the sibling county keeps the old value", async () => {
    const response = await s.countyAdmin.request("PUT", settingsUrl(undefined, "legal_aid"), legalAidBody(5));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      isOwn: true,
      source: { regionCode: tree.counties[0], regionName: "测试县1-0" },
      inherited: { source: "default" },
      abilities: { update: true, reset: true },
    });
    expect(resolveDays(await legalAid(s.countyAdmin))).toBe(5);
    // Below the county, the county's value is inherited.
    const township = await legalAid(s.townshipAdmin);
    expect(township).toMatchObject({ isOwn: false, source: { regionCode: tree.counties[0] } });
    expect(resolveDays(township)).toBe(5);
    // The sibling county and the city are untouched.
    expect(await legalAid(s.siblingAdmin)).toMatchObject({ source: "default", isOwn: false });
    expect(resolveDays(await legalAid(s.siblingAdmin))).toBe(SHIPPED_RESOLVE);
    const city = await legalAid(s.cityAdmin);
    expect(city).toMatchObject({ source: "default", overriddenBelow: [{ regionCode: tree.counties[0] }] });
  });

  it("the city's change reaches the counties without their own, not the county with its own", async () => {
    expect((await s.cityAdmin.request("PUT", settingsUrl(undefined, "legal_aid"), legalAidBody(10))).statusCode).toBe(200);
    const sibling = await legalAid(s.siblingAdmin);
    expect(sibling).toMatchObject({ isOwn: false, source: { regionCode: tree.city, regionName: "测试市1" } });
    expect(resolveDays(sibling)).toBe(10);
    const county = await legalAid(s.countyAdmin);
    expect(resolveDays(county)).toBe(5);
    // What the county would inherit after a reset: the city's.
    expect(county.inherited).toMatchObject({ source: { regionCode: tree.city } });
    expect(resolveDays(county.inherited!)).toBe(10);
  });

  it("a county admin cannot change the city's or another county's settings, nor reset them", async () => {
    for (const region of [tree.city, tree.counties[1], tree.province]) {
      expect((await s.countyAdmin.request("PUT", settingsUrl(region, "legal_aid"), legalAidBody(2))).statusCode).toBe(404);
      expect((await s.countyAdmin.request("DELETE", settingsUrl(region, "legal_aid"))).statusCode).toBe(404);
      expect((await s.countyAdmin.get(settingsUrl(region))).statusCode).toBe(404);
    }
    expect(resolveDays(await legalAid(s.cityAdmin))).toBe(10);
    expect(resolveDays(await legalAid(s.siblingAdmin))).toBe(10);
  });

  it("staff read the settings of their scope; only admins change them (403)", async () => {
    const item = await legalAid(s.countyWindow);
    expect(item.abilities).toEqual({ update: false, reset: false });
    expect((await s.countyWindow.request("PUT", settingsUrl(undefined, "legal_aid"), legalAidBody(3))).statusCode).toBe(403);
    expect((await s.countyWindow.request("DELETE", settingsUrl(undefined, "legal_aid"))).statusCode).toBe(403);
  });

  it("an admin may set a node below their own: the city admin sets a township, picked by regionCode", async () => {
    const township = tree.townships[1][0];
    const response = await s.cityAdmin.request("PUT", settingsUrl(township, "legal_aid"), legalAidBody(4));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ isOwn: true, source: { regionCode: township } });
    expect((await s.cityAdmin.get(settingsUrl(tree.counties[1]))).json().items.find((i: Item) => i.serviceType === "legal_aid").overriddenBelow).toEqual([
      { regionCode: township, regionName: "测试镇1-1-1" },
    ]);
  });

  it("an unknown region is named; a bad code is a 400", async () => {
    const unknown = await s.cityAdmin.get(settingsUrl("989999"));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: "UNKNOWN_REGION", field: "regionCode" });
    expect((await s.cityAdmin.get("/api/settings/services?regionCode=abc")).statusCode).toBe(400);
  });

  it("each change is on the audit log with the node's region path", async () => {
    const county = await auditEntries("settings.service_update", `${tree.counties[0]}:legal_aid`);
    expect(county).toHaveLength(1);
    expect(county[0].region_path).toBe(`/${tree.province}/${tree.city}/${tree.counties[0]}/`);
    expect(county[0].detail).toMatchObject({ regionCode: tree.counties[0], serviceType: "legal_aid", previous: null });
    const city = await auditEntries("settings.service_update", `${tree.city}:legal_aid`);
    expect(city[0].region_path).toBe(`/${tree.province}/${tree.city}/`);
  });

  it("reset: the county inherits the city's value again, and the reset is audited", async () => {
    const response = await s.countyAdmin.request("DELETE", settingsUrl(undefined, "legal_aid"));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ isOwn: false, source: { regionCode: tree.city }, inherited: null, abilities: { reset: false } });
    expect(resolveDays(response.json())).toBe(10);
    const [entry] = await auditEntries("settings.service_reset", `${tree.counties[0]}:legal_aid`);
    expect(entry.region_path).toBe(`/${tree.province}/${tree.city}/${tree.counties[0]}/`);
    expect(entry.detail).toMatchObject({ previous: { deadlines: legalAidBody(5).deadlines }, inheritsFrom: tree.city });
    // Nothing left to reset: still 200, and no second entry.
    expect((await s.countyAdmin.request("DELETE", settingsUrl(undefined, "legal_aid"))).statusCode).toBe(200);
    expect(await auditEntries("settings.service_reset", `${tree.counties[0]}:legal_aid`)).toHaveLength(1);
  });
});

describe("the 2031 calendar: national for everyone, regional additions inherited downwards", () => {
  const newYear2031 = { off: [{ name: "元旦", from: "2031-01-01", to: "2031-01-01" }], work: [], source: "测试通知" };
  // Illustrative: a local festival in the county, with a Sunday worked in return.
  const losar2031 = { off: [{ name: "藏历新年", from: "2031-02-24", to: "2031-02-26" }], work: ["2031-03-02"], source: "县人民政府通知" };

  const regionalOf = async (session: Session, regionCode?: string) => {
    const response = await session.get(`/api/calendar${regionCode ? `?regionCode=${regionCode}` : ""}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { years: { year: string }[]; regional: { region: { regionCode: string; regionName: string }; isOwn: boolean; years: { year: string; off: unknown[] }[] }[]; abilities: Record<string, boolean> };
  };

  it("a county admin cannot change the national 2031 arrangement for every county (403), nor can the city's", async () => {
    expect((await s.countyAdmin.request("PUT", "/api/calendar/2031", newYear2031)).statusCode).toBe(403);
    expect((await s.cityAdmin.request("PUT", "/api/calendar/2031", newYear2031)).statusCode).toBe(403);
    expect((await regionalOf(s.siblingAdmin)).years.map((y) => y.year)).not.toContain("2031");
    expect((await regionalOf(s.countyAdmin)).abilities).toEqual({ updateNational: false, updateRegional: true });
  });

  it("an admin at the root node loads it, for everyone", async () => {
    expect((await regionalOf(s.rootAdmin)).abilities.updateNational).toBe(true);
    expect((await s.rootAdmin.request("PUT", "/api/calendar/2031", newYear2031)).statusCode).toBe(200);
    expect((await regionalOf(s.siblingAdmin)).years.map((y) => y.year)).toContain("2031");
  });

  it("the county adds its own rest days for 2031; they apply below it and not to the sibling county", async () => {
    const response = await s.countyAdmin.request("PUT", "/api/calendar/2031/regional", losar2031);
    expect(response.statusCode).toBe(200);
    expect(response.json().regional).toEqual([
      { region: { regionCode: tree.counties[0], regionName: "测试县1-0" }, isOwn: true, years: [expect.objectContaining({ year: "2031", work: ["2031-03-02"] })] },
    ]);
    const township = await regionalOf(s.townshipAdmin);
    expect(township.regional).toEqual([expect.objectContaining({ region: expect.objectContaining({ regionCode: tree.counties[0] }), isOwn: false })]);
    expect((await regionalOf(s.siblingAdmin)).regional).toEqual([]);
    const [entry] = await auditEntries("calendar.regional_create", `${tree.counties[0]}:2031`);
    expect(entry.region_path).toBe(`/${tree.province}/${tree.city}/${tree.counties[0]}/`);
  });

  it("a county admin cannot add days for the city or the sibling county (404); a city admin's reach both counties", async () => {
    expect((await s.countyAdmin.request("PUT", `/api/calendar/2031/regional?regionCode=${tree.city}`, losar2031)).statusCode).toBe(404);
    expect((await s.countyAdmin.request("PUT", `/api/calendar/2031/regional?regionCode=${tree.counties[1]}`, losar2031)).statusCode).toBe(404);
    expect((await s.countyAdmin.request("DELETE", `/api/calendar/2031/regional?regionCode=${tree.counties[1]}`)).statusCode).toBe(404);
    expect((await s.countyWindow.request("PUT", "/api/calendar/2031/regional", losar2031)).statusCode).toBe(403);
    const cityDay = { off: [{ name: "市庆", from: "2031-06-16", to: "2031-06-16" }], work: [] };
    expect((await s.cityAdmin.request("PUT", "/api/calendar/2031/regional", cityDay)).statusCode).toBe(200);
    expect((await regionalOf(s.siblingAdmin)).regional.map((r) => [r.region.regionCode, r.isOwn])).toEqual([[tree.city, false]]);
    expect((await regionalOf(s.countyAdmin)).regional.map((r) => [r.region.regionCode, r.isOwn])).toEqual([[tree.city, false], [tree.counties[0], true]]);
  });

  it("a region cannot make a national holiday a working day; the field is named", async () => {
    const response = await s.countyAdmin.request("PUT", "/api/calendar/2031/regional", { off: [], work: ["2031-01-04", "2031-01-01"] });
    // 2031-01-01 is a Wednesday: refused as not a weekend day; a weekend national holiday is refused as such.
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "work[1]" });
    const weekendHoliday = { off: [{ name: "元旦", from: "2031-01-01", to: "2031-01-05" }], work: [] };
    expect((await s.rootAdmin.request("PUT", "/api/calendar/2031", weekendHoliday)).statusCode).toBe(200);
    const onHoliday = await s.countyAdmin.request("PUT", "/api/calendar/2031/regional", { off: [], work: ["2031-01-04"] });
    expect(onHoliday.statusCode).toBe(400);
    expect(onHoliday.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "work[0]" });
    expect(onHoliday.json().message).toContain("national holiday");
  });

  it("the county removes its additions and inherits the city's only", async () => {
    const response = await s.countyAdmin.request("DELETE", "/api/calendar/2031/regional");
    expect(response.statusCode).toBe(200);
    expect(response.json().regional.map((r: { region: { regionCode: string } }) => r.region.regionCode)).toEqual([tree.city]);
    expect(await auditEntries("calendar.regional_remove", `${tree.counties[0]}:2031`)).toHaveLength(1);
  });
});

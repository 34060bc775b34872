/**
 * 考核评价与通报 over HTTP: indicator sets (inherited down the region tree), scores
 * recomputed here from the raw fixture data, rankings scoped by the region tree,
 * third-party scores, the permission matrix and validation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import JSZip from "jszip";
import { DEFAULT_INDICATORS } from "../../src/server/modules/assessment/indicators.ts";
import { pdfText } from "../helpers/pdf-text.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
const s: Record<string, Session> = {};
const ids: Record<string, string> = {};
const venue: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };

// Friday 20 November 2026, 10:00 Beijing time: the tickets are resolved in 2026-11.
const START = new Date("2026-11-20T10:00:00+08:00");

/** The set the scores below are recomputed with: weights 40 + 30 + 20 + 10. */
const SET = [
  { key: "volume", name: "办件量", dimension: "business", weight: 40, target: 2, direction: "higher", measure: "tickets_handled" },
  { key: "rating", name: "群众满意度", dimension: "satisfaction", weight: 30, target: 5, direction: "higher", measure: "average_rating" },
  { key: "facilities", name: "设施", dimension: "infrastructure", weight: 20, target: 100, direction: "higher", measure: "facilities" },
  { key: "external", name: "第三方评估", dimension: "satisfaction", weight: 10, target: 100, direction: "higher", measure: "external_score" },
];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region, `${key}${tree.city}`));
    ids[key] = actor.id;
    s[key] = await signIn(app, actor.username);
  };
  await make("leader", ["leader"], tree.city);
  await make("supervisor", ["supervisor"], tree.city);
  await make("admin", ["admin"], tree.city);
  await make("countyLeader", ["leader"], tree.counties[0]);
  await make("otherCountyAdmin", ["admin"], tree.counties[1]);
  await make("window", ["window"], tree.city);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("operator", ["operator"], tree.city);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("lawyer2", ["lawyer"], tree.counties[1]);
  await database.db.transaction(async (tx) => {
    // A: opening hours and a touch kiosk (2 of 5 facilities); B: all five; C: none.
    venue.a = await makeVenue(tx, tree.counties[0], { name: "甲中心", openingHours: "周一至周五 9:00-17:00", equipment: { hasTouchKiosk: true, hasDisplayScreen: false, hasRemoteVideo: false } });
    venue.b = await makeVenue(tx, tree.counties[1], {
      name: "乙中心",
      openingHours: "9:00-17:00",
      isStreetFacingGroundFloor: true,
      equipment: { hasTouchKiosk: true, hasDisplayScreen: true, hasRemoteVideo: true },
    });
    venue.c = await makeVenue(tx, tree.townships[0][0], { name: "丙工作站" });
  });
  // A's unit resolves three tickets (rated 5 and 3, one unrated after being sent back once), B's one (unrated).
  const a1 = await resolvedTicket(0);
  const a2 = await resolvedTicket(0);
  await resolvedTicket(0, { isSentBackOnce: true });
  await resolvedTicket(1);
  // The operator's follow-up (回访) of one of A's tickets.
  expect((await act(s.operator, a1, { action: "follow_up", outcome: "电话回访，群众满意" })).statusCode).toBe(200);
  const rate = (score: number) => ({ attitude: score, speed: score, policy: score, expertise: score });
  expect((await s.operator.request("POST", `/api/tickets/${a1}/rating`, rate(5))).statusCode).toBe(201);
  expect((await s.operator.request("POST", `/api/tickets/${a2}/rating`, rate(3))).statusCode).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const act = (who: Session, id: string, body: Record<string, unknown>) => who.request("POST", `/api/tickets/${id}/actions`, body);

async function resolvedTicket(county: 0 | 1, options: { isSentBackOnce?: boolean } = {}): Promise<string> {
  const created = await s.window.request("POST", "/api/tickets", {
    channel: "window",
    serviceType: "mediation",
    category: "邻里",
    regionCode: tree.townships[county][0],
    applicant: { name: "赵六", phone: "13812345678" },
    description: "邻居违建影响采光",
  });
  expect(created.statusCode).toBe(201);
  const id = created.json().id;
  expect((await act(s.window, id, { action: "accept" })).statusCode).toBe(200);
  const lawyer = county === 0 ? ids.lawyer : ids.lawyer2;
  expect((await act(s.dispatcher, id, { action: "assign", unitRegionCode: tree.counties[county], assigneeId: lawyer })).statusCode).toBe(200);
  const handler = county === 0 ? s.lawyer : s.lawyer2;
  if (options.isSentBackOnce) {
    expect((await act(handler, id, { action: "send_back", reason: "不属本单位管辖" })).statusCode).toBe(200);
    expect((await act(s.dispatcher, id, { action: "assign", unitRegionCode: tree.counties[county], assigneeId: lawyer })).statusCode).toBe(200);
  }
  expect((await act(handler, id, { action: "resolve", summary: "双方达成调解协议" })).statusCode).toBe(200);
  return id;
}

const scores = (who: Session, regionCode = tree.city, period = "2026-11") => who.get(`/api/assessment/scores?regionCode=${regionCode}&period=${period}`);
type Ranked = { id: string; name: string; rank: number | null; total: number | null; indicators: { key: string; raw: number | null; score: number | null }[] };
const round1 = (n: number) => Math.round(n * 10) / 10;

describe("indicator sets", () => {
  it("a region without a set of its own uses the shipped default, whose weights sum to 100", async () => {
    const res = await s.leader.get(`/api/assessment/indicator-sets/${tree.townships[0][0]}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ definedAt: null, isInherited: true, indicators: DEFAULT_INDICATORS, abilities: { update: true } });
  });

  it("the city's set is inherited by a township under it; a county's own set wins below the county", async () => {
    const put = await s.leader.request("PUT", `/api/assessment/indicator-sets/${tree.city}`, { indicators: SET });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ isInherited: false, definedAt: { code: tree.city } });
    const township = (await s.leader.get(`/api/assessment/indicator-sets/${tree.townships[1][0]}`)).json();
    expect(township).toMatchObject({ isInherited: true, definedAt: { code: tree.city }, indicators: SET });

    const own = DEFAULT_INDICATORS.map((i) => ({ ...i }));
    expect((await s.otherCountyAdmin.request("PUT", `/api/assessment/indicator-sets/${tree.counties[1]}`, { indicators: own })).statusCode).toBe(200);
    expect((await s.leader.get(`/api/assessment/indicator-sets/${tree.townships[1][0]}`)).json().definedAt.code).toBe(tree.counties[1]);
    expect((await s.leader.get(`/api/assessment/indicator-sets/${tree.townships[0][0]}`)).json().definedAt.code).toBe(tree.city);
    // Dropped, the county inherits the city's again.
    expect((await s.otherCountyAdmin.request("DELETE", `/api/assessment/indicator-sets/${tree.counties[1]}`)).json().definedAt.code).toBe(tree.city);

    const audit = await s.admin.get(`/api/audit?action=assessment.indicator_set.update`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a bad set naming the field", async () => {
    const put = (indicators: unknown) => s.leader.request("PUT", `/api/assessment/indicator-sets/${tree.city}`, { indicators });
    const wrongSum = await put(SET.map((i, n) => (n === 0 ? { ...i, weight: 41 } : i)));
    expect(wrongSum.statusCode).toBe(400);
    expect(wrongSum.json()).toMatchObject({ field: "indicators", message: "The weights sum to 101, not 100" });
    const zeroTarget = await put(SET.map((i, n) => (n === 1 ? { ...i, target: 0 } : i)));
    expect(zeroTarget.statusCode).toBe(400);
    expect(zeroTarget.json().field).toBe("indicators[1].target");
    const unknownMeasure = await put(SET.map((i, n) => (n === 2 ? { ...i, measure: "gdp" } : i)));
    expect(unknownMeasure.statusCode).toBe(400);
    expect(unknownMeasure.json().field).toBe("indicators[2].measure");
    const twice = await put(SET.map((i, n) => (n === 3 ? { ...i, key: "volume" } : i)));
    expect(twice.json()).toMatchObject({ field: "indicators[3].key" });
    expect((await s.leader.get(`/api/assessment/indicator-sets/990`)).statusCode).toBe(400);
    expect((await s.leader.get(`/api/assessment/indicator-sets/981199`)).json()).toMatchObject({ field: "regionCode" });
  });
});

describe("scores and rankings", () => {
  it("third-party scores are recorded per venue and period (0–100, audited)", async () => {
    const put = (who: Session, body: unknown, id = venue.a) => who.request("PUT", `/api/assessment/venues/${id}/external-scores`, body);
    expect((await put(s.supervisor, { period: "2026-11", score: 90, evaluator: "某某评估中心" })).statusCode).toBe(200);
    expect((await put(s.supervisor, { period: "2026-11", score: 101, evaluator: "x" })).json().field).toBe("score");
    expect((await put(s.supervisor, { period: "2026-13", score: 50, evaluator: "x" })).json().field).toBe("period");
    expect((await put(s.window, { period: "2026-11", score: 50, evaluator: "x" })).statusCode).toBe(403);
    expect((await put(s.otherCountyAdmin, { period: "2026-11", score: 50, evaluator: "x" })).statusCode).toBe(404);
    const audit = (await s.admin.get(`/api/audit?action=assessment.external_score.record`)).json();
    expect(audit.items.some((e: { entityId: string }) => e.entityId === venue.a)).toBe(true);
  });

  it("venues are scored from live data with the city's set, and ranked", async () => {
    const res = await scores(s.leader);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.period).toMatchObject({ code: "2026-11", label: "2026年11月" });
    const byId = new Map<string, Ranked>(body.venues.map((v: Ranked) => [v.id, v]));
    // A: 3 tickets of target 2 → 100 (capped); ratings 5 and 3 → mean 4 of 5 → 80; 2 of 5 facilities → 40; third party 90.
    const a = (40 * 100 + 30 * 80 + 20 * 40 + 10 * 90) / 100;
    // B: 1 ticket → 50; no rating and no third-party score (their weights are left out); 5 of 5 facilities → 100.
    const b = (40 * 50 + 20 * 100) / (40 + 20);
    // C: no tickets → 0; no facilities → 0.
    const c = 0;
    expect(byId.get(venue.a)).toMatchObject({ total: round1(a), rank: 1 });
    expect(byId.get(venue.b)).toMatchObject({ total: round1(b), rank: 2 });
    expect(byId.get(venue.c)).toMatchObject({ total: c, rank: 3 });
    expect(byId.get(venue.a)!.indicators).toEqual([
      { key: "volume", raw: 3, score: 100, weight: 40 },
      { key: "rating", raw: 4, score: 80, weight: 30 },
      { key: "facilities", raw: 40, score: 40, weight: 20 },
      { key: "external", raw: 90, score: 90, weight: 10 },
    ]);
    expect(body.venues.map((v: Ranked) => v.id).slice(0, 3)).toEqual([venue.a, venue.b, venue.c]);
  });

  it("staff are scored on their own tickets (facilities and third-party scores do not apply)", async () => {
    const body = (await scores(s.supervisor)).json();
    const byId = new Map<string, Ranked>(body.staff.map((v: Ranked) => [v.id, v]));
    expect(byId.get(ids.lawyer)).toMatchObject({ total: round1((40 * 100 + 30 * 80) / 70), rank: 1 });
    expect(byId.get(ids.lawyer2)).toMatchObject({ total: 50, rank: 2 });
    expect(byId.get(ids.window)).toMatchObject({ total: 0 });
    // Leaders, supervisors, admins and dispatchers are not ranked.
    expect(byId.has(ids.leader) || byId.has(ids.dispatcher)).toBe(false);
  });

  it("every measure of the default set read from live data, with its score (a county's own set, for the county)", async () => {
    expect((await s.countyLeader.request("PUT", `/api/assessment/indicator-sets/${tree.counties[0]}`, { indicators: DEFAULT_INDICATORS })).statusCode).toBe(200);
    const body = (await scores(s.countyLeader, tree.counties[0])).json();
    const a = body.venues.find((v: Ranked) => v.id === venue.a) as Ranked;
    const raw = Object.fromEntries(a.indicators.map((i) => [i.key, i.raw]));
    // 2 of 5 facilities; nobody holds a post; 3 resolved, none late, 1 of 3 sent back, 1 of 3 followed up; ratings 5 and 3; third party 90.
    expect(raw).toEqual({ facilities: 40, staffing: 0, volume: 3, on_time: 100, bounce: 33.33, rating: 4, follow_up: 33.33, external: 90 });
    const expectedScores = {
      facilities: 40, // 40 of target 100
      staffing: 0,
      volume: 10, // 3 of target 30
      on_time: 100, // 100 of 95, capped
      bounce: 0, // 33.33 against 5, lower is better: past twice the target
      rating: round1((100 * 4) / 4.5),
      follow_up: round1((100 * 33.33) / 90),
      external: 100, // 90 of 90
    };
    expect(Object.fromEntries(a.indicators.map((i) => [i.key, i.score]))).toEqual(expectedScores);
    const weights = Object.fromEntries(DEFAULT_INDICATORS.map((i) => [i.key, i.weight]));
    const total = Object.entries(expectedScores).reduce((sum, [key, score]) => sum + weights[key] * score, 0) / 100;
    expect(a.total).toBe(round1(total));
    // The lawyer: the staff indicators only (no facilities, staffing or third party).
    const lawyer = body.staff.find((v: Ranked) => v.id === ids.lawyer) as Ranked;
    expect(lawyer.indicators.map((i) => i.key)).toEqual(["volume", "on_time", "bounce", "rating", "follow_up"]);
  });

  it("another period has no tickets: volume 0, rating unknown", async () => {
    const body = (await scores(s.leader, tree.city, "2026-10")).json();
    const a = body.venues.find((v: Ranked) => v.id === venue.a);
    expect(a.indicators.find((i: { key: string }) => i.key === "volume")).toMatchObject({ raw: 0, score: 0 });
    expect(a.indicators.find((i: { key: string }) => i.key === "rating")).toMatchObject({ raw: null, score: null });
    expect((await scores(s.leader, tree.city, "2026-Q4")).json().venues[0].id).toBe(venue.a);
  });

  it("a county leader ranks the county's venues and staff only; another county is not found", async () => {
    const body = (await scores(s.countyLeader, tree.counties[0])).json();
    expect(body.venues.map((v: Ranked) => v.id).sort()).toEqual([venue.a, venue.c].sort());
    expect(body.staff.map((v: Ranked) => v.id)).toEqual([ids.lawyer]);
    expect((await scores(s.countyLeader, tree.counties[1])).statusCode).toBe(404);
    expect((await scores(s.countyLeader, tree.city)).statusCode).toBe(404);
  });

  it("permission matrix: leader, supervisor and admin in scope; other roles refused (403); out of scope 404", async () => {
    const matrix: [string, number][] = [
      ["leader", 200],
      ["supervisor", 200],
      ["admin", 200],
      ["window", 403],
      ["dispatcher", 403],
      ["operator", 403],
      ["lawyer", 403],
      ["otherCountyAdmin", 404],
    ];
    const seen: [string, number][] = [];
    for (const [who] of matrix) seen.push([who, (await scores(s[who])).statusCode]);
    expect(seen).toEqual(matrix);
    const put = (who: string) => s[who].request("PUT", `/api/assessment/indicator-sets/${tree.city}`, { indicators: SET });
    const writes: [string, number][] = [];
    for (const [who] of matrix) writes.push([who, (await put(who)).statusCode]);
    expect(writes).toEqual(matrix);
  });

  it("validation: the period and region are named when wrong", async () => {
    expect((await scores(s.leader, tree.city, "2026-13")).json()).toMatchObject({ field: "period" });
    expect((await scores(s.leader, "12", "2026-11")).json()).toMatchObject({ field: "regionCode" });
    const unknown = await scores(s.leader, "981199", "2026-11");
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().field).toBe("regionCode");
  });
});

describe("bulletins (通报)", () => {
  let id: string;
  let title: string;

  it("is generated as a draft from the rankings: top and bottom venues, commendation and criticism", async () => {
    expect((await s.window.request("POST", "/api/assessment/bulletins", { regionCode: tree.city, period: "2026-11" })).statusCode).toBe(403);
    expect((await s.otherCountyAdmin.request("POST", "/api/assessment/bulletins", { regionCode: tree.city, period: "2026-11" })).statusCode).toBe(404);
    expect((await s.supervisor.request("POST", "/api/assessment/bulletins", { regionCode: tree.city, period: "2026-Q5" })).json().field).toBe("period");
    expect((await s.supervisor.request("POST", "/api/assessment/bulletins", { regionCode: tree.city })).json().field).toBe("period");

    const res = await s.supervisor.request("POST", "/api/assessment/bulletins", { regionCode: tree.city, period: "2026-11" });
    expect(res.statusCode).toBe(201);
    const b = res.json();
    id = b.id;
    title = b.title;
    expect(b.state).toBe("draft");
    expect(b.title).toBe(`${b.region.name}公共法律服务2026年11月考核情况通报`);
    expect(b.content.figures).toEqual({ venues: 3, scored: 3, averageScore: round1((81 + round1(4000 / 60) + 0) / 3), ticketsHandled: 4 });
    expect(b.content.top.map((r: { name: string }) => r.name)).toEqual(["甲中心", "乙中心", "丙工作站"]);
    expect(b.content.commendations).toContain("甲中心（81分）");
    // 丙工作站 scored 0, below 60: named for rectification; 乙中心 (66.7) is not.
    expect(b.content.criticisms).toContain("丙工作站（0分）");
    expect(b.content.criticisms).toContain("整改");
    expect(b.content.criticisms).not.toContain("乙中心");
    expect(b.abilities).toEqual({ edit: true, review: true, return: false, publish: false });
  });

  it("a draft is edited, naming the field on bad input", async () => {
    const edited = await s.supervisor.request("PATCH", `/api/assessment/bulletins/${id}`, { title: `${title}（修订）`, closing: "望各单位再接再厉。" });
    expect(edited.statusCode).toBe(200);
    title = `${title}（修订）`;
    expect(edited.json()).toMatchObject({ title, content: { closing: "望各单位再接再厉。" } });
    expect((await s.supervisor.request("PATCH", `/api/assessment/bulletins/${id}`, { title: "   " })).json().field).toBe("title");
    expect((await s.supervisor.request("PATCH", `/api/assessment/bulletins/${id}`, { summary: "长".repeat(5001) })).json().field).toBe("summary");
    expect((await s.window.request("PATCH", `/api/assessment/bulletins/${id}`, { title: "x" })).statusCode).toBe(403);
    expect((await s.otherCountyAdmin.request("PATCH", `/api/assessment/bulletins/${id}`, { title: "x" })).statusCode).toBe(404);
  });

  it("draft → reviewed → published; a supervisor reviews, a leader publishes; other transitions are 409", async () => {
    const act = (who: Session, name: string) => who.request("POST", `/api/assessment/bulletins/${id}/actions`, { action: name });
    expect((await act(s.leader, "publish")).statusCode).toBe(409);
    expect((await act(s.supervisor, "return")).statusCode).toBe(409);
    expect((await act(s.supervisor, "review")).json()).toMatchObject({ state: "reviewed" });
    expect((await s.supervisor.request("PATCH", `/api/assessment/bulletins/${id}`, { title: "x" })).statusCode).toBe(409);
    expect((await act(s.supervisor, "publish")).statusCode).toBe(403);
    expect((await act(s.leader, "return")).json()).toMatchObject({ state: "draft", reviewedAt: null });
    expect((await act(s.supervisor, "review")).statusCode).toBe(200);
    expect((await s.window.request("POST", `/api/assessment/bulletins/${id}/actions`, { action: "publish" })).statusCode).toBe(403);
    expect((await s.leader.request("POST", `/api/assessment/bulletins/${id}/actions`, { action: "archive" })).json().field).toBe("action");
    // Before publication the portal does not list it, nor serve its PDF.
    expect((await app.inject({ method: "GET", url: `/api/public/bulletins?regionCode=${tree.city}` })).json().items).toEqual([]);
    expect((await app.inject({ method: "GET", url: `/api/public/bulletins/${id}/pdf` })).statusCode).toBe(404);
    const published = await act(s.leader, "publish");
    expect(published.json()).toMatchObject({ state: "published", abilities: { edit: false, review: false, return: false, publish: false } });
    for (const name of ["publish", "return", "review"]) expect((await act(s.leader, name)).statusCode).toBe(409);
    expect((await s.leader.request("PATCH", `/api/assessment/bulletins/${id}`, { title: "x" })).statusCode).toBe(409);
    const audit = (await s.admin.get(`/api/audit?entityType=assessment_bulletin&limit=100`)).json();
    const actions = audit.items.filter((e: { entityId: string }) => e.entityId === id).map((e: { action: string }) => e.action);
    expect(new Set(actions)).toEqual(new Set(["assessment.bulletin.generate", "assessment.bulletin.edit", "assessment.bulletin.review", "assessment.bulletin.return", "assessment.bulletin.publish"]));
  });

  it("the portal lists it for the region and the regions under it, with a PDF whose text holds the title", async () => {
    const list = await app.inject({ method: "GET", url: `/api/public/bulletins?regionCode=${tree.villages[0][0][0]}` });
    expect(list.statusCode).toBe(200);
    const [item] = list.json().items;
    expect(item).toMatchObject({ id, title, period: "2026-11", pdfUrl: `/api/public/bulletins/${id}/pdf` });
    const pdf = await app.inject({ method: "GET", url: item.pdfUrl });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(title);
    expect(text).toContain("甲中心");
    expect((await app.inject({ method: "GET", url: `/api/public/bulletins?regionCode=981199` })).json().field).toBe("regionCode");
  });

  it("staff download PDF and DOCX (a real zip with word/document.xml holding the title)", async () => {
    const pdf = await s.supervisor.get(`/api/assessment/bulletins/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf.rawPayload)).toContain(title);
    const docx = await s.supervisor.get(`/api/assessment/bulletins/${id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain(title);
    expect(xml).toContain("通报批评与整改要求");
    expect((await s.window.get(`/api/assessment/bulletins/${id}/docx`)).statusCode).toBe(403);
    expect((await s.otherCountyAdmin.get(`/api/assessment/bulletins/${id}/pdf`)).statusCode).toBe(404);
  });

  it("the list shows the bulletins in scope only", async () => {
    expect((await s.leader.get(`/api/assessment/bulletins`)).json().items.map((b: { id: string }) => b.id)).toContain(id);
    expect((await s.otherCountyAdmin.get(`/api/assessment/bulletins`)).json().items).toEqual([]);
    expect((await s.countyLeader.get(`/api/assessment/bulletins?regionCode=${tree.city}`)).statusCode).toBe(404);
    expect((await s.operator.get(`/api/assessment/bulletins`)).statusCode).toBe(403);
  });
});

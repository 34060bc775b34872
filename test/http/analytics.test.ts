/**
 * The command center's analytics over HTTP (docs/analytics.md): the summary's
 * figures recomputed from the raw ticket rows and trail, every figure's
 * drill-down listing exactly as many lines as the figure, the permission matrix
 * (each role × own region / region below / parent / sibling), the validation of
 * the query, and the live board taking in a ticket created through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import type { Database, Tx } from "../../src/server/platform/db/index.ts";
import { createProtector } from "../../src/server/platform/personal/protect.ts";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import { createTicket } from "../../src/server/modules/tickets/commands/create-ticket.ts";
import { actOnTicket } from "../../src/server/modules/tickets/commands/act-on-ticket.ts";
import { getTicketRow } from "../../src/server/modules/tickets/queries/get-ticket.ts";
import type { TicketActionInput } from "../../src/server/modules/tickets/tickets.types.ts";
import { recordRating } from "../../src/server/modules/oversight/commands/record-rating.ts";
import { issueSupervision } from "../../src/server/modules/oversight/commands/issue-supervision.ts";
import { MEASURES } from "../../src/server/modules/analytics/analytics.types.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
const s: Record<string, Session> = {};
const people: Record<string, StaffActor> = {};
const protector = createProtector(Buffer.alloc(32, 9));

// Friday 20 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-20T10:00:00+08:00");
const at = (day: string, time = "10:00") => new Date(`2026-11-${day}T${time}:00+08:00`);
const PERIOD = "from=2026-11-01&to=2026-11-30";

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Role[], region: string) => {
    people[key] = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, people[key].username);
  };
  await make("cityLeader", ["leader"], tree.city);
  await make("countyLeader", ["leader"], tree.counties[0]);
  await make("countyDispatcher", ["dispatcher"], tree.counties[0]);
  await make("countySupervisor", ["supervisor"], tree.counties[0]);
  await make("countyAdmin", ["admin"], tree.counties[0]);
  await make("townshipLeader", ["leader"], tree.townships[0][0]);
  await make("countyWindow", ["window"], tree.counties[0]);
  await make("countyLawyer", ["lawyer"], tree.counties[0]);
  people.worker = await database.db.transaction((tx) => makeStaff(tx, ["window", "dispatcher", "supervisor", "lawyer", "operator"], tree.city));
  await buildHistory();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A few weeks of tickets through the real commands, each step at its own time. */
async function buildHistory() {
  const w = people.worker;
  const create = (when: Date, region: string, channel: string, serviceType: string, category: string) =>
    database.db.transaction(async (tx) =>
      (await createTicket(tx, w, { channel, serviceType, category, regionCode: region, applicant: { name: "李四" }, description: "分析测试" } as never, when, { protector })).id,
    );
  const act = (id: string, when: Date, input: Record<string, unknown>) =>
    database.db.transaction((tx: Tx) => actOnTicket(tx, w, id, input as TicketActionInput, when, { protector }));
  // Up to in progress, from wherever auto-dispatch (on for some services) left it.
  const work = async (id: string, day: string, unit: string) => {
    const status = async () => (await getTicketRow(database.db, id))!.status;
    if ((await status()) === "submitted") await act(id, at(day, "10:30"), { action: "accept" });
    if ((await status()) === "accepted") await act(id, at(day, "11:00"), { action: "assign", unitRegionCode: unit });
    await act(id, at(day, "11:30"), { action: "start" });
  };
  const a = await create(at("02"), tree.villages[0][0][0], "window", "mediation", "邻里");
  await work(a, "02", tree.townships[0][0]);
  await act(a, at("03", "09:00"), { action: "resolve", summary: "调解成功" });
  await database.db.transaction((tx) => recordRating(tx, w, a, { attitude: 5, speed: 4, policy: 5, expertise: 5 }, at("04")));
  const b = await create(at("05", "23:50"), tree.townships[0][1], "hotline", "consultation", "劳动争议");
  await work(b, "06", tree.counties[0]);
  await act(b, at("06", "15:00"), { action: "resolve", summary: "已解答" });
  await act(b, at("07"), { action: "reopen", reason: "群众不满意" });
  await act(b, at("09"), { action: "resolve", summary: "再次解答" });
  await database.db.transaction((tx) => recordRating(tx, w, b, { attitude: 2, speed: 3, policy: 3, expertise: 3 }, at("10")));
  const c = await create(at("10"), tree.counties[1], "referral", "legal_aid", "劳动争议");
  await work(c, "10", tree.counties[1]);
  await database.db.transaction((tx) => issueSupervision(tx, w, c, { reason: "群众催办", dueAt: at("12") }, at("10", "16:00")));
  await act(c, at("11"), { action: "send_back", reason: "不属本单位" });
  const d = await create(at("12"), tree.villages[0][1][1], "window", "mediation", "婚姻家庭");
  await act(d, at("12", "12:00"), { action: "merge_into", targetTicketId: a });
  const e = await create(at("13"), tree.townships[0][0], "window", "consultation", "邻里");
  await act(e, at("13", "11:00"), { action: "reject", reason: "不属受理范围" });
  // Outside the period: counted on its day (31 October), not in November's figures.
  await create(new Date("2026-10-31T23:59:00+08:00"), tree.townships[0][0], "window", "consultation", "邻里");
  // Open today: the board's backlog.
  await create(at("20", "08:00"), tree.villages[1][0][0], "hotline", "consultation", "合同");
}

/** The figures recomputed straight from the tickets and their trail, for a region subtree and a period (instants). */
async function recompute(regionCode: string, from: Date, to: Date, channel?: string) {
  const path = (await database.pool.query("select path from regions where code = $1", [regionCode])).rows[0].path;
  const q = async (text: string) =>
    Number((await database.pool.query(text, [`${path}%`, from, to, channel ?? null])).rows[0].n);
  const t = "t.region_path like $1 and ($4::text is null or t.channel = $4)";
  const ev = (type: string, extra = "") =>
    q(`select count(*) as n from ticket_events e join tickets t on t.id = e.ticket_id where ${t} and e.type = '${type}' and e.at >= $2 and e.at < $3 ${extra}`);
  return {
    created: await q(`select count(*) as n from tickets t where ${t} and t.created_at >= $2 and t.created_at < $3`),
    accepted: await ev("action.accept"),
    rejected: await ev("action.reject"),
    resolved: await ev("action.resolve"),
    resolvedFirst: await ev("action.resolve", "and not exists (select 1 from ticket_events r where r.ticket_id = e.ticket_id and r.type = 'action.reopen' and r.seq < e.seq)"),
    resolvedWithDeadline: await ev("action.resolve", "and e.data ? 'withinDeadline' and e.data->>'withinDeadline' in ('true', 'false')"),
    resolvedWithinDeadline: await ev("action.resolve", "and e.data->>'withinDeadline' = 'true'"),
    bounced: await ev("action.send_back"),
    reopened: await ev("action.reopen"),
    merged: await ev("action.merge_into"),
    rated: await ev("rating.recorded"),
    ratedLow: await ev("rating.recorded", "and (e.data->>'hasLowScore')::boolean"),
    supervised: await ev("supervision.issued", "and not coalesce((e.data->>'isAutomatic')::boolean, false)"),
    escalated: await ev("supervision.issued", "and (e.data->>'isAutomatic')::boolean"),
    ratingPoints: await q(
      `select coalesce(sum((e.data->>'attitude')::int + (e.data->>'speed')::int + (e.data->>'policy')::int + (e.data->>'expertise')::int), 0) as n
       from ticket_events e join tickets t on t.id = e.ticket_id where ${t} and e.type = 'rating.recorded' and e.at >= $2 and e.at < $3`,
    ),
  };
}

const NOV_START = new Date("2026-11-01T00:00:00+08:00");
const DEC_START = new Date("2026-12-01T00:00:00+08:00");

describe("the summary", () => {
  it("agrees with the raw ticket rows, for the city, a county and a channel", async () => {
    for (const [regionCode, channel] of [[tree.city], [tree.counties[0]], [tree.city, "window"], [tree.townships[0][0]]] as [string, string?][]) {
      const response = await s.cityLeader.get(`/api/analytics/summary?${PERIOD}&regionCode=${regionCode}${channel ? `&channel=${channel}` : ""}`);
      expect(response.statusCode).toBe(200);
      const summary = response.json();
      const raw = await recompute(regionCode, NOV_START, DEC_START, channel);
      const { ratingPoints, ...counts } = raw;
      for (const [measure, n] of Object.entries(counts)) expect([regionCode, channel, measure, summary.totals[measure]]).toEqual([regionCode, channel, measure, n]);
      expect(summary.totals.satisfaction).toBe(raw.rated ? Number((ratingPoints / 4 / raw.rated).toFixed(2)) : null);
    }
  });

  it("has a history that reaches every kind of figure", async () => {
    const { totals } = (await s.cityLeader.get(`/api/analytics/summary?${PERIOD}&regionCode=${tree.city}`)).json();
    expect(totals).toMatchObject({ created: 6, accepted: 3, rejected: 1, resolved: 3, resolvedFirst: 2, bounced: 1, reopened: 1, merged: 1, rated: 2, ratedLow: 1, supervised: 1 });
    expect(totals.satisfaction).toBe(Number(((19 + 11) / 8).toFixed(2)));
    // Ticket a: created 2 Nov 10:00, first resolved 3 Nov 09:00 (23 h); ticket b: 5 Nov 23:50 → 6 Nov 15:00 (15 h 10 min).
    expect(totals.avgResolveHours).toBe(Number(((23 * 60 + 15 * 60 + 10) / 60 / 2).toFixed(2)));
  });

  it("breaks down by day, channel, service type, category and child region, each adding up to the totals", async () => {
    const summary = (await s.cityLeader.get(`/api/analytics/summary?${PERIOD}&regionCode=${tree.city}`)).json();
    expect(summary.granularity).toBe("day");
    const sum = (list: { figures: { created: number; resolved: number } }[], key: "created" | "resolved") => list.reduce((n, x) => n + x.figures[key], 0);
    for (const list of [summary.series, summary.byChannel, summary.byServiceType, summary.byCategory, summary.byRegion]) {
      expect(sum(list, "created")).toBe(summary.totals.created);
      expect(sum(list, "resolved")).toBe(summary.totals.resolved);
    }
    // The ticket taken in at 23:50 Beijing on 5 November counts on the 5th (15:50 UTC).
    expect(summary.series.find((p: { period: string }) => p.period === "2026-11-05").figures.created).toBe(1);
    expect(summary.byRegion.map((r: { region: { code: string }; figures: { created: number } }) => [r.region.code, r.figures.created])).toEqual([
      [tree.counties[0], 4],
      [tree.counties[1], 2],
    ]);
    // A long period is shown by week (the Monday starting each).
    const long = (await s.cityLeader.get(`/api/analytics/summary?from=2026-01-01&to=2026-12-31&regionCode=${tree.city}`)).json();
    expect(long.granularity).toBe("week");
    expect(long.series.map((p: { period: string }) => p.period)).toContain("2026-10-26");
    expect(long.totals.created).toBe(7);
  });
});

describe("the drill-down", () => {
  it("lists exactly the occurrences behind every figure", async () => {
    for (const query of [`regionCode=${tree.city}`, `regionCode=${tree.counties[0]}&channel=window`]) {
      const { totals } = (await s.cityLeader.get(`/api/analytics/summary?${PERIOD}&${query}`)).json();
      for (const measure of MEASURES) {
        const response = await s.cityLeader.get(`/api/analytics/tickets?${PERIOD}&${query}&measure=${measure}&limit=200`);
        expect(response.statusCode).toBe(200);
        const list = response.json();
        expect([query, measure, list.total, list.items.length]).toEqual([query, measure, totals[measure], totals[measure]]);
      }
    }
  });

  it("pages, and shows no personal data", async () => {
    const page = (await s.cityLeader.get(`/api/analytics/tickets?${PERIOD}&regionCode=${tree.city}&measure=created&limit=2&offset=2`)).json();
    expect(page.total).toBe(6);
    expect(page.items).toHaveLength(2);
    expect(JSON.stringify(page)).not.toContain("李四");
  });
});

describe("who sees which region's figures", () => {
  const region = (key: string): string => ({ city: tree.city, county0: tree.counties[0], county1: tree.counties[1], township00: tree.townships[0][0], township01: tree.townships[0][1] })[key]!;
  const cases: [string, string, number][] = [
    ["cityLeader", "city", 200],
    ["cityLeader", "county1", 200],
    ["countyLeader", "county0", 200],
    ["countyLeader", "township01", 200],
    ["countyLeader", "city", 404],
    ["countyLeader", "county1", 404],
    ["countyDispatcher", "county0", 200],
    ["countyDispatcher", "city", 404],
    ["countySupervisor", "county0", 200],
    ["countySupervisor", "county1", 404],
    ["countyAdmin", "township00", 200],
    ["countyAdmin", "city", 404],
    ["townshipLeader", "township00", 200],
    ["townshipLeader", "county0", 404],
    ["countyWindow", "county0", 403],
    ["countyLawyer", "county0", 403],
  ];
  it.each(cases)("%s on the region → %s, on every route", async (who, key, status) => {
    const code = region(key);
    for (const url of [`/api/analytics/summary?${PERIOD}&regionCode=${code}`, `/api/analytics/tickets?${PERIOD}&regionCode=${code}&measure=created`, `/api/analytics/board?regionCode=${code}`]) {
      expect([url, (await s[who].get(url)).statusCode]).toEqual([url, status]);
    }
  });

  it("without a region, each sees their own", async () => {
    const county = (await s.countyLeader.get(`/api/analytics/summary?${PERIOD}`)).json();
    expect(county.region.code).toBe(tree.counties[0]);
    expect(county.totals.created).toBe((await s.cityLeader.get(`/api/analytics/summary?${PERIOD}&regionCode=${tree.counties[0]}`)).json().totals.created);
    expect((await s.townshipLeader.get("/api/analytics/board")).json().region.code).toBe(tree.townships[0][0]);
  });

  it("refuses anonymous callers", async () => {
    expect((await app.inject({ method: "GET", url: `/api/analytics/summary?${PERIOD}` })).statusCode).toBe(401);
  });
});

describe("validation", () => {
  it.each([
    ["from=2026-13-01&to=2026-11-30", "from"],
    ["from=2026-11-01&to=2026-02-30", "to"],
    ["from=2026-11-01", "to"],
    ["from=2026-11-30&to=2026-11-01", "to"],
    ["from=2020-01-01&to=2026-11-30", "to"],
    [`${PERIOD}&channel=fax`, "channel"],
    [`${PERIOD}&regionCode=12`, "regionCode"],
  ])("%s → 400 naming %s", async (query, field) => {
    const response = await s.cityLeader.get(`/api/analytics/summary?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it("an unknown region is named, an unknown measure too", async () => {
    const unknown = await s.cityLeader.get(`/api/analytics/summary?${PERIOD}&regionCode=989999`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().field).toBe("regionCode");
    const measure = await s.cityLeader.get(`/api/analytics/tickets?${PERIOD}&measure=everything`);
    expect(measure.statusCode).toBe(400);
    expect(measure.json().field).toBe("measure");
  });
});

describe("the live board", () => {
  it("takes in a ticket created through the API at once, on today's figures and the backlog", async () => {
    const before = (await s.countyLeader.get(`/api/analytics/board?regionCode=${tree.counties[0]}`)).json();
    expect(before.day).toBe("2026-11-20");
    const created = await s.countyWindow.request("POST", "/api/tickets", {
      channel: "window",
      serviceType: "consultation",
      category: "合同",
      regionCode: tree.townships[0][1],
      applicant: { name: "赵六" },
      description: "大屏测试",
    });
    expect(created.statusCode).toBe(201);
    const after = (await s.countyLeader.get(`/api/analytics/board?regionCode=${tree.counties[0]}`)).json();
    expect(after.today.created).toBe(before.today.created + 1);
    expect(after.open.open).toBe(before.open.open + 1);
    const n = (list: { key: string; n: number }[], key: string) => list.find((c) => c.key === key)?.n ?? 0;
    expect(n(after.todayByChannel, "window")).toBe(n(before.todayByChannel, "window") + 1);
    const township = (b: typeof after) => b.todayByRegion.find((r: { region: { code: string } }) => r.region.code === tree.townships[0][1]).created;
    expect(township(after)).toBe(township(before) + 1);
    // The month's satisfaction: the two ratings of November.
    expect(after).toMatchObject({ ratedMonth: 2, satisfactionMonth: Number((30 / 8).toFixed(2)) });
  });
});

describe("the Excel export", () => {
  it("holds the summary's figures, read back from the file, and is audited", async () => {
    const summary = (await s.countyLeader.get(`/api/analytics/summary?${PERIOD}`)).json();
    const response = await s.countyLeader.get(`/api/analytics/summary.xlsx?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const overview = workbook.getWorksheet("总览")!;
    const value = (name: string) => {
      let found: unknown;
      overview.eachRow((row) => {
        if (row.getCell(1).value === name) found = row.getCell(2).value;
      });
      return found;
    };
    expect(value("区域")).toBe(summary.region.name);
    expect(value("受理登记")).toBe(summary.totals.created);
    expect(value("办结")).toBe(summary.totals.resolved);
    expect(value("重新办理")).toBe(summary.totals.reopened);
    expect(value("满意度（5分制）")).toBe(summary.totals.satisfaction);
    // The breakdown by region: one row per township of the county, with its count.
    const byRegion = workbook.getWorksheet("按区域")!;
    const rows: [unknown, unknown][] = [];
    byRegion.eachRow((row, n) => {
      if (n > 1) rows.push([row.getCell(1).value, row.getCell(2).value]);
    });
    expect(rows).toEqual(summary.byRegion.map((r: { region: { name: string }; figures: { created: number } }) => [r.region.name, r.figures.created]));
    const audit = await database.pool.query("select entity_id from audit_log where action = 'analytics.export' and actor_id = $1", [people.countyLeader.id]);
    expect(audit.rows.map((r) => r.entity_id)).toEqual([tree.counties[0]]);
  });

  it("is refused as the summary is", async () => {
    expect((await s.countyWindow.get(`/api/analytics/summary.xlsx?${PERIOD}`)).statusCode).toBe(403);
    expect((await s.countyLeader.get(`/api/analytics/summary.xlsx?${PERIOD}&regionCode=${tree.city}`)).statusCode).toBe(404);
  });
});

/**
 * 话务统计 over HTTP (issue 11, item 6): a phone system posts the events of a fixture of calls
 * whose figures are worked out by hand below; the statistics route gives exactly those, by Beijing
 * day and hour (a call at 00:10 Beijing is the next day's, though it is the day before in UTC), by
 * weekday, operator and seat; they agree with a recount of the raw call rows; the Excel file holds
 * the same numbers; and who may read them where (the permission matrix), with bad input named.
 */
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { tallyCalls, type CallForFigures } from "../../src/server/modules/hotline/hotline-statistics.ts";
import { beijingDayEnd, beijingDayStart } from "../../src/server/platform/beijing-time.ts";
import { staffWorld } from "../helpers/staff-world.ts";

// Wednesday 18 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-18T10:00:00+08:00");
const world = staffWorld(START);
let source: { id: string; apiKey: string; secret: string };
let otherSource: { id: string; apiKey: string; secret: string };

let eventCounter = 0;
/** Posts a signed call event as the phone system would (each signed anew). */
async function post(credentials: { apiKey: string; secret: string }, callId: string, type: string, at: string, extra: Record<string, string> = {}) {
  const text = JSON.stringify({ eventId: `st-${++eventCounter}`, callId, type, at, ...extra });
  const response = await world.app.inject({
    method: "POST",
    url: "/api/hotline/events",
    payload: text,
    headers: { "content-type": "application/json", ...signedHeaders(credentials.apiKey, credentials.secret, text, world.clock.now()) },
  });
  expect(response.statusCode, response.body).toBe(201);
  world.clock.advance(1000);
}

/** Beijing wall time plus seconds, as the phone system's ISO time. */
const bj = (wall: string, plus = 0) => new Date(Date.parse(`${wall}+08:00`) + plus * 1000).toISOString();

beforeAll(async () => {
  const { tree } = world;
  await world.person("countyAdmin", ["admin"], tree.counties[0]);
  await world.person("otherAdmin", ["admin"], tree.counties[1]);
  await world.person("leader", ["leader"], tree.city);
  await world.person("supervisor", ["supervisor"], tree.counties[0]);
  await world.person("otherSupervisor", ["supervisor"], tree.counties[1]);
  await world.person("operator1", ["operator"], tree.counties[0]);
  await world.person("operator2", ["operator"], tree.counties[0]);
  await world.person("dispatcher", ["dispatcher"], tree.counties[0]);
  await world.person("window", ["window"], tree.counties[0]);
  await world.person("lawyer", ["lawyer"], tree.counties[0]);

  const created = await world.as.countyAdmin.request("POST", "/api/hotline/sources", { name: "统计县 12348", regionCode: tree.counties[0] });
  expect(created.statusCode, created.body).toBe(201);
  source = created.json();
  otherSource = (await world.as.otherAdmin.request("POST", "/api/hotline/sources", { name: "邻县 12348", regionCode: tree.counties[1] })).json();
  for (const [extension, name, operator] of [
    ["8001", "一号坐席", "operator1"],
    ["8002", "二号坐席", "operator2"],
  ] as const) {
    const seat = await world.as.countyAdmin.request("POST", "/api/hotline/seats", { sourceId: source.id, extension, name, operatorId: world.staff[operator].id });
    expect(seat.statusCode, seat.body).toBe(201);
  }

  // A: answered at 8001 after 12 s, talked 300 s.
  await post(source, "A", "incoming", bj("2026-11-18T09:00:00"), { caller: "13800000001" });
  await post(source, "A", "ringing", bj("2026-11-18T09:00:00", 5), { seat: "8001" });
  await post(source, "A", "answered", bj("2026-11-18T09:00:00", 12), { seat: "8001" });
  await post(source, "A", "ended", bj("2026-11-18T09:00:00", 312));
  // B: answered at 8002 after 30 s, transferred to a duty lawyer, ended after 170 s of talk; events out of order.
  await post(source, "B", "ended", bj("2026-11-18T09:10:00", 200));
  await post(source, "B", "answered", bj("2026-11-18T09:10:00", 30), { seat: "8002" });
  await post(source, "B", "incoming", bj("2026-11-18T09:10:00"), { caller: "13800000002" });
  await post(source, "B", "transferred", bj("2026-11-18T09:10:00", 90), { seat: "8002", target: "8009" });
  await post(source, "B", "ringing", bj("2026-11-18T09:10:00", 2), { seat: "8002" });
  // C: rang at 8001, the caller hung up after 15 s (abandoned).
  await post(source, "C", "incoming", bj("2026-11-18T09:20:00"), { caller: "13800000003" });
  await post(source, "C", "ringing", bj("2026-11-18T09:20:00", 3), { seat: "8001" });
  await post(source, "C", "ended", bj("2026-11-18T09:20:00", 15));
  // D: Tuesday 23:30 Beijing, rang at 8002, the phone system gave up after 40 s (missed).
  await post(source, "D", "incoming", bj("2026-11-17T23:30:00"), { caller: "13800000004" });
  await post(source, "D", "ringing", bj("2026-11-17T23:30:00", 5), { seat: "8002" });
  await post(source, "D", "missed", bj("2026-11-17T23:30:00", 40));
  await post(source, "D", "ended", bj("2026-11-17T23:30:00", 40));
  // E: Wednesday 00:10 Beijing (Tuesday in UTC), a voicemail, ended after 90 s, never at a seat.
  await post(source, "E", "incoming", bj("2026-11-18T00:10:00"), { caller: "13800000005" });
  await post(source, "E", "voicemail", bj("2026-11-18T00:10:00", 60));
  await post(source, "E", "ended", bj("2026-11-18T00:10:00", 90));
  // F: answered at 8001 and still talking: in progress, in no rate.
  await post(source, "F", "incoming", bj("2026-11-18T09:50:00"), { caller: "13800000006" });
  await post(source, "F", "ringing", bj("2026-11-18T09:50:00", 1), { seat: "8001" });
  await post(source, "F", "answered", bj("2026-11-18T09:50:00", 8), { seat: "8001" });
  // G: the next county's, answered after 4 s and 60 s of talk: only the city sees it.
  await post(otherSource, "G", "incoming", bj("2026-11-18T09:30:00"), { caller: "13800000007" });
  await post(otherSource, "G", "answered", bj("2026-11-18T09:30:00", 4), { seat: "9001" });
  await post(otherSource, "G", "ended", bj("2026-11-18T09:30:00", 64));
}, 120_000);

const PERIOD = "from=2026-11-17&to=2026-11-18";
type Stats = {
  total: Record<string, number | null>;
  byDay: ({ date: string } & Record<string, number>)[];
  byHour: ({ hour: number } & Record<string, number>)[];
  byWeekday: ({ weekday: number } & Record<string, number>)[];
  byOperator: ({ operator: { id: string; name: string } | null } & Record<string, number>)[];
  bySeat: ({ seat: { extension: string; name: string | null } | null } & Record<string, number>)[];
  region: { code: string };
};
async function statistics(who: string, query = PERIOD): Promise<Stats> {
  const response = await world.as[who].get(`/api/hotline/statistics?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe("the figures of a fixture whose answers are known", () => {
  it("the county's whole period", async () => {
    const stats = await statistics("supervisor");
    expect(stats.region.code).toBe(world.tree.counties[0]);
    expect(stats.total).toMatchObject({
      offered: 5,
      answered: 2,
      abandoned: 1,
      missed: 1,
      voicemail: 1,
      transferred: 1,
      inProgress: 1,
      waitSeconds: 12 + 30 + 15 + 40 + 90,
      waitCount: 5,
      answerWaitSeconds: 42,
      talkSeconds: 470,
      answeredWithinServiceLevel: 1,
      maxWaitSeconds: 90,
      answerRate: 0.4,
      abandonRate: 0.2,
      serviceLevel: 0.2,
      avgWaitSeconds: 37.4,
      avgAnswerSeconds: 21,
      avgHandlingSeconds: 235,
    });
  });

  it("by Beijing day, hour and weekday: 00:10 Beijing is Wednesday's, 23:30 Tuesday's", async () => {
    const stats = await statistics("supervisor");
    expect(stats.byDay.map((d) => [d.date, d.offered, d.inProgress])).toEqual([
      ["2026-11-17", 1, 0],
      ["2026-11-18", 4, 1],
    ]);
    expect(stats.byDay[0]).toMatchObject({ missed: 1, answerRate: 0 });
    expect(stats.byHour).toHaveLength(24);
    const busyHours = stats.byHour.filter((h) => h.offered + h.inProgress > 0).map((h) => [h.hour, h.offered, h.answered, h.inProgress]);
    expect(busyHours).toEqual([
      [0, 1, 0, 0],
      [9, 3, 2, 1],
      [23, 1, 0, 0],
    ]);
    expect(stats.byWeekday.map((w) => w.offered)).toEqual([0, 1, 4, 0, 0, 0, 0]);
    // An hour without calls has no rate rather than 0 %.
    expect(stats.byHour[3]).toMatchObject({ offered: 0, answerRate: null, avgWaitSeconds: null });
  });

  it("by operator and by seat, with the calls that never reached a seat apart", async () => {
    const stats = await statistics("supervisor");
    const byOperator = Object.fromEntries(stats.byOperator.map((o) => [o.operator?.id ?? "none", o]));
    expect(byOperator[world.staff.operator1.id]).toMatchObject({ offered: 2, answered: 1, abandoned: 1, inProgress: 1, talkSeconds: 300, avgAnswerSeconds: 12 });
    expect(byOperator[world.staff.operator2.id]).toMatchObject({ offered: 2, answered: 1, missed: 1, transferred: 1, talkSeconds: 170, answerRate: 0.5 });
    expect(byOperator.none).toMatchObject({ offered: 1, voicemail: 1 });
    expect(stats.byOperator.at(-1)?.operator).toBeNull();
    expect(stats.bySeat.map((s) => [s.seat?.extension ?? null, s.seat?.name ?? null, s.offered])).toEqual([
      ["8001", "一号坐席", 2],
      ["8002", "二号坐席", 2],
      [null, null, 1],
    ]);
  });

  it("a period of one Beijing day, and the city's subtree with the next county's call", async () => {
    const day = await statistics("supervisor", "from=2026-11-18&to=2026-11-18");
    expect(day.total).toMatchObject({ offered: 4, answered: 2, abandoned: 1, missed: 0, voicemail: 1, inProgress: 1 });
    const city = await statistics("leader");
    expect(city.region.code).toBe(world.tree.city);
    expect(city.total).toMatchObject({ offered: 6, answered: 3, talkSeconds: 530, answeredWithinServiceLevel: 2 });
    const other = await statistics("otherSupervisor");
    expect(other.total).toMatchObject({ offered: 1, answered: 1, avgHandlingSeconds: 60 });
    // The leader may narrow to a county of the city.
    const narrowed = await statistics("leader", `${PERIOD}&regionCode=${world.tree.counties[1]}`);
    expect(narrowed.total.offered).toBe(1);
  });

  it("agrees with a recount of the raw call rows of every scope", async () => {
    for (const [who, path] of [
      ["supervisor", world.staff.supervisor.regionPath],
      ["leader", world.staff.leader.regionPath],
    ] as const) {
      const rows = await world.database.db.execute<{ outcome: CallForFigures["outcome"]; wait_seconds: number | null; talk_seconds: number | null; transfer_target: string | null }>(sql`
        select outcome, wait_seconds, talk_seconds, transfer_target from hotline_calls
        where region_path like ${path + "%"} and arrived_at >= ${beijingDayStart("2026-11-17")} and arrived_at < ${beijingDayEnd("2026-11-18")}`);
      const recount = tallyCalls(rows.rows.map((r) => ({ outcome: r.outcome, waitSeconds: r.wait_seconds, talkSeconds: r.talk_seconds, transferTarget: r.transfer_target })));
      const { total } = await statistics(who);
      expect(total).toMatchObject(recount);
      const stats = await statistics(who);
      // Each breakdown sums to the whole.
      for (const groups of [stats.byDay, stats.byHour, stats.byWeekday, stats.byOperator, stats.bySeat] as Record<string, number>[][]) {
        for (const key of ["offered", "answered", "abandoned", "missed", "voicemail", "inProgress", "talkSeconds", "waitSeconds"]) {
          expect(groups.reduce((sum, g) => sum + g[key], 0), key).toBe(recount[key as keyof typeof recount]);
        }
      }
    }
  });
});

describe("the Excel export", () => {
  it("holds the same figures, a sheet per breakdown, and is on the audit trail", async () => {
    const response = await world.as.supervisor.get(`/api/hotline/statistics.xlsx?${PERIOD}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    expect(response.headers["content-disposition"]).toContain(encodeURIComponent("话务统计"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["总览", "按日", "按小时", "按星期", "按话务员", "按坐席", "口径"]);
    const header = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);
    const overview = workbook.getWorksheet("总览")!;
    const cell = (sheet: ExcelJS.Worksheet, row: number, name: string) => sheet.getRow(row).getCell(header(sheet).indexOf(name) + 1).value;
    expect(cell(overview, 2, "呼入总量")).toBe(5);
    expect(cell(overview, 2, "接通率")).toBe(0.4);
    expect(cell(overview, 2, "平均等待(秒)")).toBe(37.4);
    expect(cell(overview, 2, "平均处理(秒)")).toBe(235);
    const byDay = workbook.getWorksheet("按日")!;
    expect([cell(byDay, 2, "日期"), cell(byDay, 2, "呼入总量"), cell(byDay, 3, "日期"), cell(byDay, 3, "呼入总量")]).toEqual(["2026-11-17", 1, "2026-11-18", 4]);
    const byHour = workbook.getWorksheet("按小时")!;
    expect(byHour.rowCount).toBe(25);
    expect(cell(byHour, 11, "时段")).toBe("09:00–10:00");
    expect(cell(byHour, 11, "呼入总量")).toBe(3);
    // No calls to divide by: the rate's cell is blank, not 0 %.
    expect(cell(byHour, 5, "接通率")).toBeNull();
    const audit = await world.database.db.execute<{ action: string }>(sql`select action from audit_log where action = 'hotline.statistics_export' and actor_id = ${world.staff.supervisor.id}`);
    expect(audit.rows).toHaveLength(1);
  });
});

describe("who may read the figures, where", () => {
  it.each([
    ["countyAdmin", 200],
    ["supervisor", 200],
    ["leader", 200],
    ["operator1", 403],
    ["dispatcher", 403],
    ["window", 403],
    ["lawyer", 403],
  ])("%s → %i, on screen and as Excel", async (who, status) => {
    expect((await world.as[who].get(`/api/hotline/statistics?${PERIOD}`)).statusCode).toBe(status);
    expect((await world.as[who].get(`/api/hotline/statistics.xlsx?${PERIOD}`)).statusCode).toBe(status);
  });

  it("not a region outside one's own, and not without signing in", async () => {
    for (const [who, region] of [
      ["supervisor", world.tree.counties[1]],
      ["otherSupervisor", world.tree.counties[0]],
      ["supervisor", world.tree.city],
    ] as const) {
      const response = await world.as[who].get(`/api/hotline/statistics?${PERIOD}&regionCode=${region}`);
      expect(response.statusCode).toBe(403);
      expect(response.json().field).toBe("regionCode");
    }
    expect((await world.app.inject({ method: "GET", url: `/api/hotline/statistics?${PERIOD}` })).statusCode).toBe(401);
    expect((await world.app.inject({ method: "GET", url: `/api/hotline/statistics.xlsx?${PERIOD}` })).statusCode).toBe(401);
  });

  it.each([
    ["from=2026-11-18&to=2026-11-17", "to"],
    ["from=2026-13-01&to=2026-11-17", "from"],
    ["from=2026-11-01", "to"],
    ["to=2026-11-01", "from"],
    ["from=2020-01-01&to=2026-11-18", "to"],
    [`${PERIOD}&regionCode=000000`, "regionCode"],
    [`${PERIOD}&operator=x`, undefined],
  ])("bad input %s is a 4xx naming %s", async (query, field) => {
    const response = await world.as.leader.get(`/api/hotline/statistics?${query}`);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    if (field) expect(response.json().field).toBe(field);
  });
});

/**
 * Assigned defence (通知辩护, issue 10 part 3; docs/legal-aid-pool.md): notices from courts,
 * procuratorates and police, Art. 36's 3 working days, the assignment through the pool
 * (Art. 26's refusal naming the article), informing the body, the overdue mark, and the duty
 * lawyer roster (Art. 30) — every route as every role, in and out of the center's county.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runSchedulerTick } from "../../src/server/scheduler.ts";
import { signIn } from "../helpers/http.ts";
import { staffWorld } from "../helpers/staff-world.ts";

// Wednesday 2 December 2026, 10:00 Beijing time.
const START = new Date("2026-12-02T10:00:00+08:00");
const world = staffWorld(START);
const { as, staff, person } = world;

beforeAll(async () => {
  const [county, otherCounty] = world.tree.counties;
  const [township] = world.tree.townships[0];
  await person("reviewer", ["reviewer"], county);
  await person("leader", ["leader"], county);
  await person("supervisor", ["supervisor"], county);
  await person("cityAdmin", ["admin"], world.tree.city);
  await person("window", ["window"], county);
  await person("townshipWindow", ["window"], township);
  await person("townshipReviewer", ["reviewer"], township);
  await person("otherReviewer", ["reviewer"], otherCounty);
  await person("senior", ["lawyer"], township);
  await person("junior", ["lawyer"], township);
  await person("labour", ["lawyer"], county);
  await person("outsider", ["lawyer"], county);
  const approve = async (who: string, fields: string[], practiceSince: string) =>
    expect((await as.reviewer.request("POST", "/api/legal-aid/lawyers", { accountId: staff[who].id, centerRegionCode: county, fields, practiceSince })).statusCode).toBe(201);
  await approve("senior", ["criminal_defence"], "2015-03-01");
  world.clock.advance(1000);
  await approve("junior", ["criminal_defence"], "2024-06-01");
  world.clock.advance(1000);
  await approve("labour", ["labour"], "2012-01-01");
});

const notice = (over: Record<string, unknown> = {}) => ({
  centerRegionCode: world.tree.counties[0],
  body: "court",
  bodyName: "测试区人民法院",
  documentNo: `（2026）测刑初${Math.floor(Math.random() * 1e6)}号`,
  ground: "possible_life_or_death_sentence",
  caseStage: "trial",
  personName: "赵大海",
  charge: "故意杀人罪",
  ...over,
});
const record = (who: string, over: Record<string, unknown> = {}) => as[who].request("POST", "/api/legal-aid/defence-notices", notice(over));

async function auditOf(id: string): Promise<{ action: string; detail: unknown }[]> {
  const { rows } = await world.database.pool.query<{ action: string; detail: unknown }>("select action, detail from audit_log where entity_type = 'defence_notice' and entity_id = $1 order by seq", [id]);
  return rows;
}

const ids: Record<string, string> = {};

describe("recording a notice", () => {
  it("the center's reviewers record; the county's other readers may not (403); outside the county it does not exist (404)", async () => {
    for (const [who, status] of [
      ["leader", 403], ["supervisor", 403], ["cityAdmin", 403],
      ["window", 404], ["townshipWindow", 404], ["townshipReviewer", 404], ["otherReviewer", 404], ["senior", 404],
    ] as const) {
      expect((await record(who)).statusCode, who).toBe(status);
    }
    const created = await record("reviewer", { documentNo: "（2026）测刑初1号" });
    expect(created.statusCode).toBe(201);
    // Wednesday 10:00 + 3 working days (Thu, Fri, Mon) → Monday 7 December, 24:00 Beijing.
    expect(created.json()).toMatchObject({
      status: "received", personName: "赵大海", dueAt: "2026-12-07T16:00:00.000Z", deadlineState: "running", isLifeOrDeathCase: true,
      groundArticle: "第二十五条第一款第（四）项", center: { code: world.tree.counties[0] }, lawyer: null,
      abilities: { read: true, assign_lawyer: true, inform_body: false },
    });
    expect(created.json().rules.map((r: { articleNo: string }) => r.articleNo)).toEqual(["第二十五条", "第三十六条", "第二十六条"]);
    ids.grave = created.json().id;
    const audit = await auditOf(ids.grave);
    expect(audit.map((a) => a.action)).toEqual(["defence_notice.record"]);
    // The audit log names the document, never the person.
    expect(JSON.stringify(audit[0].detail)).not.toContain("赵大海");
    const { rows } = await world.database.pool.query<{ person_name_enc: string }>("select person_name_enc from defence_notices where id = $1", [ids.grave]);
    expect(rows[0].person_name_enc).not.toContain("赵大海");
  });

  it("a region below the county goes to the county's center", async () => {
    world.clock.advance(1000);
    const created = await record("reviewer", { centerRegionCode: world.tree.townships[0][1], body: "police", bodyName: "测试县公安局", ground: "minor", caseStage: "investigation", personName: "钱小", charge: undefined });
    expect([created.statusCode, created.json().center.code]).toEqual([201, world.tree.counties[0]]);
    ids.minor = created.json().id;
  });

  it("counts Art. 36's 3 days on the working calendar from the receipt: due soon, overdue", async () => {
    // Friday 27 November 15:00 → Mon 30, Tue 1, Wed 2 → Wednesday 2 December 24:00: today, in its last 24 hours.
    const soon = await record("reviewer", { receivedAt: "2026-11-27T15:00:00+08:00", ground: "minor", body: "procuratorate", caseStage: "prosecution_review" });
    expect(soon.json()).toMatchObject({ dueAt: "2026-12-02T16:00:00.000Z", deadlineState: "due_soon" });
    ids.soon = soon.json().id;
    // Friday 20 November → Wednesday 25 November 24:00: past.
    const late = await record("reviewer", { receivedAt: "2026-11-20T15:00:00+08:00", ground: "trial_in_absentia" });
    expect(late.json()).toMatchObject({ dueAt: "2026-11-25T16:00:00.000Z", deadlineState: "overdue" });
    ids.late = late.json().id;
  });

  it.each([
    ["a ground only a court notifies on (Art. 28)", { body: "police", ground: "compulsory_medical_treatment", caseStage: "investigation" }, "ground"],
    ["a stage the body does not handle", { body: "police", ground: "minor", caseStage: "trial" }, "caseStage"],
    ["a received time in the future", { receivedAt: "2026-12-03T10:00:00+08:00" }, "receivedAt"],
    ["no such region", { centerRegionCode: "989999" }, "centerRegionCode"],
    ["an unknown body", { body: "army" }, "body"],
    ["an unknown ground", { ground: "rich" }, "ground"],
    ["a blank name", { personName: "  " }, "personName"],
    ["no document number", { documentNo: undefined }, "documentNo"],
  ])("bad input is a 400 naming the field: %s", async (_, over, field) => {
    const response = await record("reviewer", over);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it("the same document of the same body twice is a 409 on documentNo", async () => {
    const again = await record("reviewer", { documentNo: "（2026）测刑初1号" });
    expect([again.statusCode, again.json().field]).toEqual([409, "documentNo"]);
  });
});

describe("reading notices", () => {
  it("lists the county's notices to its reviewers, leaders, supervisors and admins above, open ones nearest their limit first; no one else", async () => {
    for (const [who, count] of [["reviewer", 4], ["leader", 4], ["supervisor", 4], ["cityAdmin", 4], ["otherReviewer", 0], ["window", 0], ["townshipWindow", 0], ["townshipReviewer", 0], ["senior", 0]] as const) {
      const list = await as[who].get("/api/legal-aid/defence-notices");
      expect(list.statusCode, who).toBe(200);
      expect(list.json().total, who).toBe(count);
    }
    const items = (await as.reviewer.get("/api/legal-aid/defence-notices")).json().items;
    expect(items.map((n: { id: string }) => n.id)).toEqual([ids.late, ids.soon, ids.grave, ids.minor]);
    const pressing = (await as.reviewer.get("/api/legal-aid/defence-notices?isPressing=true")).json();
    expect(pressing.items.map((n: { deadlineState: string }) => n.deadlineState)).toEqual(["overdue", "due_soon"]);
  });

  it("the name is in full to the center's reviewers, masked to the other readers", async () => {
    expect((await as.reviewer.get(`/api/legal-aid/defence-notices/${ids.grave}`)).json().personName).toBe("赵大海");
    for (const who of ["leader", "supervisor", "cityAdmin"]) {
      const one = await as[who].get(`/api/legal-aid/defence-notices/${ids.grave}`);
      expect(one.json(), who).toMatchObject({ personName: "赵**", abilities: { read: true, assign_lawyer: false, inform_body: false } });
    }
    for (const who of ["otherReviewer", "window", "townshipReviewer", "senior"]) {
      expect((await as[who].get(`/api/legal-aid/defence-notices/${ids.grave}`)).statusCode, who).toBe(404);
    }
  });

  it("a bad filter is a 400 naming it", async () => {
    const response = await as.reviewer.get("/api/legal-aid/defence-notices?status=lost");
    expect([response.statusCode, response.json().field]).toEqual([400, "status"]);
  });
});

describe("assigning the lawyer", () => {
  it("the notice's pool: the rotation's suggestion first, with why the others may not take a life-or-death case (Art. 26)", async () => {
    const items = (await as.reviewer.get(`/api/legal-aid/defence-notices/${ids.grave}/lawyers`)).json().items;
    expect(items[0]).toMatchObject({ id: staff.senior.id, isSuggested: true, refusal: null });
    expect(items.find((l: { id: string }) => l.id === staff.junior.id).refusal).toContain("第二十六条");
    expect(items.find((l: { id: string }) => l.id === staff.labour.id).refusal).toBeTruthy();
    const minor = (await as.reviewer.get(`/api/legal-aid/defence-notices/${ids.minor}/lawyers`)).json().items;
    expect(minor.filter((l: { refusal: string | null }) => l.refusal === null).map((l: { id: string }) => l.id).sort()).toEqual([staff.senior.id, staff.junior.id].sort());
    expect(minor.find((l: { id: string }) => l.id === staff.labour.id).refusal).toContain("criminal defence");
    for (const [who, status] of [["leader", 403], ["supervisor", 403], ["cityAdmin", 403], ["otherReviewer", 404], ["window", 404], ["senior", 404]] as const) {
      expect((await as[who].get(`/api/legal-aid/defence-notices/${ids.grave}/lawyers`)).statusCode, who).toBe(status);
    }
  });

  it("refuses a junior lawyer for a life-or-death ground naming Art. 26, a labour lawyer, a lawyer outside the pool — 400 on lawyerId", async () => {
    const assign = (lawyerId: string, id = ids.grave) => as.reviewer.request("POST", `/api/legal-aid/defence-notices/${id}/assign`, { lawyerId });
    const junior = await assign(staff.junior.id);
    expect(junior.statusCode).toBe(400);
    expect(junior.json()).toMatchObject({ field: "lawyerId", reason: "experience", rule: { articleNo: "第二十六条", lawTitle: "中华人民共和国法律援助法" } });
    expect(junior.json().message).toContain("第二十六条");
    expect((await assign(staff.labour.id, ids.minor)).json()).toMatchObject({ field: "lawyerId", reason: "field" });
    expect((await assign(staff.outsider.id)).json().field).toBe("lawyerId");
    const notUuid = await assign("someone");
    expect([notUuid.statusCode, notUuid.json().field]).toEqual([400, "lawyerId"]);
    expect((await as.reviewer.get(`/api/legal-aid/defence-notices/${ids.grave}`)).json().status).toBe("received");
  });

  it("only the center's reviewers assign; the lawyer then reads the notice, name in full", async () => {
    for (const [who, status] of [["leader", 403], ["supervisor", 403], ["cityAdmin", 403], ["otherReviewer", 404], ["window", 404], ["senior", 404]] as const) {
      expect((await as[who].request("POST", `/api/legal-aid/defence-notices/${ids.grave}/assign`, { lawyerId: staff.senior.id })).statusCode, who).toBe(status);
    }
    const assigned = await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.grave}/assign`, { lawyerId: staff.senior.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ status: "assigned", lawyer: { id: staff.senior.id }, assignedByName: staff.reviewer.displayName, abilities: { assign_lawyer: true, inform_body: true } });
    // The rotation moves on: the junior lawyer is next for an ordinary criminal matter.
    const next = await as.reviewer.get(`/api/legal-aid/defence-notices/${ids.minor}/lawyers`);
    expect(next.json().items[0]).toMatchObject({ id: staff.junior.id, isSuggested: true });
    const mine = (await as.senior.get("/api/legal-aid/defence-notices")).json();
    expect(mine.items.map((n: { id: string }) => n.id)).toEqual([ids.grave]);
    expect(mine.items[0]).toMatchObject({ personName: "赵大海", abilities: { read: true, assign_lawyer: false, inform_body: false } });
    expect((await as.junior.get(`/api/legal-aid/defence-notices/${ids.grave}`)).statusCode).toBe(404);
  });
});

describe("informing the notifying body (Art. 36)", () => {
  it("comes after the assignment, once, by the center's reviewers; it settles the limit", async () => {
    const early = await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.minor}/inform-body`, {});
    expect(early.statusCode).toBe(409);
    for (const [who, status] of [["leader", 403], ["supervisor", 403], ["otherReviewer", 404], ["senior", 403], ["window", 404]] as const) {
      expect((await as[who].request("POST", `/api/legal-aid/defence-notices/${ids.grave}/inform-body`, {})).statusCode, who).toBe(status);
    }
    const blank = await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.grave}/inform-body`, { note: " " });
    expect([blank.statusCode, blank.json().field]).toEqual([400, "note"]);
    const informed = await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.grave}/inform-body`, { note: "复函 测援通〔2026〕1号" });
    expect(informed.json()).toMatchObject({ status: "body_informed", deadlineState: "met", bodyInformedByName: staff.reviewer.displayName, abilities: { assign_lawyer: false, inform_body: false } });
    expect((await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.grave}/inform-body`, {})).statusCode).toBe(409);
    expect((await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.grave}/assign`, { lawyerId: staff.junior.id })).statusCode).toBe(409);
    expect((await auditOf(ids.grave)).map((a) => a.action)).toEqual(["defence_notice.record", "defence_notice.assign_lawyer", "defence_notice.inform_body"]);
  });

  it("the scheduler marks an unanswered notice overdue once, in the audit log; an answered one is missed if late", async () => {
    await runSchedulerTick(world.app.ctx, world.clock.now());
    await runSchedulerTick(world.app.ctx, world.clock.now());
    expect((await auditOf(ids.late)).map((a) => a.action)).toEqual(["defence_notice.record", "defence_notice.overdue"]);
    expect((await auditOf(ids.soon)).map((a) => a.action)).toEqual(["defence_notice.record"]);
    await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.late}/assign`, { lawyerId: staff.junior.id });
    const late = await as.reviewer.request("POST", `/api/legal-aid/defence-notices/${ids.late}/inform-body`, {});
    expect(late.json()).toMatchObject({ status: "body_informed", deadlineState: "missed" });
  });
});

describe("the duty lawyer roster (Art. 30)", () => {
  const shift = (over: Record<string, unknown> = {}) => ({
    centerRegionCode: world.tree.counties[0], lawyerId: staff.senior.id, stationKind: "detention_house", stationName: "测试县看守所法律援助工作站", date: "2026-12-02", ...over,
  });
  const add = (who: string, over: Record<string, unknown> = {}) => as[who].request("POST", "/api/legal-aid/duty-shifts", shift(over));

  it("the pool's managers put pool lawyers on duty; others may not", async () => {
    for (const [who, status] of [["supervisor", 403], ["window", 403], ["townshipWindow", 403], ["otherReviewer", 404], ["townshipReviewer", 403], ["senior", 403]] as const) {
      expect((await add(who)).statusCode, who).toBe(status);
    }
    const today = await add("reviewer");
    expect(today.statusCode).toBe(201);
    expect(today.json()).toMatchObject({ lawyer: { id: staff.senior.id, displayName: staff.senior.displayName }, date: "2026-12-02", shift: "all_day", abilities: { manage: true } });
    ids.today = today.json().id;
    expect((await add("leader", { lawyerId: staff.junior.id, date: "2026-12-03", shift: "morning" })).statusCode).toBe(201);
    expect((await add("cityAdmin", { lawyerId: staff.junior.id, date: "2026-12-04", stationKind: "court", stationName: "测试县人民法院法律援助工作站" })).statusCode).toBe(201);
  });

  it.each([
    ["a past day", { date: "2026-12-01" }, "date"],
    ["a lawyer outside the pool", { lawyerId: "00000000-0000-4000-8000-000000000000" }, "lawyerId"],
    ["an unknown station kind", { stationKind: "hotel" }, "stationKind"],
    ["a blank station", { stationName: " " }, "stationName"],
    ["an unknown shift", { shift: "night" }, "shift"],
    ["not a date", { date: "12/05/2026" }, "date"],
  ])("bad input is a 400 naming the field: %s", async (_, over, field) => {
    const response = await add("reviewer", over);
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it("a suspended lawyer takes no duty; the same duty twice is a 409", async () => {
    const pool = (await as.reviewer.get("/api/legal-aid/lawyers")).json().items;
    const labour = pool.find((l: { accountId: string }) => l.accountId === staff.labour.id);
    await as.reviewer.request("POST", `/api/legal-aid/lawyers/${labour.id}/status`, { action: "suspend", reason: "考核" });
    expect((await add("reviewer", { lawyerId: staff.labour.id })).json()).toMatchObject({ field: "lawyerId", reason: "suspended" });
    expect((await add("reviewer")).statusCode).toBe(409);
  });

  it("the county's staff read the roster by station and days, and who is on duty today; another county's do not", async () => {
    const week = "from=2026-11-30&to=2026-12-06";
    for (const [who, count] of [["reviewer", 3], ["leader", 3], ["window", 3], ["townshipWindow", 3], ["cityAdmin", 3], ["supervisor", 3], ["otherReviewer", 0]] as const) {
      const list = await as[who].get(`/api/legal-aid/duty-shifts?${week}`);
      expect(list.statusCode, who).toBe(200);
      expect(list.json().items.length, who).toBe(count);
    }
    // A lawyer of the county reads the county's roster; only the keepers may change it.
    const asLawyer = (await as.junior.get(`/api/legal-aid/duty-shifts?${week}`)).json().items;
    expect(asLawyer.map((s: { date: string }) => s.date)).toEqual(["2026-12-04", "2026-12-02", "2026-12-03"]);
    expect(asLawyer.every((s: { abilities: { manage: boolean } }) => !s.abilities.manage)).toBe(true);
    const station = (await as.reviewer.get(`/api/legal-aid/duty-shifts?${week}&stationName=${encodeURIComponent("测试县人民法院法律援助工作站")}`)).json().items;
    expect(station.map((s: { date: string }) => s.date)).toEqual(["2026-12-04"]);
    const today = (await as.townshipWindow.get("/api/legal-aid/duty-shifts/today")).json();
    expect(today).toMatchObject({ date: "2026-12-02", items: [{ id: ids.today, lawyer: { id: staff.senior.id }, abilities: { read: true, manage: false } }] });
    expect((await as.otherReviewer.get("/api/legal-aid/duty-shifts/today")).json().items).toEqual([]);
  });

  it.each([
    ["to before from", "from=2026-12-06&to=2026-12-01", "to"],
    ["more than 62 days", "from=2026-12-01&to=2027-03-01", "to"],
    ["no from", "to=2026-12-01", "from"],
  ])("a bad range is a 400 naming the field: %s", async (_, query, field) => {
    const response = await as.reviewer.get(`/api/legal-aid/duty-shifts?${query}`);
    expect([response.statusCode, response.json().field]).toEqual([400, field]);
  });

  it("the pool's managers take a duty day off (audited); a past day stays", async () => {
    for (const [who, status] of [["supervisor", 403], ["window", 403], ["otherReviewer", 404], ["senior", 403]] as const) {
      expect((await as[who].request("DELETE", `/api/legal-aid/duty-shifts/${ids.today}`)).statusCode, who).toBe(status);
    }
    world.clock.advance(24 * 3_600_000);
    as.reviewer = await signIn(world.app, staff.reviewer.username);
    expect((await as.reviewer.request("DELETE", `/api/legal-aid/duty-shifts/${ids.today}`)).statusCode).toBe(409);
    const future = (await as.reviewer.get("/api/legal-aid/duty-shifts?from=2026-12-04&to=2026-12-04")).json().items[0];
    expect((await as.reviewer.request("DELETE", `/api/legal-aid/duty-shifts/${future.id}`)).statusCode).toBe(204);
    expect((await as.reviewer.get("/api/legal-aid/duty-shifts?from=2026-12-04&to=2026-12-04")).json().items).toEqual([]);
    const { rows } = await world.database.pool.query<{ action: string }>("select action from audit_log where entity_type = 'duty_shift' order by seq");
    expect(rows.map((r) => r.action)).toEqual(["duty_shift.add", "duty_shift.add", "duty_shift.add", "duty_shift.remove"]);
  });
});

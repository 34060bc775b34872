/**
 * Hotline callbacks (回拨) and follow-up surveys (回访) over HTTP: a missed call
 * posted by the phone system appears at the desk; who may see, claim and record
 * what, in and out of the region; bad input named by field; retries that do
 * nothing twice; three failed tries close it; the survey of a resolved ticket's
 * follow-up becomes the ticket's rating, and a negative rating raises a callback;
 * a bureau's settings (admins).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { getRating } from "../../src/server/modules/oversight/queries/get-rating.ts";
import { DEFAULT_CALLBACK_SETTINGS } from "../../src/server/modules/hotline/hotline-callbacks.rules.ts";
import type { Session } from "../helpers/http.ts";
import { staffWorld } from "../helpers/staff-world.ts";

// Wednesday 18 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-18T10:00:00+08:00");
const world = staffWorld(START);
let source: { id: string; apiKey: string; secret: string };
let counter = 0;

type Callback = { id: string; kind: string; status: string; phone: string | null; ticket: { id: string } | null; call: { callId: string } | null; isOverdue: boolean; dueAt: string; claimedBy: { id: string } | null; attemptCount: number; closeReason: string | null; abilities: Record<string, boolean>; surveyScript: unknown[] | null };

/** Posts a signed event; the clock moves a second so the next post is signed anew. */
async function post(body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  const response = await world.app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers: { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, world.clock.now()) } });
  world.clock.advance(1000);
  expect([200, 201], response.body).toContain(response.statusCode);
  return response;
}
const after = (s: number) => new Date(world.clock.now().getTime() + s * 1000).toISOString();

/** A call the phone system gave up on: incoming, missed, ended. Returns its callId. */
async function missedCall(caller: string): Promise<string> {
  const callId = `cb-call-${++counter}`;
  await post({ eventId: `${callId}-1`, callId, type: "incoming", at: after(-60), caller });
  await post({ eventId: `${callId}-2`, callId, type: "missed", at: after(-30) });
  await post({ eventId: `${callId}-3`, callId, type: "ended", at: after(-29) });
  return callId;
}

const list = async (who: Session, query = "") => {
  const response = await who.get(`/api/hotline/callbacks${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Callback[];
};
const ofCall = async (who: Session, callId: string) => (await list(who)).find((c) => c.call?.callId === callId);
const claim = (who: Session, id: string) => who.request("POST", `/api/hotline/callbacks/${id}/claim`, {});
const attempt = (who: Session, id: string, body: Record<string, unknown>) => who.request("POST", `/api/hotline/callbacks/${id}/attempts`, { requestId: randomUUID(), ...body });

beforeAll(async () => {
  const { tree } = world;
  await world.person("admin", ["admin"], tree.counties[0]);
  await world.person("operator", ["operator"], tree.counties[0]);
  await world.person("operator2", ["operator"], tree.counties[0]);
  await world.person("supervisor", ["supervisor"], tree.counties[0]);
  await world.person("leader", ["leader"], tree.city);
  await world.person("window", ["window"], tree.counties[0]);
  await world.person("lawyer", ["lawyer"], tree.counties[0]);
  await world.person("dispatcher", ["dispatcher"], tree.city);
  await world.person("otherOperator", ["operator"], tree.counties[1]);
  await world.person("otherAdmin", ["admin"], tree.counties[1]);
  const created = await world.as.admin.request("POST", "/api/hotline/sources", { name: "回拨测试 12348", regionCode: tree.counties[0] });
  expect(created.statusCode, created.body).toBe(201);
  source = created.json();
});

describe("a missed call at the desk", () => {
  let callId: string;
  let id: string;

  beforeAll(async () => {
    callId = await missedCall("13800138000");
    id = (await ofCall(world.as.operator, callId))!.id;
  });

  it("appears once, masked, due by the end of the next working day, for the desk and those who run it in the region", async () => {
    const item = (await ofCall(world.as.operator, callId))!;
    expect(item).toMatchObject({ kind: "missed", status: "open", phone: "138****8000", isOverdue: false, dueAt: "2026-11-19T16:00:00.000Z", claimedBy: null, abilities: { claim: true, attempt: false, survey: false } });
    for (const who of ["supervisor", "leader", "admin"]) expect(await ofCall(world.as[who], callId), who).toBeDefined();
    expect((await ofCall(world.as.leader, callId))!.abilities).toEqual({ claim: false, attempt: false, survey: false });
    for (const who of ["window", "lawyer", "otherOperator", "otherAdmin"]) expect(await ofCall(world.as[who], callId), who).toBeUndefined();
    // The same events sent again (signed anew) make no second task.
    await post({ eventId: `${callId}-2`, callId, type: "missed", at: after(-30) });
    expect((await list(world.as.operator)).filter((c) => c.call?.callId === callId)).toHaveLength(1);
  });

  it("claim: operators and supervisors of the region; others are refused (403 in the region, 404 outside it)", async () => {
    const expected: Record<string, number> = { window: 404, lawyer: 404, otherOperator: 404, otherAdmin: 404, leader: 403, admin: 403 };
    for (const [who, status] of Object.entries(expected)) expect((await claim(world.as[who], id)).statusCode, who).toBe(status);
    const claimed = await claim(world.as.operator, id);
    expect(claimed.statusCode, claimed.body).toBe(200);
    // The claimer dials: the number in full for them, masked for everyone else.
    expect(claimed.json()).toMatchObject({ phone: "13800138000", claimedBy: { id: world.staff.operator.id }, abilities: { claim: false, attempt: true } });
    expect((await claim(world.as.operator, id)).statusCode).toBe(200);
    expect((await ofCall(world.as.operator2, callId))!.phone).toBe("138****8000");
    expect((await claim(world.as.operator2, id)).json()).toMatchObject({ code: "CONFLICT" });
    expect((await attempt(world.as.operator2, id, { outcome: "reached" })).statusCode).toBe(409);
    expect((await attempt(world.as.supervisor, id, { outcome: "reached" })).statusCode).toBe(409);
  });

  it("bad input is 400 naming the field, and writes nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ requestId: randomUUID(), outcome: "busy" }, "outcome"],
      [{ requestId: randomUUID() }, "outcome"],
      [{ outcome: "no_answer" }, "requestId"],
      [{ requestId: "not-a-uuid", outcome: "no_answer" }, "requestId"],
      [{ requestId: randomUUID(), outcome: "no_answer", note: "x".repeat(1001) }, "note"],
      [{ requestId: randomUUID(), outcome: "no_answer", extra: 1 }, "extra"],
    ];
    for (const [body, field] of cases) {
      const response = await world.as.operator.request("POST", `/api/hotline/callbacks/${id}/attempts`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    expect((await world.as.operator.request("POST", `/api/hotline/callbacks/${randomUUID()}/claim`, {})).statusCode).toBe(404);
    expect((await world.as.operator.request("POST", "/api/hotline/callbacks/nope/claim", {})).json()).toMatchObject({ field: "id" });
    expect((await ofCall(world.as.operator, callId))!.attemptCount).toBe(0);
  });

  it("a failed try releases it; a retried request records nothing twice; the third failure closes it as unreachable", async () => {
    const requestId = randomUUID();
    const first = await world.as.operator.request("POST", `/api/hotline/callbacks/${id}/attempts`, { requestId, outcome: "no_answer", note: "响铃无人接" });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: "open", attemptCount: 1, claimedBy: null });
    const again = await world.as.operator.request("POST", `/api/hotline/callbacks/${id}/attempts`, { requestId, outcome: "no_answer", note: "响铃无人接" });
    expect(again.statusCode).toBe(200);
    expect(again.json().attemptCount).toBe(1);
    expect((await claim(world.as.operator2, id)).statusCode).toBe(200);
    expect((await attempt(world.as.operator2, id, { outcome: "voicemail_left" })).json()).toMatchObject({ attemptCount: 2, status: "open" });
    expect((await claim(world.as.operator, id)).statusCode).toBe(200);
    expect((await attempt(world.as.operator, id, { outcome: "no_answer" })).json()).toMatchObject({ attemptCount: 3, status: "closed", closeReason: "unreachable" });
    expect(await ofCall(world.as.operator, callId)).toBeUndefined();
    expect((await list(world.as.operator, "?status=closed")).find((c) => c.id === id)).toMatchObject({ closeReason: "unreachable", phone: "138****8000" });
    expect((await claim(world.as.operator, id)).statusCode).toBe(409);
    const { rows } = await world.database.pool.query("select action, detail from audit_log where entity_id = $1 order by seq", [id]);
    expect(rows.map((r) => r.action)).toEqual(["hotline.callback_claim", "hotline.callback_attempt", "hotline.callback_claim", "hotline.callback_attempt", "hotline.callback_claim", "hotline.callback_attempt"]);
  });

  it("reached closes a callback at once; the list is oldest deadline first", async () => {
    const a = await missedCall("13900000001");
    const b = await missedCall("13900000002");
    const items = await list(world.as.operator);
    const dues = items.map((c) => c.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const target = items.find((c) => c.call?.callId === b)!;
    await claim(world.as.operator, target.id);
    const intake = { serviceType: "consultation", category: "劳动争议", regionCode: world.tree.counties[0], applicantName: "来电人", description: "来电咨询拖欠工资" };
    expect((await attempt(world.as.operator, target.id, { outcome: "no_answer", ticket: intake })).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "ticket" });
    expect((await attempt(world.as.operator, target.id, { outcome: "reached", ticket: { ...intake, category: "星际" } })).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "ticket.category" });
    const reached = await attempt(world.as.operator, target.id, { outcome: "reached", note: "已答复", ticket: intake });
    expect(reached.statusCode, reached.body).toBe(200);
    expect(reached.json()).toMatchObject({ status: "closed", closeReason: "reached", attemptCount: 1 });
    // Reached, the matter was taken in through the tickets intake as a hotline ticket with the caller's number.
    const taken = reached.json().attempts[0].ticket;
    expect(taken.number).toEqual(expect.any(String));
    const ticket = (await world.as.operator.get(`/api/tickets/${taken.id}`)).json();
    expect(ticket).toMatchObject({ channel: "hotline", serviceType: "consultation", category: "劳动争议", description: "来电咨询拖欠工资" });
    expect(JSON.stringify(ticket.applicant)).toMatch(/139\d*\**0002|13900000002/);
    expect(await ofCall(world.as.operator, a)).toBeDefined();
  });

  it("is marked overdue once its deadline has passed", async () => {
    const callId2 = await missedCall("13900000003");
    world.clock.set("2026-11-20T09:00:00+08:00");
    for (const key of Object.keys(world.as)) world.as[key] = await (await import("../helpers/http.ts")).signIn(world.app, world.staff[key].username);
    expect((await ofCall(world.as.operator, callId2))!.isOverdue).toBe(true);
  });
});

describe("follow-up surveys and negative ratings", () => {
  const act = (who: Session, id: string, body: Record<string, unknown>) => who.request("POST", `/api/tickets/${id}/actions`, body);
  async function resolvedTicket(phone: string): Promise<string> {
    const created = await world.as.window.request("POST", "/api/tickets", {
      channel: "window", serviceType: "mediation", category: "邻里", regionCode: world.tree.counties[0], applicant: { name: "孙八", phone }, description: "楼上漏水",
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await act(world.as.window, id, { action: "accept" })).statusCode).toBe(200);
    expect((await act(world.as.dispatcher, id, { action: "assign", unitRegionCode: world.tree.counties[0], assigneeId: world.staff.lawyer.id })).statusCode).toBe(200);
    expect((await act(world.as.lawyer, id, { action: "resolve", summary: "已协调维修" })).statusCode).toBe(200);
    return id;
  }
  const ofTicket = async (who: Session, ticketId: string, kind: string) => (await list(who, `?kind=${kind}`)).find((c) => c.ticket?.id === ticketId);
  const survey = (who: Session, id: string, body: Record<string, unknown>) => who.request("POST", `/api/hotline/callbacks/${id}/survey`, body);

  it("a resolved ticket's follow-up is at the desk with the script; its answers become the rating; a low one raises a callback", async () => {
    const ticketId = await resolvedTicket("13600001111");
    const task = (await ofTicket(world.as.operator, ticketId, "follow_up"))!;
    expect(task).toMatchObject({ kind: "follow_up", phone: "136****1111", abilities: { claim: true } });
    expect(task.surveyScript).toEqual(DEFAULT_CALLBACK_SETTINGS.surveyScript);
    expect((await survey(world.as.operator, task.id, { requestId: randomUUID(), answers: { resolved: true, satisfaction: 5 } })).statusCode).toBe(409);
    await claim(world.as.operator, task.id);
    expect((await attempt(world.as.operator, task.id, { outcome: "reached" })).json()).toMatchObject({ code: "INVALID_TRANSITION", field: "outcome" });
    for (const [answers, field] of [
      [{ resolved: true }, "answers.satisfaction"],
      [{ resolved: true, satisfaction: 9 }, "answers.satisfaction"],
      [{ resolved: "是", satisfaction: 3 }, "answers.resolved"],
      [{ resolved: true, satisfaction: 3, mood: "ok" }, "answers.mood"],
    ] as const) {
      const response = await survey(world.as.operator, task.id, { requestId: randomUUID(), answers });
      expect(response.statusCode, JSON.stringify(answers)).toBe(400);
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    expect((await survey(world.as.operator, task.id, { answers: {} })).json()).toMatchObject({ field: "requestId" });
    const body = { requestId: randomUUID(), answers: { resolved: false, satisfaction: 2, suggestion: "维修拖了很久" }, note: "本人接听" };
    const done = await survey(world.as.operator, task.id, body);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ isRated: true, callback: { status: "closed", closeReason: "reached" } });
    expect((await survey(world.as.operator, task.id, body)).statusCode).toBe(200);
    const rating = await world.database.db.transaction((tx) => getRating(tx, ticketId));
    expect(rating).toMatchObject({ attitude: 2, speed: 2, policy: 2, expertise: 2, comment: "维修拖了很久", ratedByKind: "staff", hasLowScore: true });
    const ticket = (await world.as.dispatcher.get(`/api/tickets/${ticketId}`)).json();
    expect(ticket.status).toBe("followed_up");
    expect(await ofTicket(world.as.operator, ticketId, "negative_rating")).toMatchObject({ kind: "negative_rating", status: "open" });
    const { rows } = await world.database.pool.query("select count(*)::int as n from hotline_callbacks where ticket_id = $1", [ticketId]);
    expect(rows[0].n).toBe(2);
    const audit = await world.database.pool.query("select detail from audit_log where entity_id = $1 and action = 'hotline.callback_survey'", [task.id]);
    expect(audit.rows).toHaveLength(1);
  });

  it("a negative rating from the portal or the phone (oversight's route) raises a callback too; a follow-up recorded on the ticket closes the desk's", async () => {
    const ticketId = await resolvedTicket("13600002222");
    const rated = await world.as.operator.request("POST", `/api/tickets/${ticketId}/rating`, { attitude: 1, speed: 3, policy: 3, expertise: 3 });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(await ofTicket(world.as.operator, ticketId, "negative_rating")).toBeDefined();
    expect((await act(world.as.operator, ticketId, { action: "follow_up", outcome: "电话回访，当事人不满意" })).statusCode).toBe(200);
    expect(await ofTicket(world.as.operator, ticketId, "follow_up")).toBeUndefined();
    expect((await list(world.as.operator, "?status=closed&kind=follow_up")).find((c) => c.ticket?.id === ticketId)).toMatchObject({ closeReason: "followed_up" });
  });
});

describe("a bureau's settings", () => {
  const url = () => `/api/hotline/callback-settings?regionCode=${world.tree.counties[0]}`;
  it("the desk reads them; admins of the region change them, checked as a whole and audited", async () => {
    expect((await world.as.operator.get(url())).json()).toMatchObject({ fromRegionCode: null, settings: { maxAttempts: 3, sampleBasisPoints: 500 }, abilities: { update: false } });
    expect((await world.as.window.get(url())).statusCode).toBe(404);
    const changed = { ...DEFAULT_CALLBACK_SETTINGS, maxAttempts: 2 };
    expect((await world.as.operator.request("PUT", url(), changed)).statusCode).toBe(403);
    expect((await world.as.otherAdmin.request("PUT", url(), changed)).statusCode).toBe(404);
    const bad = await world.as.admin.request("PUT", url(), { ...changed, surveyScript: [{ ...DEFAULT_CALLBACK_SETTINGS.surveyScript[0], target: "speed" }, DEFAULT_CALLBACK_SETTINGS.surveyScript[1]] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "surveyScript[0].target" });
    const shape = await world.as.admin.request("PUT", url(), { ...changed, sampleBasisPoints: 20_000 });
    expect(shape.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "sampleBasisPoints" });
    const saved = await world.as.admin.request("PUT", url(), changed);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ fromRegionCode: world.tree.counties[0], settings: { maxAttempts: 2 } });
    expect((await world.as.operator.get(`/api/hotline/callback-settings?regionCode=${world.tree.townships[0][0]}`)).json()).toMatchObject({ fromRegionCode: world.tree.counties[0] });
    const { rows } = await world.database.pool.query("select count(*)::int as n from audit_log where action = 'hotline.callback_settings_update'");
    expect(rows[0].n).toBe(1);
  });
});

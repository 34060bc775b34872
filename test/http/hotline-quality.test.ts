/**
 * Hotline quality review (质检) over HTTP: answered calls sampled at the
 * bureau's share (all of them at 100 %, none at 0), the review queue and who
 * may see and score it in and out of the region, the scoring form's total and
 * the operator flagged below the line, bad input named by field, retries.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { DEFAULT_CALLBACK_SETTINGS } from "../../src/server/modules/hotline/hotline-callbacks.rules.ts";
import type { Session } from "../helpers/http.ts";
import { staffWorld } from "../helpers/staff-world.ts";

// Wednesday 18 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-18T10:00:00+08:00");
const world = staffWorld(START);
let source: { id: string; apiKey: string; secret: string };
let counter = 0;

type Review = { id: string; status: string; call: { callId: string; caller: string | null }; operator: { id: string } | null; total: number | null; isFlagged: boolean; scoringForm: { id: string }[]; abilities: { score: boolean } };

async function post(body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  const response = await world.app.inject({ method: "POST", url: "/api/hotline/events", payload: text, headers: { "content-type": "application/json", ...signedHeaders(source.apiKey, source.secret, text, world.clock.now()) } });
  world.clock.advance(1000);
  expect([200, 201], response.body).toContain(response.statusCode);
}
const after = (s: number) => new Date(world.clock.now().getTime() + s * 1000).toISOString();

/** An answered call at seat 8101 (the operator's), ended; the end arrives first. */
async function answeredCall(): Promise<string> {
  const callId = `q-call-${++counter}`;
  await post({ eventId: `${callId}-4`, callId, type: "ended", at: after(-10) });
  await post({ eventId: `${callId}-1`, callId, type: "incoming", at: after(-120), caller: "13700001234" });
  await post({ eventId: `${callId}-2`, callId, type: "answered", at: after(-110), seat: "8101" });
  return callId;
}

const settingsUrl = () => `/api/hotline/callback-settings?regionCode=${world.tree.counties[0]}`;
const setShare = async (sampleBasisPoints: number) => {
  const response = await world.as.admin.request("PUT", settingsUrl(), { ...DEFAULT_CALLBACK_SETTINGS, sampleBasisPoints });
  expect(response.statusCode, response.body).toBe(200);
};
const queue = async (who: Session, query = "") => {
  const response = await who.get(`/api/hotline/quality/reviews${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Review[];
};
const score = (who: Session, id: string, body: Record<string, unknown>) => who.request("POST", `/api/hotline/quality/reviews/${id}/score`, body);
const all = (value: number) => Object.fromEntries(DEFAULT_CALLBACK_SETTINGS.scoringForm.map((item) => [item.id, value]));

beforeAll(async () => {
  const { tree } = world;
  await world.person("admin", ["admin"], tree.counties[0]);
  await world.person("operator", ["operator"], tree.counties[0]);
  await world.person("supervisor", ["supervisor"], tree.counties[0]);
  await world.person("leader", ["leader"], tree.city);
  await world.person("window", ["window"], tree.counties[0]);
  await world.person("otherSupervisor", ["supervisor"], tree.counties[1]);
  const created = await world.as.admin.request("POST", "/api/hotline/sources", { name: "质检测试 12348", regionCode: tree.counties[0] });
  expect(created.statusCode, created.body).toBe(201);
  source = created.json();
  const seat = await world.as.admin.request("POST", "/api/hotline/seats", { sourceId: source.id, extension: "8101", name: "坐席 8101", operatorId: world.staff.operator.id });
  expect(seat.statusCode, seat.body).toBe(201);
});

describe("sampling", () => {
  it("none at 0 %; every answered call at 100 %, each once however often its events come", async () => {
    await setShare(0);
    const unsampled = await answeredCall();
    expect((await queue(world.as.supervisor)).find((r) => r.call.callId === unsampled)).toBeUndefined();
    await setShare(10_000);
    const ids = [await answeredCall(), await answeredCall()];
    await post({ eventId: `${ids[0]}-2`, callId: ids[0], type: "answered", at: after(-200), seat: "8101" });
    const items = await queue(world.as.supervisor);
    for (const callId of ids) expect(items.filter((r) => r.call.callId === callId), callId).toHaveLength(1);
    expect(items.find((r) => r.call.callId === ids[0])).toMatchObject({ status: "pending", call: { caller: "137****1234" }, operator: { id: world.staff.operator.id }, total: null, abilities: { score: true } });
  });
});

describe("the review queue and the scoring form", () => {
  let callId: string;
  let id: string;
  beforeAll(async () => {
    await setShare(10_000);
    callId = await answeredCall();
    id = (await queue(world.as.supervisor)).find((r) => r.call.callId === callId)!.id;
  });

  it("supervisors score; leaders and admins read; operators, windows and other regions see nothing", async () => {
    expect((await queue(world.as.leader)).find((r) => r.id === id)?.abilities.score).toBe(false);
    expect((await queue(world.as.admin)).find((r) => r.id === id)?.abilities.score).toBe(false);
    for (const who of ["operator", "window", "otherSupervisor"]) expect((await queue(world.as[who])).find((r) => r.id === id), who).toBeUndefined();
    const body = { requestId: randomUUID(), scores: all(8) };
    const expected: Record<string, number> = { operator: 404, window: 404, otherSupervisor: 404, leader: 403, admin: 403 };
    for (const [who, status] of Object.entries(expected)) expect((await score(world.as[who], id, body)).statusCode, who).toBe(status);
  });

  it("bad scores are 400 naming the field, and score nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ requestId: randomUUID(), scores: { ...all(8), accuracy: 11 } }, "scores.accuracy"],
      [{ requestId: randomUUID(), scores: { greeting: 8 } }, "scores.accuracy"],
      [{ requestId: randomUUID(), scores: { ...all(8), charm: 5 } }, "scores.charm"],
      [{ requestId: randomUUID(), scores: { ...all(8), record: 7.5 } }, "scores.record"],
      [{ scores: all(8) }, "requestId"],
      [{ requestId: randomUUID() }, "scores"],
      [{ requestId: randomUUID(), scores: all(8), comment: "x".repeat(2001) }, "comment"],
    ];
    for (const [body, field] of cases) {
      const response = await score(world.as.supervisor, id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
    expect((await queue(world.as.supervisor)).find((r) => r.id === id)?.status).toBe("pending");
  });

  it("a low total flags the operator; a retried request changes nothing; scoring again is 409; it is audited", async () => {
    const body = { requestId: randomUUID(), scores: { greeting: 10, accuracy: 2, citation: 0, attitude: 10, record: 10 }, comment: "答复有误，未引用法条" };
    const scored = await score(world.as.supervisor, id, body);
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json()).toMatchObject({ status: "scored", total: 56, isFlagged: true, comment: "答复有误，未引用法条", reviewer: { id: world.staff.supervisor.id }, abilities: { score: false } });
    expect((await score(world.as.supervisor, id, body)).statusCode).toBe(200);
    expect((await score(world.as.supervisor, id, { ...body, requestId: randomUUID() })).statusCode).toBe(409);
    expect((await queue(world.as.leader, "?status=scored&isFlagged=true")).map((r) => r.id)).toContain(id);
    expect((await queue(world.as.supervisor)).find((r) => r.id === id)).toBeUndefined();
    const { rows } = await world.database.pool.query("select detail from audit_log where entity_id = $1 and action = 'hotline.quality_review'", [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].detail).toMatchObject({ total: 56, isFlagged: true, operatorId: world.staff.operator.id });
  });

  it("a good total does not flag", async () => {
    const other = await answeredCall();
    const reviewId = (await queue(world.as.supervisor)).find((r) => r.call.callId === other)!.id;
    expect((await score(world.as.supervisor, reviewId, { requestId: randomUUID(), scores: all(9) })).json()).toMatchObject({ total: 90, isFlagged: false });
  });
});

/**
 * My requests on the portal, over HTTP: a citizen submits each kind of request
 * (a ticket, channel portal), follows it, talks with the handler, uploads,
 * rates and reopens — only their own; staff answer from the ticket; anyone can
 * track a request by number, phone and one-time code. No staff-only field and
 * no other person's data in any portal answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { notifications } from "../../src/server/modules/notifications/notifications.tables.ts";
import { CitizenRequestSchema } from "../../src/server/modules/requests/requests.types.ts";
import { REQUEST_LIMITS } from "../../src/server/modules/requests/requests.routes.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { requestOneTimeCode, signInCitizen, testAddress, testPhone, type CitizenSession } from "../helpers/citizens.ts";
import type { StaffActor } from "../../src/server/policies/actor.ts";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake png body")]);
const MINUTE = 60_000;

let database: Database;
let tree: TestTree;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let dispatcherAccount: StaffActor;
let lawyerAccount: StaffActor;
let outsiderAccount: StaffActor;
/** Fresh sessions: tests move the clock past older ones' idle limit. */
const staff = (account: StaffActor): Promise<Session> => signIn(app, account.username);

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  ({ app, clock } = await createTestApp(database, new Date("2030-05-06T09:00:00+08:00")));
  [dispatcherAccount, lawyerAccount, outsiderAccount] = await database.db.transaction(async (tx) => [
    await makeStaff(tx, ["dispatcher", "window", "supervisor"], tree.city),
    await makeStaff(tx, ["lawyer"], tree.counties[0]),
    await makeStaff(tx, ["lawyer", "window"], tree.counties[1]),
  ]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const consultation = (extra: Record<string, unknown> = {}) => ({
  kind: "consultation",
  category: "劳动争议",
  regionCode: tree.townships[0][0],
  applicantName: "李桂兰",
  description: "老板拖欠三个月工资不给，怎么办？",
  ...extra,
});

async function submit(citizen: CitizenSession, body: Record<string, unknown>, key?: string) {
  return citizen.request("POST", "/api/portal/requests", body, key ? { "idempotency-key": key } : {});
}

/** Takes a request through acceptance and assignment to the county lawyer. */
async function assignToLawyer(id: string) {
  const dispatcher = await staff(dispatcherAccount);
  expect((await dispatcher.request("POST", `/api/tickets/${id}/actions`, { action: "accept" })).statusCode).toBe(200);
  const assigned = await dispatcher.request("POST", `/api/tickets/${id}/actions`, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: lawyerAccount.id });
  expect(assigned.statusCode, assigned.body).toBe(200);
}

const outbox = (ticketId: string, template: string) =>
  database.db.select().from(notifications).where(and(eq(notifications.ticketId, ticketId), eq(notifications.template, template)));

describe("submitting", () => {
  it("makes a portal ticket with the signed-in phone, answers in the applicant's terms, and replays a retry", async () => {
    const citizen = await signInCitizen(app);
    const first = await submit(citizen, consultation(), "portal-retry-0001");
    expect(first.statusCode, first.body).toBe(201);
    const view = first.json();
    expect(view).toMatchObject({ kind: "consultation", serviceType: "consultation", status: "submitted", category: "劳动争议" });
    expect(view.number).toMatch(/\d/);
    expect(view.progress.map((p: { step: string }) => p.step)).toEqual(["submitted"]);
    // Only the fields of the applicant's view: nothing the staff view carries besides.
    const allowed = Object.keys(CitizenRequestSchema.properties);
    expect(Object.keys(view).every((key) => allowed.includes(key))).toBe(true);
    for (const staffOnly of ["applicant", "assignee", "firstResponder", "bounceCount", "isFlaggedToLead", "isSupervised", "allowedActions", "channel"]) expect(view).not.toHaveProperty(staffOnly);

    const ticket = await (await staff(dispatcherAccount)).get(`/api/tickets/${view.id}`);
    expect(ticket.json()).toMatchObject({ channel: "portal", applicant: { name: "李桂兰", phone: citizen.phone } });

    const again = await submit(citizen, consultation(), "portal-retry-0001");
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(view.id);
    const reused = await submit(citizen, consultation({ description: "另一个问题" }), "portal-retry-0001");
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("asks each form for what it needs, naming the field", async () => {
    const citizen = await signInCitizen(app);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "mediation", counterparty: { name: "张三" } }, "wish"],
      [{ kind: "mediation", wish: "赔偿损失" }, "counterparty.name"],
      [{ kind: "home_visit" }, "visitAddress"],
      [{ kind: "legal_aid", category: undefined }, "category"],
    ];
    for (const [extra, field] of cases) {
      const response = await submit(citizen, consultation(extra));
      expect(response.statusCode, JSON.stringify(extra)).toBe(400);
      expect(response.json().field).toBe(field);
    }
    const unknownRegion = await submit(citizen, consultation({ regionCode: "999999" }));
    expect(unknownRegion.statusCode).toBeGreaterThanOrEqual(400);
    expect(unknownRegion.statusCode).toBeLessThan(500);
    const blank = await submit(citizen, consultation({ description: "   " }));
    expect(blank.statusCode).toBe(400);
    const list = await citizen.get("/api/portal/requests");
    expect(list.json().total).toBe(0);
  });

  it("files a mediation with the other party and the wish, and a home visit as a visit", async () => {
    const citizen = await signInCitizen(app);
    const mediation = await submit(citizen, consultation({ kind: "mediation", category: "邻里", counterparty: { name: "王五", note: "邻居" }, wish: "拆除违建的围墙" }));
    expect(mediation.statusCode, mediation.body).toBe(201);
    expect(mediation.json()).toMatchObject({ kind: "mediation", serviceType: "mediation" });
    expect(mediation.json().description).toContain("申请人请求：拆除违建的围墙");
    const visit = await submit(citizen, consultation({ kind: "home_visit", visitAddress: "柳河村3组12号", visitTime: "周三上午", specialGroups: ["elderly", "disabled"] }));
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().kind).toBe("home_visit");
    const ticket = (await (await staff(dispatcherAccount)).get(`/api/tickets/${visit.json().id}`)).json();
    expect(ticket).toMatchObject({ preferredContact: "visit", isPriority: true });
    expect(ticket.description).toContain("上门地址：柳河村3组12号");
    const complaint = await submit(citizen, { kind: "complaint", regionCode: tree.counties[0], applicantName: "李桂兰", description: "窗口人员态度差" });
    expect(complaint.statusCode, complaint.body).toBe(201);
    expect(complaint.json()).toMatchObject({ kind: "complaint", category: "其他" });
  });

  it(`refuses the ${REQUEST_LIMITS.submissionsPerHour.max + 1}th submission in an hour with 429 and Retry-After`, async () => {
    const citizen = await signInCitizen(app);
    for (let i = 0; i < REQUEST_LIMITS.submissionsPerHour.max; i++) expect((await submit(citizen, consultation({ description: `问题 ${i}` }))).statusCode).toBe(201);
    const refused = await submit(citizen, consultation({ description: "再来一个" }));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await citizen.get("/api/portal/requests?limit=50")).json().total).toBe(REQUEST_LIMITS.submissionsPerHour.max);
  });
});

describe("only one's own", () => {
  it("hides another citizen's request, thread, files and rating behind 404, and keeps citizens off staff routes", async () => {
    const owner = await signInCitizen(app);
    const other = await signInCitizen(app);
    const id = (await submit(owner, consultation())).json().id;
    const upload = await app.inject({ method: "POST", url: `/api/portal/requests/${id}/attachments?fileName=${encodeURIComponent("工资条.png")}`, payload: PNG, headers: { ...owner.headers, "content-type": "image/png" }, cookies: owner.cookies });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachmentId = upload.json().id;

    expect((await other.get("/api/portal/requests")).json()).toEqual({ items: [], total: 0 });
    for (const [method, url, body] of [
      ["GET", `/api/portal/requests/${id}`, undefined],
      ["POST", `/api/portal/requests/${id}/messages`, { body: "你好" }],
      ["POST", `/api/portal/requests/${id}/rating`, { attitude: 5, speed: 5, policy: 5, expertise: 5 }],
      ["POST", `/api/portal/requests/${id}/reopen`, { reason: "没解决" }],
      ["GET", `/api/portal/attachments/${attachmentId}`, undefined],
    ] as const) {
      const response = await other.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.body).not.toContain("李桂兰");
    }
    const otherUpload = await app.inject({ method: "POST", url: `/api/portal/requests/${id}/attachments?fileName=x.png`, payload: PNG, headers: { ...other.headers, "content-type": "image/png" }, cookies: other.cookies });
    expect(otherUpload.statusCode).toBe(404);

    for (const url of [`/api/tickets/${id}`, `/api/tickets/${id}/messages`, "/api/tickets", `/api/attachments/${attachmentId}`]) {
      expect([401, 403], url).toContain((await owner.get(url)).statusCode);
    }
    expect((await app.inject({ method: "GET", url: `/api/portal/requests/${id}` })).statusCode).toBe(401);
    const mine = await owner.get(`/api/portal/attachments/${attachmentId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(PNG)).toBe(true);
  });
});

describe("the thread, rating and reopening", () => {
  it("lets the handler answer, tells the applicant by SMS without naming staff, and takes the rating and a reopen", async () => {
    const citizen = await signInCitizen(app);
    const id = (await submit(citizen, consultation())).json().id;
    await assignToLawyer(id);

    const lawyer = await staff(lawyerAccount);
    const answer = await lawyer.request("POST", `/api/tickets/${id}/messages`, { body: "请带上劳动合同和工资条来中心。" });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ from: "staff", authorName: lawyerAccount.displayName });
    expect(await outbox(id, "ticket_message")).toHaveLength(1);

    const seen = (await citizen.get(`/api/portal/requests/${id}`)).json();
    expect(seen.messages).toEqual([expect.objectContaining({ from: "staff", authorName: null, body: "请带上劳动合同和工资条来中心。" })]);
    expect(seen.unitName).toContain("公共法律服务中心");
    expect(seen.progress.map((p: { step: string }) => p.step)).toEqual(["submitted", "accepted", "assigned"]);
    expect(JSON.stringify(seen)).not.toContain(lawyerAccount.displayName);
    expect(seen.abilities).toMatchObject({ message: true, rate: false, reopen: false, upload: true });

    const reply = await citizen.request("POST", `/api/portal/requests/${id}/messages`, { body: "好的，明天上午去。" });
    expect(reply.statusCode, reply.body).toBe(201);
    const thread = (await lawyer.get(`/api/tickets/${id}/messages`)).json();
    expect(thread.items.map((m: { from: string }) => m.from)).toEqual(["staff", "citizen"]);
    expect(thread.canWrite).toBe(true);
    // The citizen's message is not texted back to them.
    expect(await outbox(id, "ticket_message")).toHaveLength(1);
    // Staff of another county do not see the ticket at all.
    const outsider = await staff(outsiderAccount);
    expect((await outsider.get(`/api/tickets/${id}/messages`)).statusCode).toBe(404);
    expect((await outsider.request("POST", `/api/tickets/${id}/messages`, { body: "插一句" })).statusCode).toBe(404);

    // 待回复留言: the applicant wrote last, so the ticket waits in the list of those who may answer — not of others.
    const waitingFor = async (session: Session) => (await session.get("/api/requests/awaiting-reply")).json().items.map((i: { ticketId: string }) => i.ticketId);
    expect(await waitingFor(lawyer)).toContain(id);
    // The home page counts exactly that list.
    expect((await lawyer.get("/api/workbench/summary")).json().awaitingReplies).toBe((await waitingFor(lawyer)).length);
    expect((await waitingFor(lawyer)).length).toBeGreaterThan(0);
    expect(await waitingFor(await staff(dispatcherAccount))).toContain(id);
    expect(await waitingFor(outsider)).not.toContain(id);
    expect((await lawyer.get("/api/requests/awaiting-reply")).json().items.find((i: { ticketId: string }) => i.ticketId === id)).toMatchObject({ excerpt: "好的，明天上午去。" });
    expect([401, 403]).toContain((await citizen.get("/api/requests/awaiting-reply")).statusCode);
    expect((await lawyer.request("POST", `/api/tickets/${id}/messages`, { body: "好的，明天见。" })).statusCode).toBe(201);
    expect(await waitingFor(lawyer)).not.toContain(id);

    expect((await lawyer.request("POST", `/api/tickets/${id}/actions`, { action: "start" })).statusCode).toBe(200);
    const early = await citizen.request("POST", `/api/portal/requests/${id}/rating`, { attitude: 5, speed: 5, policy: 5, expertise: 5 });
    expect(early.statusCode).toBe(409);
    expect((await lawyer.request("POST", `/api/tickets/${id}/actions`, { action: "resolve", summary: "可向劳动人事争议仲裁委员会申请仲裁。" })).statusCode).toBe(200);
    expect(await outbox(id, "rating_invitation")).toHaveLength(1);

    const resolved = (await citizen.get(`/api/portal/requests/${id}`)).json();
    expect(resolved.progress.at(-1)).toMatchObject({ step: "resolved", answer: "可向劳动人事争议仲裁委员会申请仲裁。" });
    expect(resolved.abilities).toMatchObject({ rate: true, reopen: true });

    const rated = await citizen.request("POST", `/api/portal/requests/${id}/rating`, { attitude: 2, speed: 3, policy: 3, expertise: 3, comment: "等太久" });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ rating: { attitude: 2, speed: 3 }, abilities: { rate: false } });
    expect((await citizen.request("POST", `/api/portal/requests/${id}/rating`, { attitude: 5, speed: 5, policy: 5, expertise: 5 })).statusCode).toBe(409);
    // A score of 2 opens the supervisor's call-back, as a rating taken by phone does.
    const followUps = (await (await staff(dispatcherAccount)).get("/api/follow-ups?queue=open&limit=200")).json();
    expect(followUps.items.some((f: { ticket: { id: string } }) => f.ticket.id === id)).toBe(true);

    const reopened = await citizen.request("POST", `/api/portal/requests/${id}/reopen`, { reason: "仲裁委不受理，问题没解决" });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().progress.at(-1)).toMatchObject({ step: "reopened", reason: "仲裁委不受理，问题没解决" });
    expect(reopened.json().status).not.toBe("resolved");
  });
});

describe("tracking without an account", () => {
  it("shows a request for its number, the applicant's phone and a code — and the same 404 for a wrong number or phone", async () => {
    const citizen = await signInCitizen(app);
    const view = (await submit(citizen, consultation())).json();
    clock.advance(MINUTE + 1000);
    const track = async (number: string, phone: string) => {
      const code = await requestOneTimeCode(app, phone, "tracking");
      return app.inject({ method: "POST", url: "/api/portal/track", payload: { number, phone, code }, remoteAddress: testAddress() });
    };
    const found = await track(view.number, citizen.phone);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ id: view.id, number: view.number, abilities: { message: false, rate: false, reopen: false, upload: false } });
    expect(found.json().progress[0].step).toBe("submitted");

    const stranger = testPhone();
    const wrongPhone = await track(view.number, stranger);
    const wrongNumber = await track(`${view.number}9`, testPhone());
    expect(wrongPhone.statusCode).toBe(404);
    expect(wrongNumber.statusCode).toBe(404);
    expect(wrongPhone.json().code).toBe(wrongNumber.json().code);

    // The stranger's code was used by the try above (a right code for a wrong number is used up): a new one, after the minute.
    clock.advance(MINUTE + 1000);
    const code = await requestOneTimeCode(app, stranger, "tracking");
    const badCode = await app.inject({ method: "POST", url: "/api/portal/track", payload: { number: view.number, phone: stranger, code: String((Number(code) + 1) % 1_000_000).padStart(6, "0") }, remoteAddress: testAddress() });
    expect(badCode.statusCode).toBe(401);
    // A sign-in code does not open tracking.
    const signInCode = await requestOneTimeCode(app, testPhone());
    const misused = await app.inject({ method: "POST", url: "/api/portal/track", payload: { number: view.number, phone: citizen.phone, code: signInCode }, remoteAddress: testAddress() });
    expect(misused.statusCode).toBeGreaterThanOrEqual(400);
    expect(misused.statusCode).toBeLessThan(500);
  });
});

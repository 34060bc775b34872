/**
 * 预登记 over HTTP: the guided matters and the route (public), a citizen's
 * pre-registration on the portal and the window's, the provider's status
 * recorded in the workbench or sent through the signed provider API (bad
 * signature, stale timestamp, replay, another provider's record), idempotent
 * retries, the ticket moved along and its trail, and who may do what where.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { systemActor, type StaffActor } from "../../src/server/policies/actor.ts";
import { createProvider } from "../../src/server/modules/directory/commands/save-provider.ts";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { signInCitizen, type CitizenSession } from "../helpers/citizens.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const accounts: Record<string, StaffActor> = {};
const providers: Record<string, string> = {};
let citizen: CitizenSession;
let otherCitizen: CitizenSession;

// Wednesday 18 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-18T10:00:00+08:00");
const staff = (key: string): Promise<Session> => signIn(app, accounts[key].username);
let counter = 0;
const updateId = () => `u-${++counter}`;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await database.db.transaction(async (tx) => {
    const system = systemActor("test");
    const add = (kind: Parameters<typeof createProvider>[2]["kind"], name: string, regionCode: string) => createProvider(tx, system, { kind, name, regionCode }, START);
    providers.countyNotary = await add("notary_office", "测试县公证处", tree.counties[0]);
    providers.cityNotary = await add("notary_office", "测试市公证处", tree.city);
    providers.countyLabour = await add("arbitration_commission", "测试县劳动人事争议仲裁委员会", tree.counties[0]);
    providers.cityArbitration = await add("arbitration_commission", "测试市仲裁委员会", tree.city);
    providers.cityArbitration2 = await add("arbitration_commission", "测试市第二仲裁委员会", tree.city);
    accounts.window = await makeStaff(tx, ["window"], tree.counties[0]);
    accounts.townWindow = await makeStaff(tx, ["window"], tree.townships[0][0]);
    accounts.otherWindow = await makeStaff(tx, ["window"], tree.counties[1]);
    accounts.lawyer = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    accounts.dispatcher = await makeStaff(tx, ["dispatcher"], tree.city);
    accounts.admin = await makeStaff(tx, ["admin"], tree.city);
    accounts.otherAdmin = await makeStaff(tx, ["admin"], tree.counties[1]);
  });
  citizen = await signInCitizen(app);
  otherCitizen = await signInCitizen(app);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const notarization = (extra: Record<string, unknown> = {}) => ({
  service: "notarization",
  matter: "inheritance",
  regionCode: tree.villages[0][0][0],
  answers: { usedAbroad: false, allHeirsPresent: true },
  applicantName: "卓玛",
  materialsChecked: ["id_card", "death_proof"],
  ...extra,
});

/** Who submitted each pre-registration: a citizen may submit 10 an hour, so a new one signs in every 8. */
const owners = new Map<string, CitizenSession>();
let submitted = 0;
const ownerOf = (id: string) => owners.get(id)!;

async function preregister(body: Record<string, unknown> = notarization(), headers: Record<string, string> = {}) {
  if (++submitted % 8 === 0) citizen = await signInCitizen(app);
  const response = await citizen.request("POST", "/api/portal/preregistrations", body, headers);
  expect(response.statusCode, response.body).toBe(201);
  owners.set(response.json().id, citizen);
  return response.json();
}

describe("guided matters and routing (public)", () => {
  it("lists the matters with checklists, questions and the articles of their notes", async () => {
    const response = await app.inject({ method: "GET", url: "/api/preregistration/matters" });
    expect(response.statusCode).toBe(200);
    const labour = response.json().items.find((m: { service: string; code: string }) => m.service === "arbitration" && m.code === "labour");
    expect(labour.providerKind).toBe("arbitration_commission");
    expect(labour.notes).toContainEqual(expect.objectContaining({ lawTitle: "中华人民共和国劳动争议调解仲裁法", articleNo: "第二十七条" }));
  });

  it("offers the county's providers to a village applicant, the city's where the county has none, and the service centre otherwise", async () => {
    const route = (query: string) => app.inject({ method: "GET", url: `/api/preregistration/route?${query}` });
    const village = tree.villages[0][0][0];
    const notary = (await route(`service=notarization&matter=will&regionCode=${village}&answers=${encodeURIComponent('{"usedAbroad":false}')}`)).json();
    expect(notary.providers.map((p: { id: string }) => p.id)).toEqual([providers.countyNotary]);
    const otherCounty = (await route(`service=notarization&matter=will&regionCode=${tree.villages[1][0][0]}&answers=${encodeURIComponent('{"usedAbroad":false}')}`)).json();
    expect(otherCounty.providers.map((p: { id: string }) => p.id)).toEqual([providers.cityNotary]);
    const appraisal = (await route(`service=forensic_appraisal&matter=paternity&regionCode=${village}&answers=${encodeURIComponent('{"commissionedBy":"party"}')}`)).json();
    expect(appraisal.providers).toEqual([]);
    expect(appraisal.fallback).toMatchObject({ region: { code: tree.counties[0] }, name: expect.stringContaining("公共法律服务中心") });
    expect(appraisal.findings).toContainEqual(expect.objectContaining({ level: "warning", articleNo: "第七十九条" }));
  });

  it("sends a county government's act to the city's centre and warns after 60 days (Administrative Reconsideration Law Arts. 20, 24)", async () => {
    const answers = encodeURIComponent(JSON.stringify({ actKnownOn: "2026-09-01", respondentKind: "county_government", respondentName: "测试县人民政府" }));
    const response = await app.inject({ method: "GET", url: `/api/preregistration/route?service=administrative_reconsideration&matter=reconsideration&regionCode=${tree.townships[0][0]}&answers=${answers}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().fallback.region.code).toBe(tree.city);
    expect(response.json().findings).toContainEqual(expect.objectContaining({ level: "warning", articleNo: "第二十条" }));
  });

  it.each([
    ["service=notarization&matter=nothing&regionCode=980102", "matter"],
    ["service=notarization&matter=will&regionCode=980102", "answers.usedAbroad"],
    ["service=notarization&matter=will&regionCode=980102&answers=%5B1%5D", "answers"],
    ["service=legal_aid&matter=will&regionCode=980102", "service"],
  ])("refuses %s naming %s", async (query, field) => {
    const response = await app.inject({ method: "GET", url: `/api/preregistration/route?${query.replace("980102", tree.counties[0])}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().field ?? response.json().message).toContain(field);
  });
});

describe("a citizen's pre-registration on the portal", () => {
  it("creates a ticket of the service, routed to the provider offered, and replays a retry", async () => {
    const headers = { "idempotency-key": "prereg-retry-1" };
    const first = await preregister(notarization(), headers);
    expect(first).toMatchObject({ service: "notarization", status: "submitted", provider: { id: providers.countyNotary }, route: { region: { code: tree.counties[0] } } });
    expect(first.number).toMatch(/\S/);
    expect(first.materials.filter((m: { isChecked: boolean }) => m.isChecked).map((m: { key: string }) => m.key)).toEqual(["id_card", "death_proof"]);
    const again = await ownerOf(first.id).request("POST", "/api/portal/preregistrations", notarization(), headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.id);
    const ticket = await (await staff("window")).get(`/api/tickets/${first.ticketId}`);
    expect(ticket.json()).toMatchObject({ serviceType: "notarization", channel: "portal", status: "submitted" });
    expect((await ownerOf(first.id).get("/api/portal/preregistrations")).json().items.map((p: { id: string }) => p.id)).toContain(first.id);
  });

  it.each([
    [{ service: "arbitration", matter: "commercial", answers: { hasArbitrationAgreement: false }, materialsChecked: [], providerId: undefined }, "answers.hasArbitrationAgreement"],
    [{ answers: { usedAbroad: false } }, "answers.allHeirsPresent"],
    [{ materialsChecked: ["passport"] }, "materialsChecked[0]"],
    [{ providerId: "00000000-0000-4000-8000-000000000000" }, "providerId"],
    [{ service: "arbitration", matter: "commercial", answers: { hasArbitrationAgreement: true }, materialsChecked: [] }, "providerId"],
  ])("refuses %j naming %s", async (extra, field) => {
    const response = await otherCitizen.request("POST", "/api/portal/preregistrations", notarization(extra));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().field).toBe(field);
  });

  it("lets the applicant pick among several offered (commercial arbitration: the commission agreed)", async () => {
    const created = await preregister(
      notarization({ service: "arbitration", matter: "commercial", answers: { hasArbitrationAgreement: true, agreedCommission: "测试市第二仲裁委员会" }, materialsChecked: [], providerId: providers.cityArbitration2 }),
    );
    expect(created.provider.id).toBe(providers.cityArbitration2);
  });

  it("hides one citizen's pre-registration from another, and from staff of another county", async () => {
    const created = await preregister();
    expect((await otherCitizen.get(`/api/portal/preregistrations/${created.id}`)).statusCode).toBe(404);
    expect((await (await staff("otherWindow")).get(`/api/preregistrations/${created.id}`)).statusCode).toBe(404);
    expect((await (await staff("otherWindow")).get("/api/preregistrations")).json().items.map((p: { id: string }) => p.id)).not.toContain(created.id);
    expect((await (await staff("townWindow")).get(`/api/preregistrations/${created.id}`)).statusCode).toBe(200);
  });

  it("lets the applicant tick materials, but not an item off the checklist", async () => {
    const created = await preregister();
    const ticked = await ownerOf(created.id).request("PUT", `/api/portal/preregistrations/${created.id}/materials`, { checked: ["id_card", "kinship_proof"] });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().materials.filter((m: { isChecked: boolean }) => m.isChecked).map((m: { key: string }) => m.key)).toEqual(["id_card", "kinship_proof"]);
    const wrong = await ownerOf(created.id).request("PUT", `/api/portal/preregistrations/${created.id}/materials`, { checked: ["nope"] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().field).toBe("checked[0]");
  });
});

describe("at the window", () => {
  const windowBody = (extra: Record<string, unknown> = {}) => {
    const { applicantName: _ignored, ...rest } = notarization();
    return { ...rest, applicant: { name: "扎西", phone: "13912345678" }, ...extra };
  };

  it("window staff pre-register in their region (audited); another county's window and a lawyer may not", async () => {
    const created = await (await staff("window")).request("POST", "/api/preregistrations", windowBody());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().abilities).toEqual({ read: true, recordStatus: true, checkMaterials: true });
    const audit = await (await staff("admin")).get(`/api/audit?entity=${created.json().id}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain("preregistration.create");
    expect((await (await staff("otherWindow")).request("POST", "/api/preregistrations", windowBody())).statusCode).toBe(403);
    expect((await (await staff("lawyer")).request("POST", "/api/preregistrations", windowBody())).statusCode).toBe(403);
    expect((await (await staff("window")).request("POST", "/api/preregistrations", windowBody({ applicant: { name: "扎西", phone: "12" } }))).json().field).toBe("applicant.phone");
  });
});

describe("status updates in the workbench", () => {
  it("records each status once, moves the ticket along and resolves it when completed", async () => {
    const created = await preregister();
    const window = await staff("window");
    const post = (body: Record<string, unknown>) => window.request("POST", `/api/preregistrations/${created.id}/status`, body);

    const received = await post({ updateId: "w-1", status: "received" });
    expect(received.statusCode, received.body).toBe(201);
    expect((await window.get(`/api/tickets/${created.ticketId}`)).json().status).toBe("accepted");
    // The same update again: stored once.
    const replay = await post({ updateId: "w-1", status: "received" });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().history.map((h: { status: string }) => h.status)).toEqual(["submitted", "received"]);
    // The same id with a different update: refused.
    expect((await post({ updateId: "w-1", status: "accepted" })).json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", field: "updateId" });

    const missing = await post({ updateId: "w-2", status: "materials_needed" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe("materialsNeeded");
    const needed = await post({ updateId: "w-3", status: "materials_needed", materialsNeeded: ["全部继承人的亲属关系证明", "房产证原件"] });
    expect(needed.json()).toMatchObject({ status: "materials_needed", materialsNeeded: ["全部继承人的亲属关系证明", "房产证原件"] });
    expect((await post({ updateId: "w-4", status: "completed" })).json()).toMatchObject({ code: "INVALID_TRANSITION", field: "status" });

    await post({ updateId: "w-5", status: "accepted" });
    expect((await window.get(`/api/tickets/${created.ticketId}`)).json().status).toBe("assigned");
    const done = await post({ updateId: "w-6", status: "completed", note: "公证书已出具" });
    expect(done.json()).toMatchObject({ status: "completed", abilities: { recordStatus: false } });
    expect((await window.get(`/api/tickets/${created.ticketId}`)).json().status).toBe("resolved");

    const trail = (await window.get(`/api/tickets/${created.ticketId}/audit`)).json();
    const types = trail.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === "preregistration.status_changed")).toHaveLength(4);
    expect(types).toEqual(expect.arrayContaining(["action.accept", "action.assign", "action.resolve"]));

    const mine = (await ownerOf(created.id).get(`/api/portal/preregistrations/${created.id}`)).json();
    expect(mine.history.map((h: { status: string }) => h.status)).toEqual(["submitted", "received", "materials_needed", "accepted", "completed"]);
    expect(mine.history.every((h: { actorName: string }) => h.actorName === "")).toBe(true);
  });

  it("rejects the ticket when declined before it was taken on", async () => {
    const created = await preregister();
    const window = await staff("window");
    const declined = await window.request("POST", `/api/preregistrations/${created.id}/status`, { updateId: "d-1", status: "declined", reason: "不属于本公证处执业区域" });
    expect(declined.json()).toMatchObject({ status: "declined", declineReason: "不属于本公证处执业区域" });
    expect((await window.get(`/api/tickets/${created.ticketId}`)).json().status).toBe("rejected");
  });

  it.each([
    ["lawyer", 403],
    ["otherWindow", 404],
    ["dispatcher", 201],
    ["townWindow", 201],
  ])("%s recording a status → %i", async (who, status) => {
    const created = await preregister();
    const response = await (await staff(who)).request("POST", `/api/preregistrations/${created.id}/status`, { updateId: updateId(), status: "received" });
    expect(response.statusCode).toBe(status);
  });
});

describe("the providers' signed API", () => {
  let credentials: { apiKey: string; secret: string };
  let other: { apiKey: string; secret: string };

  beforeAll(async () => {
    const admin = await staff("admin");
    const issued = await admin.request("POST", "/api/preregistration/provider-clients", { providerId: providers.countyNotary });
    expect(issued.statusCode, issued.body).toBe(201);
    credentials = issued.json();
    other = (await admin.request("POST", "/api/preregistration/provider-clients", { providerId: providers.cityNotary })).json();
  });

  const send = (id: string, body: unknown, options: { key?: { apiKey: string; secret: string }; at?: Date; headers?: Record<string, string>; raw?: string } = {}) => {
    const text = JSON.stringify(body);
    const key = options.key ?? credentials;
    const signed = signedHeaders(key.apiKey, key.secret, text, options.at ?? clock.now());
    return app.inject({ method: "POST", url: `/api/provider-api/preregistrations/${id}/status`, payload: options.raw ?? text, headers: { "content-type": "application/json", ...signed, ...options.headers } });
  };

  it("issues credentials only to an admin of the provider's region", async () => {
    expect((await (await staff("otherAdmin")).request("POST", "/api/preregistration/provider-clients", { providerId: providers.countyNotary })).json().field).toBe("providerId");
    expect((await (await staff("window")).request("POST", "/api/preregistration/provider-clients", { providerId: providers.countyNotary })).statusCode).toBe(400);
  });

  it("takes a signed update for a pre-registration routed to the provider; a retry with the same updateId is stored once", async () => {
    const created = await preregister();
    const first = await send(created.id, { updateId: "notary-77-1", status: "accepted", note: "已受理，请于周五带原件到场" });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ id: created.id, number: created.number, status: "accepted" });
    const retry = await send(created.id, { updateId: "notary-77-1", status: "accepted", note: "已受理，请于周五带原件到场" }, { at: new Date(clock.now().getTime() + 1000) });
    expect(retry.statusCode).toBe(200);
    const view = (await ownerOf(created.id).get(`/api/portal/preregistrations/${created.id}`)).json();
    expect(view.history.map((h: { status: string; source: string }) => `${h.status}:${h.source}`)).toEqual(["submitted:applicant", "accepted:provider"]);
    expect(view.history[1].actorName).toBe("测试县公证处");
    const audit = await (await staff("admin")).get(`/api/audit?entity=${created.id}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain("preregistration.record_status");
  });

  it("refuses a replayed request, a stale timestamp, a wrong signature, a tampered body and an unknown key (401)", async () => {
    const created = await preregister();
    const body = { updateId: "r-1", status: "received" };
    const text = JSON.stringify(body);
    const headers = signedHeaders(credentials.apiKey, credentials.secret, text, clock.now());
    const once = () => app.inject({ method: "POST", url: `/api/provider-api/preregistrations/${created.id}/status`, payload: text, headers: { "content-type": "application/json", ...headers } });
    expect((await once()).statusCode).toBe(201);
    const replayed = await once();
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().message).toMatch(/replay/);

    const stale = await send(created.id, { updateId: "r-2", status: "accepted" }, { at: new Date(clock.now().getTime() - 301_000) });
    expect(stale.json()).toMatchObject({ code: "SIGNATURE_INVALID", field: "x-santai-timestamp" });
    expect((await send(created.id, { updateId: "r-3", status: "accepted" }, { key: { apiKey: credentials.apiKey, secret: "wrong" } })).statusCode).toBe(401);
    expect((await send(created.id, { updateId: "r-4", status: "accepted" }, { raw: JSON.stringify({ updateId: "r-4", status: "completed" }) })).statusCode).toBe(401);
    expect((await send(created.id, { updateId: "r-5", status: "accepted" }, { key: { apiKey: "pv_unknown", secret: "x" } })).statusCode).toBe(401);
    expect((await send(created.id, { updateId: "r-6", status: "accepted" }, { headers: { "x-santai-signature": "" } })).json().field).toBe("x-santai-signature");
    // None of these changed anything.
    expect((await ownerOf(created.id).get(`/api/portal/preregistrations/${created.id}`)).json().status).toBe("received");
  });

  it("lists the pre-registrations routed to the provider, signed over an empty body; a replay is refused", async () => {
    const created = await preregister();
    const headers = signedHeaders(credentials.apiKey, credentials.secret, "", clock.now());
    const list = () => app.inject({ method: "GET", url: "/api/provider-api/preregistrations?status=submitted", headers });
    const first = await list();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items.map((p: { id: string }) => p.id)).toContain(created.id);
    expect(Object.keys(first.json().items[0]).sort()).toEqual(["answers", "createdAt", "id", "materials", "materialsNeeded", "matter", "nextStatuses", "number", "service", "status"]);
    expect((await list()).statusCode).toBe(401);
    const others = await app.inject({ method: "GET", url: "/api/provider-api/preregistrations", headers: signedHeaders(other.apiKey, other.secret, "", new Date(clock.now().getTime() + 1000)) });
    expect(others.json().items.map((p: { id: string }) => p.id)).not.toContain(created.id);
    expect((await app.inject({ method: "GET", url: "/api/provider-api/preregistrations" })).statusCode).toBe(401);
  });

  it("answers 404 for a pre-registration routed to another provider, and 400 naming a bad field", async () => {
    const created = await preregister();
    expect((await send(created.id, { updateId: "o-1", status: "received" }, { key: other })).statusCode).toBe(404);
    const bad = await send(created.id, { updateId: "o-2", status: "finished" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("status");
    const declined = await send(created.id, { updateId: "o-3", status: "declined" });
    expect(declined.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
  });
});

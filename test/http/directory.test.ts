/**
 * The public directory (issue 8): what the public may read of a staff member is
 * exactly what they switched on, nothing of their account; staff edit only their
 * own profile; admins hide profiles and manage providers only in their subtree;
 * anonymous callers and citizens never reach the staff routes; every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import type { StaffActor } from "../../src/server/policies/actor.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { signInCitizen, type CitizenSession } from "../helpers/citizens.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
let venueId: string;
const actors: Record<string, StaffActor> = {};
const sessions: Record<string, Session> = {};

/** Markers that must never reach a public response: the account's own data and the details left private. */
const SECRET = { username: "lawyersecretname", officePhone: "0871-7654321", email: "private.mail@example.org" };

const profile = (overrides: Record<string, unknown> = {}) => ({
  isListed: true,
  displayName: "张明律师",
  role: "lawyer",
  officePhone: SECRET.officePhone,
  isOfficePhonePublic: false,
  email: SECRET.email,
  isEmailPublic: false,
  venueId: null,
  isVenuePublic: false,
  specialities: ["labour", "contract"],
  languages: ["zh", "bo"],
  introduction: "擅长劳动争议。",
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  venueId = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0], { name: "测试中心", address: "中山路 1 号", phone: "0871-1111111", windows: [{ name: "调解窗口", services: ["mediation", "consultation"] }] }));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string, username?: string) => {
    actors[key] = await database.db.transaction((tx) => makeStaff(tx, roles, region, username));
    sessions[key] = await signIn(app, actors[key].username);
  };
  await make("lawyer", ["lawyer"], tree.counties[0], SECRET.username);
  await make("mediator", ["mediator"], tree.townships[0][0]);
  await make("unlisted", ["advisor"], tree.townships[0][1]);
  await make("window", ["window"], tree.counties[0]);
  await make("countyAdmin", ["admin"], tree.counties[0]);
  await make("siblingAdmin", ["admin"], tree.counties[1]);
  await make("cityAdmin", ["admin"], tree.city);
  await make("townshipAdmin", ["admin"], tree.townships[0][0]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const anonymous = (url: string) => app.inject({ method: "GET", url });
const auditOf = async (action: string) =>
  (await database.pool.query<{ actor_id: string; entity_id: string; detail: Record<string, unknown>; region_path: string }>("select actor_id, entity_id, detail, region_path from audit_log where action = $1 order by seq", [action])).rows;

describe("my public profile", () => {
  it("a staff member saves their own profile; only what they switched on is public", async () => {
    const saved = await sessions.lawyer.request("PUT", "/api/directory/my-profile", profile());
    expect(saved.statusCode).toBe(200);
    const body = saved.json();
    expect(body.profile).toMatchObject({ displayName: "张明律师", officePhone: SECRET.officePhone, isOfficePhonePublic: false });
    // The preview is the public presenter's answer: the private phone and e-mail are absent from it.
    expect(body.publicView).toMatchObject({ displayName: "张明律师", role: "lawyer", specialities: ["labour", "contract"] });
    expect(body.publicView).not.toHaveProperty("officePhone");
    expect(body.publicView).not.toHaveProperty("email");
    await sessions.mediator.request("PUT", "/api/directory/my-profile", profile({ displayName: "李调解", role: "mediator", officePhone: "", email: "", specialities: ["neighbour"], languages: ["zh"] }));
    const unlisted = await sessions.unlisted.request("PUT", "/api/directory/my-profile", profile({ isListed: false, displayName: "王顾问未公开", role: "advisor", isOfficePhonePublic: true }));
    expect(unlisted.statusCode).toBe(200);
    expect(unlisted.json().publicView).toBeNull();
  });

  it("no public response carries an unlisted profile, a private detail, or anything of the account", async () => {
    const { json } = await anonymous("/api/directory/people?limit=100");
    const people = json();
    const ids = people.items.map((p: { displayName: string }) => p.displayName);
    expect(ids).toContain("张明律师");
    expect(ids).not.toContain("王顾问未公开");
    const lawyer = people.items.find((p: { displayName: string }) => p.displayName === "张明律师");
    const everything = [
      JSON.stringify(people),
      (await anonymous(`/api/directory/people/${lawyer.id}`)).body,
      (await anonymous(`/api/directory/people/${lawyer.id}/card`)).body,
      (await anonymous(`/api/directory/people?q=${encodeURIComponent("王顾问")}`)).body,
      (await anonymous(`/api/directory/people?role=advisor`)).body,
      (await anonymous(`/api/directory/venues?regionCode=${tree.city}`)).body,
      (await anonymous(`/api/directory/venues/${venueId}`)).body,
    ].join("\n");
    for (const secret of [SECRET.username, SECRET.officePhone, SECRET.email, "王顾问未公开", actors.lawyer.id, actors.unlisted.id]) expect(everything).not.toContain(secret);
    // The unlisted person's page is a 404 by their public id, like one that never existed.
    const unlistedId = (await sessions.unlisted.get("/api/directory/my-profile")).json().profile.id;
    expect((await anonymous(`/api/directory/people/${unlistedId}`)).statusCode).toBe(404);
    expect((await anonymous(`/api/directory/people/${unlistedId}/card?format=svg`)).statusCode).toBe(404);
  });

  it("making a detail public shows it, in the list, the page, the vCard and its QR code", async () => {
    const saved = await sessions.lawyer.request("PUT", "/api/directory/my-profile", profile({ isOfficePhonePublic: true, venueId, isVenuePublic: true }));
    expect(saved.statusCode).toBe(200);
    const id = saved.json().profile.id;
    const person = (await anonymous(`/api/directory/people/${id}`)).json();
    expect(person).toMatchObject({ officePhone: SECRET.officePhone, venue: { id: venueId, name: "测试中心", address: "中山路 1 号" } });
    expect(person).not.toHaveProperty("email");
    const card = await anonymous(`/api/directory/people/${id}/card`);
    expect(card.headers["content-type"]).toMatch(/^text\/vcard/);
    expect(card.body).toContain(`TEL;TYPE=WORK,VOICE:${SECRET.officePhone}`);
    expect(card.body).toContain("FN;CHARSET=UTF-8:张明律师");
    expect(card.body).not.toContain(SECRET.email);
    const qr = await anonymous(`/api/directory/people/${id}/card?format=svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it("filters by role, region, speciality, language and name, with a total for paging", async () => {
    const names = async (query: string) => (await anonymous(`/api/directory/people?${query}`)).json().items.map((p: { displayName: string }) => p.displayName);
    expect(await names(`regionCode=${tree.city}`)).toEqual(["张明律师", "李调解"]);
    expect(await names(`regionCode=${tree.townships[0][0]}`)).toEqual(["李调解"]);
    expect(await names(`regionCode=${tree.counties[1]}`)).toEqual([]);
    expect(await names("role=mediator")).toContain("李调解");
    expect(await names("role=mediator")).not.toContain("张明律师");
    expect(await names("speciality=labour")).toContain("张明律师");
    expect(await names("speciality=labour")).not.toContain("李调解");
    expect(await names("language=bo")).toContain("张明律师");
    expect(await names("language=bo")).not.toContain("李调解");
    expect(await names(`q=${encodeURIComponent("李")}`)).toEqual(["李调解"]);
    const page = (await anonymous(`/api/directory/people?regionCode=${tree.city}&limit=1&offset=1`)).json();
    expect(page).toMatchObject({ total: 2, items: [{ displayName: "李调解" }] });
  });

  it("a disabled account, or one that lost the role it appears under, leaves the directory", async () => {
    const id = (await sessions.mediator.get("/api/directory/my-profile")).json().profile.id;
    const listed = async () => (await anonymous(`/api/directory/people?regionCode=${tree.city}&limit=100`)).json().items.map((p: { id: string }) => p.id);
    expect(await listed()).toContain(id);
    const change = async (body: Record<string, unknown>) => expect((await sessions.cityAdmin.request("PATCH", `/api/accounts/${actors.mediator.id}`, body)).statusCode).toBe(200);
    await change({ roles: ["window"] });
    expect(await listed()).not.toContain(id);
    expect((await anonymous(`/api/directory/people/${id}`)).statusCode).toBe(404);
    await change({ roles: ["mediator"], isDisabled: true });
    expect(await listed()).not.toContain(id);
    expect((await anonymous(`/api/directory/people/${id}`)).statusCode).toBe(404);
    await change({ isDisabled: false });
    expect(await listed()).toContain(id);
    sessions.mediator = await signIn(app, actors.mediator.username);
  });

  it("the role must be one the account holds, and the venue one of its scope", async () => {
    const wrongRole = await sessions.lawyer.request("PUT", "/api/directory/my-profile", profile({ role: "mediator" }));
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "role" });
    const farVenue = await database.db.transaction((tx) => makeVenue(tx, tree.counties[1]));
    const outside = await sessions.lawyer.request("PUT", "/api/directory/my-profile", profile({ venueId: farVenue }));
    expect(outside.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "venueId" });
    // A window clerk holds no public role: they may keep no profile.
    expect((await sessions.window.request("PUT", "/api/directory/my-profile", profile())).json()).toMatchObject({ field: "role" });
  });

  it("strange input gets a 4xx naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [profile({ officePhone: "12" }), "officePhone"],
      [profile({ email: "not-an-email" }), "email"],
      [profile({ specialities: ["astrology"] }), "specialities"],
      [profile({ languages: ["zh", "zh"] }), "languages"],
      [profile({ displayName: "   " }), "displayName"],
      [profile({ introduction: "长".repeat(501) }), "introduction"],
      [{ ...profile(), accountId: actors.mediator.id }, "accountId"],
    ];
    for (const [body, field] of cases) {
      const response = await sessions.lawyer.request("PUT", "/api/directory/my-profile", body);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().field, JSON.stringify(response.json())).toContain(field);
    }
    for (const url of ["/api/directory/people?role=judge", "/api/directory/people?limit=0", "/api/directory/people?offset=-1", "/api/directory/providers?kind=bank", "/api/directory/venues?regionCode=12", "/api/directory/people/not-a-uuid", "/api/directory/people/00000000-0000-4000-8000-000000000000/card?format=gif"]) {
      const response = await anonymous(url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });

  it("each save is audited with the fields changed, never their values", async () => {
    const entries = await auditOf("directory.profile_save");
    const own = entries.filter((e) => e.actor_id === actors.lawyer.id);
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.at(-1)!.detail).toMatchObject({ changed: expect.arrayContaining(["isOfficePhonePublic", "venueId", "isVenuePublic"]), isPublic: { officePhone: true, email: false, venue: true } });
    expect(JSON.stringify(entries)).not.toContain(SECRET.officePhone);
    expect(JSON.stringify(entries)).not.toContain(SECRET.email);
  });
});

describe("admins hide profiles in their subtree only", () => {
  const lawyerProfileId = async () => (await sessions.lawyer.get("/api/directory/my-profile")).json().profile.id as string;

  it("another staff member cannot change a profile, nor hide it; an admin elsewhere gets a 404", async () => {
    const id = await lawyerProfileId();
    expect((await sessions.mediator.request("PATCH", `/api/directory/staff-profiles/${id}`, { isHidden: true, reason: "x" })).statusCode).toBe(404);
    expect((await sessions.window.request("PATCH", `/api/directory/staff-profiles/${id}`, { isHidden: true, reason: "x" })).statusCode).toBe(404);
    expect((await sessions.siblingAdmin.request("PATCH", `/api/directory/staff-profiles/${id}`, { isHidden: true, reason: "x" })).statusCode).toBe(404);
    // Below the lawyer's county: the township admin's scope does not cover a county account.
    expect((await sessions.townshipAdmin.request("PATCH", `/api/directory/staff-profiles/${id}`, { isHidden: true, reason: "x" })).statusCode).toBe(404);
    // The admin's list shows only the profiles of their scope.
    const sibling = (await sessions.siblingAdmin.get("/api/directory/staff-profiles")).json();
    expect(sibling.total).toBe(0);
    const city = (await sessions.cityAdmin.get("/api/directory/staff-profiles?limit=100")).json();
    expect(city.items.map((p: { displayName: string }) => p.displayName).sort()).toEqual(["张明律师", "李调解", "王顾问未公开"].sort());
    // The owner is still in the directory.
    expect((await anonymous(`/api/directory/people/${id}`)).statusCode).toBe(200);
  });

  it("the county admin hides it with a reason; the public no longer sees it; unhiding brings it back", async () => {
    const id = await lawyerProfileId();
    const noReason = await sessions.countyAdmin.request("PATCH", `/api/directory/staff-profiles/${id}`, { isHidden: true });
    expect(noReason.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const hidden = await sessions.countyAdmin.request("PATCH", `/api/directory/staff-profiles/${id}`, { isHidden: true, reason: "执业证待核实" });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toMatchObject({ isHidden: true, hiddenReason: "执业证待核实", isListed: true });
    expect((await anonymous(`/api/directory/people/${id}`)).statusCode).toBe(404);
    expect((await anonymous("/api/directory/people?limit=100")).body).not.toContain("张明律师");
    // The owner sees why, and saving their profile does not undo the admin's decision.
    const mine = (await sessions.lawyer.request("PUT", "/api/directory/my-profile", profile({ introduction: "新简介" }))).json();
    expect(mine.profile).toMatchObject({ isHidden: true, hiddenReason: "执业证待核实" });
    expect(mine.publicView).toBeNull();
    const shown = await sessions.cityAdmin.request("PATCH", `/api/directory/staff-profiles/${id}`, { isHidden: false });
    expect(shown.json()).toMatchObject({ isHidden: false, hiddenReason: "" });
    expect((await anonymous(`/api/directory/people/${id}`)).statusCode).toBe(200);
    const hides = await auditOf("directory.profile_hide");
    expect(hides).toEqual([expect.objectContaining({ actor_id: actors.countyAdmin.id, entity_id: id, detail: { reason: "执业证待核实" } })]);
    expect((await auditOf("directory.profile_unhide")).map((e) => e.actor_id)).toEqual([actors.cityAdmin.id]);
  });
});

describe("legal service providers", () => {
  const firm = { kind: "law_firm", name: "青川明德律师事务所", regionCode: "", address: "河滨路 8 号", phone: "0871-2222222", openingHours: "周一至周五 9:00-17:30", services: ["consultation", "lawyer_referral"], licenceNumber: "15301202010000001", description: "劳动、婚姻家庭。" };

  it("an admin adds them in their subtree only; others may not", async () => {
    const body = { ...firm, regionCode: tree.counties[0] };
    expect((await sessions.lawyer.request("POST", "/api/directory/managed-providers", body)).statusCode).toBe(403);
    expect((await sessions.siblingAdmin.request("POST", "/api/directory/managed-providers", body)).statusCode).toBe(403);
    expect((await sessions.townshipAdmin.request("POST", "/api/directory/managed-providers", body)).statusCode).toBe(403);
    const created = await sessions.countyAdmin.request("POST", "/api/directory/managed-providers", body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: firm.name, isListed: true, region: { code: tree.counties[0] }, abilities: { update: true } });
    const id = created.json().id;
    expect((await sessions.siblingAdmin.request("PATCH", `/api/directory/managed-providers/${id}`, { name: "改名" })).statusCode).toBe(404);
    expect((await sessions.lawyer.request("PATCH", `/api/directory/managed-providers/${id}`, { name: "改名" })).statusCode).toBe(403);
    // Moving it out of the admin's subtree is refused.
    expect((await sessions.countyAdmin.request("PATCH", `/api/directory/managed-providers/${id}`, { regionCode: tree.counties[1] })).statusCode).toBe(403);
    expect((await sessions.siblingAdmin.get("/api/directory/managed-providers")).json()).toMatchObject({ total: 0, canCreate: true });
    expect((await sessions.lawyer.get("/api/directory/managed-providers")).json()).toMatchObject({ total: 1, canCreate: false });
    expect((await auditOf("directory.provider_create")).map((e) => [e.actor_id, e.entity_id])).toEqual([[actors.countyAdmin.id, id]]);
  });

  it("the public sees listed providers by kind and region, with a card; an unlisted one disappears", async () => {
    const list = (await anonymous(`/api/directory/providers?kind=law_firm&regionCode=${tree.city}`)).json();
    expect(list.total).toBe(1);
    const provider = list.items[0];
    expect(provider).toMatchObject({ name: firm.name, kind: "law_firm", licenceNumber: firm.licenceNumber });
    expect(provider).not.toHaveProperty("isListed");
    expect(provider.mapUrl).toMatch(/^https:\/\/uri\.amap\.com\/search\?keyword=/);
    expect((await anonymous(`/api/directory/providers?kind=notary_office`)).json().total).toBe(0);
    const card = await anonymous(`/api/directory/providers/${provider.id}/card`);
    expect(card.body).toContain("TITLE;CHARSET=UTF-8:律师事务所");
    const updated = await sessions.cityAdmin.request("PATCH", `/api/directory/managed-providers/${provider.id}`, { isListed: false });
    expect(updated.json()).toMatchObject({ isListed: false });
    expect((await anonymous(`/api/directory/providers/${provider.id}`)).statusCode).toBe(404);
    expect((await anonymous(`/api/directory/providers?regionCode=${tree.city}`)).json().total).toBe(0);
    expect((await auditOf("directory.provider_update")).at(-1)).toMatchObject({ actor_id: actors.cityAdmin.id, detail: { changed: ["isListed"], isListed: false } });
  });

  it("validation names the field", async () => {
    const bad: [Record<string, unknown>, string, number][] = [
      [{ ...firm, regionCode: tree.counties[0], kind: "bank" }, "kind", 400],
      [{ ...firm, regionCode: tree.counties[0], phone: "abc" }, "phone", 400],
      [{ ...firm, regionCode: "990999" }, "regionCode", 422],
      [{ ...firm, regionCode: tree.counties[0], name: "" }, "name", 400],
      [{ ...firm, regionCode: tree.counties[0], services: ["teleportation"] }, "services", 400],
    ];
    for (const [body, field, status] of bad) {
      const response = await sessions.cityAdmin.request("POST", "/api/directory/managed-providers", body);
      expect(response.statusCode, field).toBe(status);
      expect(response.json().field, field).toContain(field);
    }
  });
});

describe("venues for the public", () => {
  it("shows windows, services, hours, phone and a map link, and no staff names", async () => {
    const venue = (await anonymous(`/api/directory/venues/${venueId}`)).json();
    expect(venue).toMatchObject({ name: "测试中心", phone: "0871-1111111", windows: [{ name: "调解窗口", services: ["mediation", "consultation"] }], services: ["consultation", "mediation"] });
    expect(venue.mapUrl).toContain("uri.amap.com");
    expect(venue).not.toHaveProperty("posts");
    expect(venue).not.toHaveProperty("floorArea");
    const list = (await anonymous(`/api/directory/venues?regionCode=${tree.counties[0]}`)).json();
    expect(list.items.map((v: { id: string }) => v.id)).toContain(venueId);
    expect((await anonymous(`/api/directory/venues?regionCode=${tree.counties[1]}`)).json().items.map((v: { id: string }) => v.id)).not.toContain(venueId);
  });
});

describe("staff routes are staff only", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/api/directory/my-profile"],
    ["PUT", "/api/directory/my-profile", profile()],
    ["GET", "/api/directory/staff-profiles"],
    ["PATCH", "/api/directory/staff-profiles/00000000-0000-4000-8000-000000000001", { isHidden: true, reason: "x" }],
    ["GET", "/api/directory/managed-providers"],
    ["GET", "/api/directory/managed-providers/00000000-0000-4000-8000-000000000001"],
    ["POST", "/api/directory/managed-providers", { kind: "law_firm", name: "x", regionCode: "980100" }],
    ["PATCH", "/api/directory/managed-providers/00000000-0000-4000-8000-000000000001", { name: "x" }],
  ];
  let citizen: CitizenSession;
  beforeAll(async () => {
    citizen = await signInCitizen(app);
    // The session is a real one: the citizen's own route answers.
    expect((await citizen.get("/api/portal/me")).statusCode).toBe(200);
  });

  it.each(routes)("%s %s answers 401 to anonymous callers and to a signed-in citizen", async (method, url, body) => {
    const anonymousResponse = await app.inject({ method: method as "GET", url, ...(body ? { payload: body as object } : {}) });
    const citizenResponse = await citizen.request(method, url, body);
    for (const response of [anonymousResponse, citizenResponse]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });
});

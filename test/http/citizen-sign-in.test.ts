/**
 * Portal sign-in by phone and one-time code, as a citizen and a stranger see it:
 * the code never in an answer, its limits (5 minutes, 5 wrong tries, one use, a
 * newer code replaces it), sending limits per phone and per address (429 with
 * Retry-After), the session a sign-in opens, the wall between citizen and staff
 * routes, and the profile's checks. Windows end by moving the app's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { auditLog } from "../../src/server/modules/audit/audit.tables.ts";
import { idCheckChar } from "../../src/server/platform/personal/identity.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { readOneTimeCode, requestOneTimeCode, signInCitizen, testAddress, testPhone } from "../helpers/citizens.ts";

const MINUTE = 60_000;
let database: Database;
let tree: TestTree;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let adminUsername: string;
/** A fresh staff session: the tests move the clock past the idle limit of older ones. */
const admin = (): Promise<Session> => signIn(app, adminUsername);

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  ({ app, clock } = await createTestApp(database, new Date("2030-05-06T08:00:00+08:00")));
  const account = await database.db.transaction((tx) => makeStaff(tx, ["admin", "dispatcher", "window"], tree.city));
  adminUsername = account.username;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const askCode = (phone: string, remoteAddress = testAddress(), purpose?: string) =>
  app.inject({ method: "POST", url: "/api/portal/auth/codes", payload: purpose ? { phone, purpose } : { phone }, remoteAddress });
const signInWith = (phone: string, code: string, remoteAddress = testAddress()) =>
  app.inject({ method: "POST", url: "/api/portal/auth/sign-in", payload: { phone, code }, remoteAddress });
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
const validId = (first17: string) => `${first17}${idCheckChar(first17)}`;

describe("sending a code", () => {
  it("answers 202 with the phone masked and never the code, the same for a known phone and an unknown one", async () => {
    const known = await signInCitizen(app);
    clock.advance(MINUTE + 1000);
    const unknown = testPhone();
    const answers = [await askCode(known.phone), await askCode(unknown)];
    for (const [i, phone] of [known.phone, unknown].entries()) {
      const code = await readOneTimeCode(app, phone);
      expect(code).toMatch(/^\d{6}$/);
      expect(answers[i].statusCode).toBe(202);
      expect(answers[i].body).not.toContain(code!);
      expect(JSON.stringify(answers[i].headers)).not.toContain(code!);
      expect(answers[i].json()).toEqual({ sentTo: `${phone.slice(0, 3)}****${phone.slice(-4)}`, expiresAt: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(), resendAfterSeconds: 60 });
    }
    expect(Object.keys(answers[0].headers).sort()).toEqual(Object.keys(answers[1].headers).sort());
  });

  it("allows one code per phone per minute and five per hour, each refusal a 429 with Retry-After", async () => {
    const phone = testPhone();
    expect((await askCode(phone)).statusCode).toBe(202);
    const again = await askCode(phone);
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(Number(again.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(again.headers["retry-after"])).toBeLessThanOrEqual(60);
    for (let sent = 2; sent <= 5; sent++) {
      clock.advance(MINUTE + 1000);
      expect((await askCode(phone)).statusCode, `code ${sent}`).toBe(202);
    }
    clock.advance(MINUTE + 1000);
    const sixth = await askCode(phone);
    expect(sixth.statusCode).toBe(429);
    // The hour counts from the first code: about 55 minutes remain.
    expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(50 * 60);
    clock.advance(60 * MINUTE);
    expect((await askCode(phone)).statusCode).toBe(202);
  });

  it("allows 20 codes an hour from one address, whatever the phones", async () => {
    const address = testAddress();
    for (let i = 0; i < 20; i++) expect((await askCode(testPhone(), address)).statusCode, `code ${i + 1}`).toBe(202);
    const refused = await askCode(testPhone(), address);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await askCode(testPhone(), testAddress())).statusCode).toBe(202);
  });

  it("refuses what is not a mobile number or a purpose with a 400 naming the field", async () => {
    for (const payload of [{ phone: "010-12345678" }, { phone: "1381234567" }, { phone: 13812345678 }, { phone: "13812345678", purpose: "admin" }, { phone: "13812345678", extra: 1 }, {}]) {
      const response = await app.inject({ method: "POST", url: "/api/portal/auth/codes", payload, remoteAddress: testAddress() });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe("signing in with a code", () => {
  it("opens a citizen session; the same phone later signs in as the same citizen", async () => {
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    const response = await signInWith(phone, code);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ isNew: true, citizen: { kind: "citizen", phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, name: null, region: null } });
    const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
    expect(cookies.santai_session).toBeTruthy();
    const me = await app.inject({ method: "GET", url: "/api/portal/me", cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(response.json().citizen.id);

    clock.advance(MINUTE + 1000);
    const again = await signInWith(phone, await requestOneTimeCode(app, phone));
    expect(again.json()).toMatchObject({ isNew: false, citizen: { id: response.json().citizen.id } });
  });

  it("a code works once", async () => {
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    expect((await signInWith(phone, code)).statusCode).toBe(200);
    const reused = await signInWith(phone, code);
    expect(reused.statusCode).toBe(410);
    expect(reused.json()).toMatchObject({ code: "CODE_USED", field: "code" });
  });

  it("a code expires after 5 minutes", async () => {
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    clock.advance(5 * MINUTE);
    const late = await signInWith(phone, code);
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ code: "CODE_EXPIRED" });
  });

  it("a code is valid up to its last second", async () => {
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    clock.advance(5 * MINUTE - 1000);
    expect((await signInWith(phone, code)).statusCode).toBe(200);
  });

  it("five wrong tries kill a code, even for the right one after", async () => {
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    for (let left = 4; left >= 0; left--) {
      const wrong = await signInWith(phone, otherThan(code));
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ code: "CODE_INVALID", field: "code", attemptsLeft: left });
    }
    const dead = await signInWith(phone, code);
    expect(dead.statusCode).toBe(410);
    expect(dead.json()).toMatchObject({ code: "CODE_ATTEMPTS_EXHAUSTED" });
  });

  it("a new code replaces the older one", async () => {
    const phone = testPhone();
    const first = await requestOneTimeCode(app, phone);
    clock.advance(MINUTE + 1000);
    const second = await requestOneTimeCode(app, phone);
    if (first !== second) expect((await signInWith(phone, first)).json()).toMatchObject({ code: "CODE_INVALID" });
    expect((await signInWith(phone, second)).statusCode).toBe(200);
  });

  it("a phone no code was sent to, and a tracking code, do not sign in", async () => {
    const phone = testPhone();
    expect((await signInWith(phone, "123456")).json()).toMatchObject({ code: "CODE_EXPIRED" });
    expect((await askCode(phone, testAddress(), "tracking")).statusCode).toBe(202);
    const trackingCode = await readOneTimeCode(app, phone, "tracking");
    expect((await signInWith(phone, trackingCode!)).statusCode).toBe(410);
  });

  it("puts successes and failures on the audit log with the phone masked, never in clear", async () => {
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    await signInWith(phone, otherThan(code));
    const ok = await signInWith(phone, code);
    const citizenId = ok.json().citizen.id;
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.actorUsername, masked)).orderBy(asc(auditLog.id));
    expect(rows.map((r) => [r.action, r.entityId, r.detail.reason ?? null])).toEqual([
      // Before the first sign-in there is no citizen yet to name.
      ["citizen.sign_in_failed", null, "CODE_INVALID"],
      ["citizen.sign_in", citizenId, null],
    ]);
    const all = await database.db.select().from(auditLog).where(inArray(auditLog.action, ["citizen.sign_in", "citizen.sign_in_failed"]));
    expect(JSON.stringify(all)).not.toContain(phone);
  });

  it("30 failed sign-ins from one address in 15 minutes pause that address", async () => {
    const address = testAddress();
    for (let i = 0; i < 30; i++) expect((await signInWith(testPhone(), "000000", address)).statusCode).toBe(410);
    const refused = await signInWith(testPhone(), "000000", address);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("survives strange input with a 4xx", async () => {
    const bodies = ["", "null", "[]", '{"phone":"13800000000","code":"12345a"}', '{"phone":"13800000000","code":"1234567"}', '{"phone":"13800000000","code":123456}', '{"phone":"13800000000\\u0000","code":"123456"}', '{"phone":["13800000000"],"code":"123456"}'];
    for (const url of ["/api/portal/auth/sign-in", "/api/portal/auth/codes"]) {
      for (const payload of bodies) {
        const response = await app.inject({ method: "POST", url, payload, headers: { "content-type": "application/json" }, remoteAddress: testAddress() });
        expect(response.statusCode, `${url} ${payload}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${url} ${payload}`).toBeLessThan(500);
      }
    }
  });
});

describe("the wall between citizens and staff", () => {
  it("a citizen's session reaches no staff route", async () => {
    const citizen = await signInCitizen(app);
    for (const url of ["/api/tickets", "/api/auth/me", "/api/notifications", "/api/accounts", "/api/regions", "/api/workbench/summary"]) {
      const response = await citizen.get(url);
      expect(response.statusCode, url).toBe(401);
    }
    const create = await citizen.request("POST", "/api/tickets", { serviceType: "consultation" });
    expect(create.statusCode).toBe(401);
  });

  it("a staff session reaches no citizen route, and staff sign-in is unchanged", async () => {
    const staff = await admin();
    expect((await staff.get("/api/portal/me")).statusCode).toBe(401);
    expect((await staff.request("PATCH", "/api/portal/me", { name: "x" })).statusCode).toBe(401);
    expect((await staff.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("anonymous requests to the profile are 401", async () => {
    expect((await app.inject({ method: "GET", url: "/api/portal/me" })).statusCode).toBe(401);
  });

  it("sign-out ends the session", async () => {
    const citizen = await signInCitizen(app);
    expect((await citizen.request("POST", "/api/portal/auth/sign-out")).statusCode).toBe(204);
    expect((await citizen.get("/api/portal/me")).statusCode).toBe(401);
  });
});

describe("the profile", () => {
  it("saves name, ID number, region and language, showing the numbers masked", async () => {
    const citizen = await signInCitizen(app);
    const idNumber = validId("98010219800101123");
    const saved = await citizen.request("PATCH", "/api/portal/me", { name: " 卓玛 ", idNumber, regionCode: tree.villages[0][0][0], preferredLanguage: "bo" });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ name: "卓玛", idNumber: `980102********${idNumber.slice(-4)}`, region: { code: tree.villages[0][0][0], level: "village" }, preferredLanguage: "bo" });
    expect(saved.body).not.toContain(idNumber);
    const cleared = await citizen.request("PATCH", "/api/portal/me", { idNumber: null, preferredLanguage: null });
    expect(cleared.json()).toMatchObject({ name: "卓玛", idNumber: null, preferredLanguage: null, region: { code: tree.villages[0][0][0] } });
  });

  it("refuses an ID number failing GB 11643, naming the field", async () => {
    const citizen = await signInCitizen(app);
    const good = validId("98010219800101123");
    const badCheck = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    for (const idNumber of [badCheck, "98010219801301123X", "123", "98010230000101123" + idCheckChar("98010230000101123")]) {
      const response = await citizen.request("PATCH", "/api/portal/me", { idNumber });
      expect(response.statusCode, idNumber).toBe(400);
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "idNumber" });
    }
  });

  it("refuses an unknown region, naming the field", async () => {
    const citizen = await signInCitizen(app);
    const response = await citizen.request("PATCH", "/api/portal/me", { regionCode: "970000" });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: "UNKNOWN_REGION", field: "regionCode" });
  });

  it("refuses a change without the CSRF header, and strange fields", async () => {
    const citizen = await signInCitizen(app);
    const noCsrf = await app.inject({ method: "PATCH", url: "/api/portal/me", cookies: citizen.cookies, payload: { name: "x" } });
    expect(noCsrf.statusCode).toBe(403);
    for (const body of [{ name: "   " }, { preferredLanguage: "fr" }, { phone: "13800000000" }, { regionCode: 990100 }]) {
      const response = await citizen.request("PATCH", "/api/portal/me", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("the portal's region picker", () => {
  it("lists the regions below one to anyone, and the top ones without a parent", async () => {
    const children = await app.inject({ method: "GET", url: `/api/portal/regions?parentCode=${tree.city}` });
    expect(children.statusCode).toBe(200);
    expect(children.json().items.map((r: { code: string }) => r.code)).toEqual(tree.counties);
    expect(children.json().items[0]).toMatchObject({ level: "county", hasChildren: true });
    const roots = (await app.inject({ method: "GET", url: "/api/portal/regions" })).json().items;
    expect(roots.map((r: { code: string }) => r.code)).toContain(tree.province);
    expect((await app.inject({ method: "GET", url: "/api/portal/regions?parentCode=abc" })).statusCode).toBe(400);
  });
});

describe("the development channel", () => {
  it("shows an admin the valid code in the outbox text, and hides it once expired", async () => {
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    const find = async () => (await (await admin()).get("/api/notifications?limit=200")).json().items.find((n: { template: string; recipient: string }) => n.template === "one_time_code" && n.recipient === `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect((await find()).text).toContain(`验证码${code}`);
    clock.advance(5 * MINUTE);
    const expired = await find();
    expect(expired.text).toContain("验证码******");
    expect(expired.text).not.toContain(code);
  });
});

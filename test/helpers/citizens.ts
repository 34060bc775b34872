/**
 * Citizens of the portal in HTTP tests.
 *
 *     const citizen = await signInCitizen(app);              // a new phone, a new citizen
 *     const me = await citizen.get("/api/portal/me");
 *     await citizen.request("PATCH", "/api/portal/me", { name: "张三" });
 *     // or with app.inject directly: { cookies: citizen.cookies, headers: citizen.headers }
 *
 * It asks for a code through POST /api/portal/auth/codes (from an address of its
 * own, so the per-address limit of one test never meets another's), reads the
 * code server-side from the outbox (readOneTimeCode: the row's sealed code, opened
 * with the app's protector, as the SMS sender does), and signs in through
 * POST /api/portal/auth/sign-in. Each call with the same phone within 60 s meets
 * the per-phone limit: use a fresh phone (testPhone()) unless that is the point.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { and, desc, eq } from "drizzle-orm";
import { notifications } from "../../src/server/modules/notifications/notifications.tables.ts";

export type CitizenSession = {
  phone: string;
  citizenId: string;
  /** The session and CSRF cookies, for app.inject({ cookies }). */
  cookies: Record<string, string>;
  /** The CSRF header every non-GET request needs. */
  headers: Record<string, string>;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
};

let phoneCounter = 0;
let addressCounter = 0;

/** A valid mobile number no other call of this process returns (199 + pid-based block + counter). */
export function testPhone(): string {
  phoneCounter += 1;
  return `199${String(process.pid % 1000).padStart(3, "0")}${String(phoneCounter).padStart(5, "0")}`;
}

/** A client address no other call of this process returns (10.77.x.y), for app.inject's remoteAddress. */
export function testAddress(): string {
  addressCounter += 1;
  return `10.77.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

type CodeRow = { id: string; payload: Record<string, unknown> };

/** The one-time code messages sent to `phone` (newest first), opened with the app's protector. */
async function codesSentTo(app: FastifyInstance, phone: string, purpose?: "sign_in" | "tracking"): Promise<CodeRow[]> {
  const { database, protector } = app.ctx;
  const rows = await database.db
    .select({ id: notifications.id, recipient: notifications.recipient, payload: notifications.payload })
    .from(notifications)
    .where(and(eq(notifications.template, "one_time_code")))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(500);
  return rows.filter((row) => (!purpose || row.payload.purpose === purpose) && protector.tryDecrypt(row.recipient) === phone);
}

const openCode = (app: FastifyInstance, row: CodeRow) => app.ctx.protector.decrypt(String(row.payload.sealedCode));

/**
 * The latest one-time code sent to `phone` (any purpose unless given), read from
 * the outbox and opened with the app's protector; null when none was sent. With a
 * clock that does not move, two codes may share a time: requestOneTimeCode tells
 * them apart, prefer it.
 */
export async function readOneTimeCode(app: FastifyInstance, phone: string, purpose?: "sign_in" | "tracking"): Promise<string | null> {
  const [latest] = await codesSentTo(app, phone, purpose);
  return latest ? openCode(app, latest) : null;
}

/** Asks for a code for `phone` (202 expected) and returns it as the SMS would bring it. */
export async function requestOneTimeCode(app: FastifyInstance, phone: string, purpose: "sign_in" | "tracking" = "sign_in", remoteAddress = testAddress()): Promise<string> {
  const before = new Set((await codesSentTo(app, phone, purpose)).map((row) => row.id));
  const response = await app.inject({ method: "POST", url: "/api/portal/auth/codes", payload: { phone, purpose }, remoteAddress });
  if (response.statusCode !== 202) throw new Error(`code for ${phone} refused: ${response.statusCode} ${response.body}`);
  const sent = (await codesSentTo(app, phone, purpose)).find((row) => !before.has(row.id));
  if (!sent) throw new Error(`no new code for ${phone} in the outbox`);
  return openCode(app, sent);
}

/** Signs a citizen in by phone (a fresh one by default) and returns a client that sends the cookies and CSRF header. */
export async function signInCitizen(app: FastifyInstance, phone = testPhone()): Promise<CitizenSession> {
  const remoteAddress = testAddress();
  const code = await requestOneTimeCode(app, phone, "sign_in", remoteAddress);
  const response = await app.inject({ method: "POST", url: "/api/portal/auth/sign-in", payload: { phone, code }, remoteAddress });
  if (response.statusCode !== 200) throw new Error(`citizen sign-in of ${phone} failed: ${response.statusCode} ${response.body}`);
  const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
  const headers = { "x-csrf-token": cookies.santai_csrf };
  const request = (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method: method as "GET",
      url,
      cookies,
      headers: { ...headers, ...extra },
      ...(body === undefined ? {} : typeof body === "string" ? { payload: body, headers: { "content-type": "application/json", ...headers, ...extra } } : { payload: body as object }),
    });
  return { phone, citizenId: response.json().citizen.id, cookies, headers, request, get: (url) => request("GET", url) };
}

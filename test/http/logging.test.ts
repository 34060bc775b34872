/**
 * The request log: one line per request with its id, route and status; a 500
 * with its stack (and the id handed to the caller); no phone or ID number, cookie
 * or CSRF token in any line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/platform/config.ts";
import { fixedClock } from "../../src/server/platform/clock.ts";
import { redactPersonalData } from "../../src/server/platform/logging.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff } from "../helpers/factories.ts";
import { signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let admin: Session;
const lines: string[] = [];
const PHONE = "13812345678";
const ID_NUMBER = "11010519491231002X";

type LogLine = { level: number; reqId?: string; msg: string; route?: string | null; url?: string; method?: string; statusCode?: number; responseTime?: number; err?: { message: string; stack: string } };
const logged = (): LogLine[] => lines.map((line) => JSON.parse(line));

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: "info" }, { dataDir: null, webRoot: null });
  app = await buildApp({ config, database, clock: fixedClock(new Date("2026-03-02T09:00:00+08:00")), logger: { write: (line: string) => lines.push(line) } });
  // A route that fails the way a bug would, with personal data in the message.
  app.get("/api/test/explode", { config: { access: "public" } }, async () => {
    throw new Error(`cannot reach ${PHONE} for ${ID_NUMBER}`);
  });
  const tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const actor = await database.db.transaction((tx) => makeStaff(tx, ["admin", "window", "reviewer"], tree.city));
  admin = await signIn(app, actor.username);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("request log", () => {
  it("logs each request once with its id, method, route, status and time", async () => {
    lines.length = 0;
    const response = await admin.get("/api/venues?limit=5");
    expect(response.statusCode).toBe(200);
    const requestLines = logged().filter((l) => l.msg === "request");
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ level: 30, reqId: response.headers["x-request-id"], method: "GET", route: "/api/venues", url: "/api/venues?limit=5", statusCode: 200 });
    expect(typeof requestLines[0].responseTime).toBe("number");
  });

  it("logs a 500 with its stack; the caller gets the request id to quote", async () => {
    lines.length = 0;
    const response = await app.inject({ method: "GET", url: "/api/test/explode" });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: "INTERNAL", requestId: response.headers["x-request-id"] });
    const failure = logged().find((l) => l.msg === "request failed")!;
    expect(failure).toMatchObject({ level: 50, reqId: response.headers["x-request-id"], route: "/api/test/explode" });
    expect(failure.err!.stack).toContain("logging.test.ts");
    expect(failure.err!.message).toBe("cannot reach [phone] for [id-number]");
    expect(logged().find((l) => l.msg === "request")).toMatchObject({ statusCode: 500, route: "/api/test/explode" });
  });

  it("keeps phone and ID numbers, cookies and the CSRF token out of every line", async () => {
    lines.length = 0;
    const response = await admin.get(`/api/tickets?phone=${PHONE}&idNumber=${ID_NUMBER}`);
    expect(response.statusCode).toBe(200);
    await app.inject({ method: "GET", url: "/api/test/explode", headers: { cookie: "santai_session=secret-cookie-value", "x-csrf-token": "secret-csrf-value" } });
    const all = lines.join("\n");
    expect(all).toContain("/api/tickets?phone=[phone]&idNumber=[id-number]");
    for (const secret of [PHONE, ID_NUMBER, "secret-cookie-value", "secret-csrf-value"]) expect(all).not.toContain(secret);
  });
});

describe("redactPersonalData", () => {
  it.each([
    ["?phone=13812345678&x=1", "?phone=[phone]&x=1"],
    ["+8613812345678", "[phone]"],
    ["call 86 13912345678.", "call [phone]."],
    ["id 11010519491231002X, 11010519491231002x", "id [id-number], [id-number]"],
    ["a ticket 980102-20261120-0007", "a ticket 980102-20261120-0007"],
    ["time 1767225600000 and 12345678901", "time 1767225600000 and 12345678901"],
    ["hash 0a13812345678f", "hash 0a13812345678f"],
  ])("%s → %s", (input, output) => expect(redactPersonalData(input)).toBe(output));
});

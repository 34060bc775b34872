import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig, type Config } from "../../src/server/platform/config.ts";
import { fixedClock } from "../../src/server/platform/clock.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { TEST_PASSWORD } from "./factories.ts";

export type Session = {
  username: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
};

/** The app on a test database with a movable clock; no port is opened (app.inject). `overrides` change the configuration. */
export async function createTestApp(database: Database, start = new Date(), overrides: Partial<Config> = {}) {
  const clock = fixedClock(start);
  const config = loadConfig({}, { dataDir: null, webRoot: null, ...overrides });
  const app = await buildApp({ config, database, clock });
  return { app, clock, config };
}

function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

/** Signs in through the API and returns a client that sends the cookies and CSRF header. */
export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookies = cookiesOf(response);
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as "GET",
      url,
      cookies,
      headers: { "x-csrf-token": cookies.santai_csrf, ...headers },
      ...(body === undefined ? {} : typeof body === "string" ? { payload: body, headers: { "content-type": "application/json", "x-csrf-token": cookies.santai_csrf, ...headers } } : { payload: body as object }),
    });
  return { username, request, get: (url) => request("GET", url) };
}

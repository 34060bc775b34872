/**
 * The HTTP SMS gateway against a real HTTP server started here (no mocks): what
 * it sends (placeholders filled and escaped for the body's type, credentials,
 * the idempotency key), what counts as accepted, the deadline; and a portal
 * one-time code going out through it from the outbox, after which the outbox page
 * no longer shows the code (it reached a phone, not the development channel).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { httpSmsGateway, DEFAULT_SMS_BODY_TEMPLATE, type HttpSmsGatewaySettings } from "../../src/server/modules/notifications/http-sms-gateway.ts";
import { sendWithin, smsChannel } from "../../src/server/modules/notifications/notification-channels.ts";
import { loadConfig } from "../../src/server/platform/config.ts";
import { runSchedulerTick } from "../../src/server/scheduler.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff } from "../helpers/factories.ts";
import { createTestApp, signIn } from "../helpers/http.ts";
import { readOneTimeCode, requestOneTimeCode, testPhone } from "../helpers/citizens.ts";

type Received = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };
let server: Server;
let base: string;
const received: Received[] = [];
/** How the server answers the next requests: status and body, or never. */
let answer: { status: number; body: string } | "never" = { status: 200, body: '{"code":"OK"}' };

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (answer === "never") return;
      response.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const settings = (overrides: Partial<HttpSmsGatewaySettings> = {}): HttpSmsGatewaySettings => ({
  url: `${base}/sms`,
  method: "POST",
  contentType: "application/json",
  bodyTemplate: DEFAULT_SMS_BODY_TEMPLATE,
  authorization: null,
  key: "",
  secret: "",
  successMatch: null,
  ...overrides,
});

const send = (gateway: ReturnType<typeof httpSmsGateway>, text: string, timeoutMs = 5_000) =>
  sendWithin(smsChannel(gateway), { id: "6f1c1a52-1111-4a4a-8888-000000000001", channel: "sms", to: "13912345678", template: "t", text }, timeoutMs);

const last = () => received[received.length - 1];

describe("the HTTP SMS gateway", () => {
  it("posts JSON with the placeholders filled and escaped, the authorization and the idempotency key", async () => {
    answer = { status: 200, body: "{}" };
    await send(httpSmsGateway(settings({ authorization: "Bearer t0ken" })), '【12348】验证码 "123456"\n勿告诉他人');
    const request = last();
    expect(request).toMatchObject({ method: "POST", url: "/sms" });
    expect(request.headers).toMatchObject({ authorization: "Bearer t0ken", "idempotency-key": "6f1c1a52-1111-4a4a-8888-000000000001", "content-type": "application/json" });
    expect(JSON.parse(request.body)).toEqual({ to: "13912345678", text: '【12348】验证码 "123456"\n勿告诉他人', id: "6f1c1a52-1111-4a4a-8888-000000000001" });
  });

  it("fills a form body and the URL, with credentials for providers that want them there", async () => {
    answer = { status: 200, body: "ok" };
    const gateway = httpSmsGateway(
      settings({ url: `${base}/send?account={{key}}&mobile={{to}}`, contentType: "application/x-www-form-urlencoded", bodyTemplate: "pwd={{secret}}&content={{text}}&ts={{timestamp}}", key: "bureau 1", secret: "s&cret" }),
      () => new Date("2030-01-01T00:00:00Z"),
    );
    await send(gateway, "码 1&2");
    const request = last();
    expect(request.url).toBe("/send?account=bureau%201&mobile=13912345678");
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ pwd: "s&cret", content: "码 1&2", ts: "1893456000" });
  });

  it("fails on a non-2xx answer, or a 2xx without the success text, naming only the status", async () => {
    answer = { status: 503, body: '{"error":"busy","mobile":"13912345678"}' };
    const failure = send(httpSmsGateway(settings()), "x");
    await expect(failure).rejects.toThrow("HTTP 503");
    await expect(failure).rejects.not.toThrow("13912345678");
    answer = { status: 200, body: '{"code":"FAIL"}' };
    await expect(send(httpSmsGateway(settings({ successMatch: '"code":"OK"' })), "x")).rejects.toThrow('without "\\"code\\":\\"OK\\""');
    answer = { status: 200, body: '{"code":"OK","id":1}' };
    await expect(send(httpSmsGateway(settings({ successMatch: '"code":"OK"' })), "x")).resolves.toBeUndefined();
  });

  it("gives up at the deadline when the gateway never answers", async () => {
    answer = "never";
    const before = received.length;
    await expect(send(httpSmsGateway(settings()), "x", 300)).rejects.toThrow(/timeout/);
    expect(received.length).toBe(before + 1);
    answer = { status: 200, body: "{}" };
  });
});

describe("configuration", () => {
  it("is off without SANTAI_SMS_GATEWAY_URL and refuses a URL that is not http(s)", () => {
    expect(loadConfig({}).smsGateway).toBeNull();
    expect(loadConfig({ SANTAI_SMS_GATEWAY_URL: "https://sms.example/send?to={{to}}", SANTAI_SMS_GATEWAY_AUTHORIZATION: "APPCODE x" }).smsGateway).toMatchObject({
      url: "https://sms.example/send?to={{to}}",
      method: "POST",
      contentType: "application/json",
      authorization: "APPCODE x",
    });
    expect(() => loadConfig({ SANTAI_SMS_GATEWAY_URL: "ftp://sms.example/" })).toThrow(/http or https/);
    expect(() => loadConfig({ SANTAI_SMS_GATEWAY_URL: "not a url" })).toThrow(/not a URL/);
    expect(() => loadConfig({ SANTAI_SMS_GATEWAY_URL: "https://sms.example/", SANTAI_SMS_GATEWAY_METHOD: "DELETE" })).toThrow(/METHOD/);
  });
});

describe("a portal code through the gateway", () => {
  let database: Database;
  let app: FastifyInstance;
  let adminUsername: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
    ({ app } = await createTestApp(database, new Date(), { smsGateway: { ...settings(), successMatch: null } }));
    adminUsername = (await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.city))).username;
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("the scheduler sends the code by SMS, and the outbox page keeps it hidden", async () => {
    answer = { status: 200, body: "{}" };
    const phone = testPhone();
    const code = await requestOneTimeCode(app, phone);
    const admin = await signIn(app, adminUsername);
    const find = async () => (await admin.get("/api/notifications?limit=200")).json().items.find((n: { template: string }) => n.template === "one_time_code");
    // Pending with a gateway configured: not the development channel, so no code on the page.
    expect((await find()).text).toContain("验证码******");
    const before = received.length;
    await runSchedulerTick(app.ctx, new Date(), { log: () => undefined, warn: () => undefined });
    const sent = received.slice(before);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0].body)).toMatchObject({ to: phone, text: expect.stringContaining(`验证码${code}`) });
    const row = await find();
    expect(row).toMatchObject({ state: "sent", deliveredVia: "sms" });
    expect(row.text).not.toContain(code);
    expect(await readOneTimeCode(app, phone)).toBe(code);
  });
});

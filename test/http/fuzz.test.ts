/**
 * Route fuzzing: every operation of the app's own OpenAPI document, signed in as
 * an account holding every role (so requests get past authorization into the
 * commands) and anonymously, with path, query, header and body values derived
 * from its schemas by fast-check — valid but strange, mixed, and plain bad —
 * must never answer 5xx. The raw-byte routes (attachment upload, the signed
 * upstream intake) and the region CSV import have generators of their own.
 *
 * Fixed seed and run counts, so the same requests run every time; a failure
 * prints the route, the request, the error's stack and the seed to replay it:
 * FUZZ_SEED=<seed> npx vitest run test/http/fuzz.test.ts (FUZZ_RUNS scales the runs).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { ROLES } from "../../src/server/policies/actor.ts";
import { idCheckChar } from "../../src/server/platform/personal/identity.ts";
import { signBody } from "../../src/server/modules/upstream/signature.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, TEST_PASSWORD, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { signInCitizen, type CitizenSession } from "../helpers/citizens.ts";
import { badValue, mixedValue, oneBadLeaf, textFor, urlText, validValue, withOneBadLeaf, type JsonSchema, type KnownValues } from "../helpers/schema-arbitraries.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20260302);
/** Generated requests per operation, signed in and anonymous. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const ANONYMOUS_RUNS = Math.max(2, Math.round(RUNS / 4));

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
let everyRole: Session;
/** A citizen of the portal: the /api/portal/ routes are fuzzed as them too (staff get 401 there). */
let citizen: CitizenSession;
let everyRoleId: string;
const staff: Record<string, Session> = {};
const ids: Record<string, string> = {};
const pools = { tickets: [] as string[], venues: [] as string[], accounts: [] as string[], followUps: [] as string[], orders: [] as string[], attachments: [] as string[] };
let upstreamClient: { apiKey: string; secret: string };
/** Statuses seen per operation (printed with FUZZ_VERBOSE, to see how deep the requests get). */
const statuses = new Map<string, Map<number, number>>();
/** The error behind the latest 5xx, for the report (requests run one at a time). */
let lastError: Error | undefined;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fuzz")]);
const PDF = Buffer.from("%PDF-1.7\n%%EOF\n");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);

const START = new Date("2026-03-02T09:00:00+08:00");

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  app.addHook("onError", async (_request, _reply, error) => {
    lastError = error;
  });
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    ids[key] = actor.id;
    staff[key] = await signIn(app, actor.username);
    return actor;
  };
  everyRoleId = (await make("everyRole", [...ROLES], tree.city)).id;
  everyRole = staff.everyRole;
  citizen = await signInCitizen(app);
  await make("window", ["window"], tree.counties[0]);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("supervisor", ["supervisor"], tree.city);
  pools.accounts.push(ids.window, ids.dispatcher, ids.lawyer, ids.supervisor);

  // Tickets in several states, so actions meet every status: submitted, assigned and supervised, resolved and rated low, merged.
  const walkIn = { channel: "window", serviceType: "mediation", category: "邻里", regionCode: tree.townships[0][0], applicant: { name: "赵六", phone: "13812345678" }, description: "邻居违建影响采光" };
  const create = async () => {
    const response = await staff.window.request("POST", "/api/tickets", walkIn);
    expect(response.statusCode).toBe(201);
    pools.tickets.push(response.json().id);
    return response.json().id as string;
  };
  const act = async (who: Session, id: string, body: Record<string, unknown>) => expect((await who.request("POST", `/api/tickets/${id}/actions`, body)).statusCode).toBe(200);
  const submitted = await create();
  const assigned = await create();
  await act(staff.window, assigned, { action: "accept" });
  await act(staff.dispatcher, assigned, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer });
  const order = await staff.supervisor.request("POST", `/api/tickets/${assigned}/supervision`, { reason: "加快办理", dueAt: "2026-03-09T09:00:00+08:00" });
  expect(order.statusCode).toBe(201);
  pools.orders.push(order.json().id);
  const resolved = await create();
  await act(staff.window, resolved, { action: "accept" });
  await act(staff.dispatcher, resolved, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer });
  await act(staff.lawyer, resolved, { action: "resolve", summary: "双方达成调解协议" });
  const rating = await staff.window.request("POST", `/api/tickets/${resolved}/rating`, { attitude: 1, speed: 2, policy: 3, expertise: 4 });
  expect(rating.statusCode).toBe(201);
  pools.followUps.push(rating.json().followUpId);
  const merged = await create();
  await act(staff.window, merged, { action: "merge_into", targetTicketId: submitted });
  const attachment = await staff.window.request("POST", `/api/tickets/${submitted}/attachments?fileName=a.png`, PNG as unknown as object, { "content-type": "image/png" });
  expect(attachment.statusCode).toBe(201);
  pools.attachments.push(attachment.json().id);
  pools.venues.push(await database.db.transaction((tx) => makeVenue(tx, tree.counties[0])));
  upstreamClient = (await everyRole.request("POST", "/api/upstream-clients", { name: "省平台", regionCode: tree.city })).json();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Operation = { method: string; path: string; parameters: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; body?: JsonSchema };
type GeneratedRequest = { url: string; payload?: string | Buffer; headers: Record<string, string>; note?: string };

/** Every operation of the OpenAPI document. */
function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Operation["parameters"]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody?.content["application/json"]?.schema })),
  );
}

const ID_17 = "11010519900307123";
function knownValues(): KnownValues {
  const codes = [tree.province, tree.city, ...tree.counties, ...tree.townships.flat(), ...tree.villages.flat().flat(), "970102", "999999", `${tree.townships[0][0]}777`];
  return {
    regionCode: codes,
    parentCode: codes,
    unitRegionCode: codes,
    code: codes,
    assigneeId: [ids.lawyer, ids.dispatcher, everyRoleId],
    targetTicketId: pools.tickets,
    relatedTicketId: pools.tickets,
    ticketId: pools.tickets,
    accountIds: pools.accounts,
    idNumber: [`${ID_17}${idCheckChar(ID_17)}`, `11010520990101123${idCheckChar("11010520990101123")}`, "11010519491231002X", "110105194912310021"],
    phone: ["13812345678", "010-12345678"],
    username: ["racer", "Fuzz.User", "someone"],
    password: [TEST_PASSWORD, "good-pass-1", "short"],
    year: ["2026", "2027", "2000", "2099"],
    step: ["accept", "resolve", "neither"],
    materialsProvided: ["id_card", "application_form", "nothing_like_it"],
    key: ["id_card", "contract"],
    callbackUrl: ["https://example.org/callback", "http://127.0.0.1:9/x", "ftp://x", "not a url", "https://[::1]:99999/"],
    externalRef: ["prov-1", "prov-2"],
  };
}

/** Real ids for a path's `{id}`, by what the path is about. */
function idsFor(path: string): string[] {
  if (path.startsWith("/api/venues")) return pools.venues;
  if (path.startsWith("/api/accounts")) return pools.accounts; // never everyRole's own: a reset would end its session
  if (path.startsWith("/api/follow-ups")) return pools.followUps;
  if (path.startsWith("/api/attachments")) return pools.attachments;
  if (path.startsWith("/api/supervision")) return pools.orders;
  return pools.tickets;
}

function pathArbitrary(op: Operation, known: KnownValues): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === "path");
  const values = params.map((p) => {
    const real = p.schema.format === "uuid" ? idsFor(op.path) : (known[p.name] ?? []);
    const text = real.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(real as string[])) }, { weight: 1, arbitrary: textFor(p.schema, known, p.name) }) : textFor(p.schema, known, p.name);
    return text.chain((value) => (value === "" ? fc.constant("%20") : urlText(value)));
  });
  return fc.tuple(...values).map((encoded) => params.reduce((path, p, i) => path.replace(`{${p.name}}`, encoded[i]), op.path));
}

/** Query strings: all values valid (but strange) most of the time, else any text; now and then an unknown or repeated parameter. */
function queryArbitrary(op: Operation, known: KnownValues): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === "query");
  const query = (valueOf: (p: Operation["parameters"][number]) => fc.Arbitrary<string>) =>
    fc.tuple(...params.map((p) => fc.option(valueOf(p).chain((value) => urlText(value).map((encoded) => `${p.name}=${encoded}`)), { freq: 2 })));
  const asText = (value: unknown) => (typeof value === "string" ? value : String(value));
  const valid = query((p) => validValue(p.schema, known, p.name).map(asText));
  const mixed = query((p) => textFor(p.schema, known, p.name));
  // All valid but one parameter, which is any strange text.
  const oneBad =
    params.length === 0
      ? valid
      : fc.tuple(valid, fc.nat({ max: params.length - 1 }), textFor({}, {}, "")).chain(([chosen, i, text]) =>
          urlText(text).map((encoded) => chosen.map((part, j) => (j === i ? `${params[i].name}=${encoded}` : part))),
        );
  // An unknown, repeated or malformed parameter in about one query of eight.
  const unknown = fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("colour=red", "offset=1&offset=2", "limit[]=1", "a[b]=c", "=x", "&&", "%00=1", "__proto__[x]=1") });
  return fc.tuple(fc.oneof({ weight: 2, arbitrary: valid }, { weight: 2, arbitrary: oneBad }, { weight: 1, arbitrary: mixed }), unknown).map(([chosen, extra]) => {
    const parts = [...chosen, extra].filter((part): part is string => part !== null);
    return parts.length ? `?${parts.join("&")}` : "";
  });
}

function headerArbitrary(op: Operation, known: KnownValues): fc.Arbitrary<Record<string, string>> {
  const params = op.parameters.filter((p) => p.in === "header");
  return fc.tuple(...params.map((p) => fc.option(textFor(p.schema, known, p.name), { freq: 2 }))).map((values) =>
    Object.fromEntries(params.flatMap((p, i) => (values[i] === null ? [] : [[p.name, values[i]!]]))),
  );
}

/** Bodies that are not JSON objects at all. */
const rawBody = fc.constantFrom<string | Buffer>(
  "{",
  "null",
  "[]",
  '"text"',
  "1e999",
  "\u0000",
  '{"a":1,"a":2}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // {"name":"<invalid UTF-8>"}
  "",
);

/**
 * A valid body per operation, from the domain (levels that fit their region, a
 * password the policy takes): mutated in one leaf, it carries one strange value
 * all the way to the command and the database.
 */
function exampleBodies(): Record<string, unknown> {
  const township = tree.townships[0][0];
  const ticket = {
    serviceType: "mediation",
    category: "邻里",
    regionCode: township,
    applicant: { name: "赵六", phone: "13812345678", idNumber: `${ID_17}${idCheckChar(ID_17)}`, gender: "female", ageGroup: "60_plus", specialGroups: ["elderly"] },
    counterparty: { name: "钱七", phone: "010-12345678", note: "隔壁" },
    description: "邻居违建影响采光",
    preferredContact: "phone",
    language: "zh",
    materialsProvided: ["id_card"],
  };
  return {
    "POST /api/auth/login": { username: "someone", password: "wrong-pass-1" },
    "POST /api/regions": { code: `${township}009`, name: "新村", parentCode: township },
    "POST /api/venues": { name: "青川法律服务中心", level: "center", regionCode: tree.counties[0], address: "中山路 1 号", openingHours: "周一至周五 9:00-17:00", phone: "0871-1234567", floorArea: 120.5, isStreetFacingGroundFloor: true, windows: [{ name: "法律援助窗口", services: ["legal_aid"] }], equipment: { hasTouchKiosk: true, hasDisplayScreen: false, hasRemoteVideo: true }, posts: [{ post: "reception", accountIds: [ids.window] }] },
    "PATCH /api/venues/{id}": { name: "新名称", address: "新地址", windows: [{ name: "调解窗口", services: ["mediation"] }], posts: [{ post: "mediation", accountIds: [ids.lawyer] }] },
    "POST /api/accounts": { username: "fuzzer", displayName: "模糊测试", password: "good-pass-1", roles: ["window", "mediator"], regionCode: tree.counties[0], skills: ["邻里"], languages: ["zh", "bo"] },
    "PATCH /api/accounts/{id}": { displayName: "新名字", roles: ["lawyer"], regionCode: tree.counties[0], skills: ["合同"], languages: ["zh"] },
    "POST /api/accounts/{id}/reset-password": { password: "good-pass-2" },
    "POST /api/tickets": { channel: "window", ...ticket, relatedTicketId: pools.tickets[0] },
    "POST /api/tickets/{id}/actions": { action: "reject", reason: "不属于受理范围" },
    "POST /api/tickets/{id}/extensions": { step: "resolve", amount: 2, unit: "working_days", reason: "需要补充材料" },
    "PATCH /api/tickets/{id}/materials": { materialsProvided: ["id_card"] },
    "PUT /api/settings/services/{serviceType}": { checklist: [{ key: "id_card", name: "身份证", isRequired: true }], deadlines: [{ step: "accept", amount: 1, unit: "working_days" }], isAutoDispatch: true },
    "PUT /api/calendar/{year}": { off: [{ name: "春节", from: "2027-02-06", to: "2027-02-12" }], work: ["2027-02-14"], source: "国务院办公厅通知" },
    "POST /api/tickets/{id}/supervision": { reason: "加快办理", dueAt: "2026-03-09T09:00:00+08:00" },
    "POST /api/supervision/{orderId}/respond": { response: "已于今日办结" },
    "POST /api/tickets/{id}/rating": { attitude: 5, speed: 1, policy: 4, expertise: 5, comment: "很满意" },
    "POST /api/follow-ups/{id}/complete": { outcome: "已电话回访", isSatisfied: true },
    "POST /api/upstream-clients": { name: "市平台", regionCode: tree.city, callbackUrl: "https://example.org/callback" },
    "POST /api/upstream/tickets": { ...ticket, externalRef: "prov-fuzz" },
    "PUT /api/directory/my-profile": { isListed: true, displayName: "张律师", role: "lawyer", officePhone: "0871-1234567", isOfficePhonePublic: true, email: "a@example.org", isEmailPublic: false, venueId: pools.venues[0], isVenuePublic: true, specialities: ["labour"], languages: ["zh", "bo"], introduction: "擅长劳动争议" },
    "PATCH /api/directory/staff-profiles/{id}": { isHidden: true, reason: "待核实" },
    "POST /api/directory/managed-providers": { kind: "law_firm", name: "明德律师事务所", regionCode: tree.counties[0], address: "河滨路 8 号", phone: "0871-2222222", openingHours: "9:00-17:00", services: ["consultation"], licenceNumber: "15301202010000001", description: "劳动", isListed: true },
    "PATCH /api/directory/managed-providers/{id}": { name: "新名称", isListed: false },
    "POST /api/tickets/{id}/documents": { kind: "referral", format: "docx", fields: { "referral.to": "青川区人民法院", "referral.reason": "诉调对接", "referral.contact": "孙窗口 0871-1234567" } },
    "PUT /api/document-templates/{kind}": { title: "转介函", body: "## 事由\n{{referral.to}}：{{referral.reason}}\n> {{issuedDate}}" },
    "POST /api/portal/preregistrations": { service: "notarization", matter: "will", regionCode: tree.counties[0], answers: { usedAbroad: false }, applicantName: "卓玛", materialsChecked: ["id_card"] },
    "POST /api/preregistrations": { service: "arbitration", matter: "labour", regionCode: tree.counties[0], answers: { rightsInfringedOn: "2025-12-01" }, applicant: { name: "扎西", phone: "13912345678" }, materialsChecked: ["id_card"] },
  };
}

function jsonBodyArbitrary(schema: JsonSchema, known: KnownValues, example?: unknown): fc.Arbitrary<string | Buffer> {
  const fromExample: fc.WeightedArbitrary<string | Buffer>[] =
    example === undefined
      ? []
      : [
          { weight: 1, arbitrary: fc.constant(JSON.stringify(example)) },
          { weight: 6, arbitrary: fc.tuple(fc.nat(), badValue).map(([index, bad]) => JSON.stringify(withOneBadLeaf(structuredClone(example), index, bad)) ?? "null") },
        ];
  return fc.oneof(
    ...fromExample,
    { weight: 4, arbitrary: validValue(schema, known).map((v) => JSON.stringify(v)) },
    { weight: 4, arbitrary: oneBadLeaf(schema, known).map((v) => JSON.stringify(v) ?? "null") },
    { weight: 2, arbitrary: mixedValue(schema, known).map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: badValue.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: rawBody },
  );
}

/** CSV lines of code,name,parentCode,level: real and new codes, names with quotes, commas and strange text. */
function csvArbitrary(): fc.Arbitrary<string> {
  const township = tree.townships[1][1];
  const code = fc.oneof(fc.constantFrom(tree.city, tree.counties[1], township, `${township}101`, `${township}102`, "99999999999999999999", ""), fc.stringMatching(/^\d{6,12}$/));
  const name = fc.oneof(fc.constantFrom("新村", '"引号,村"', '"未闭合', " ", "", "名".repeat(120), "😀村"), fc.string({ maxLength: 10 }));
  const level = fc.constantFrom("township", "village", "county", "hamlet", "");
  const line = fc.tuple(code, name, code, level).map((fields) => fields.join(","));
  return fc.array(fc.oneof({ weight: 5, arbitrary: line }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }), { maxLength: 8 }).map((lines) => ["code,name,parentCode,level", ...lines].join("\n"));
}

/** The request generator for one operation, with the special bodies of the raw-byte routes. */
function requestArbitrary(op: Operation, known: KnownValues, examples: Record<string, unknown>): fc.Arbitrary<GeneratedRequest> {
  const url = fc.tuple(pathArbitrary(op, known), queryArbitrary(op, known)).map(([path, query]) => `${path}${query}`);
  const headers = headerArbitrary(op, known);
  const key = `${op.method} ${op.path}`;
  if (key === "POST /api/tickets/{id}/attachments") {
    const bytes = fc.oneof(fc.constantFrom(PNG, PDF, JPEG, Buffer.alloc(0)), fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)));
    const type = fc.constantFrom("image/png", "application/pdf", "image/jpeg", "application/octet-stream", "image/png; charset=utf-8", "text/plain", "application/json", "", "image/png\u0000");
    return fc.record({ url, payload: bytes, type }).map(({ url, payload, type }): GeneratedRequest => ({ url, payload, headers: type ? { "content-type": type } : {} }));
  }
  if (key === "POST /api/upstream/tickets") {
    return fc.record({ url, body: jsonBodyArbitrary(op.body!, known, examples[key]), signing: fc.constantFrom("good", "good", "good", "stale", "garbage", "none") }).map(({ url, body, signing }) => {
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      const signed = { "x-santai-key": upstreamClient.apiKey, "x-santai-timestamp": String(timestamp), "x-santai-signature": signBody(upstreamClient.secret, timestamp, body) };
      const bad: Record<string, Record<string, string>> = {
        stale: { ...signed, "x-santai-timestamp": String(timestamp - 10_000) },
        garbage: { "x-santai-key": "k\u00ff%00", "x-santai-timestamp": "1e20", "x-santai-signature": "zz" },
        none: {},
      };
      return { url, payload: body, headers: { "content-type": "application/json", ...(signing === "good" ? signed : bad[signing]) }, note: `signing: ${signing}` };
    });
  }
  if (key === "POST /api/regions/import") {
    const body = fc.oneof({ weight: 3, arbitrary: csvArbitrary().map((csv) => JSON.stringify({ csv })) }, { weight: 1, arbitrary: jsonBodyArbitrary(op.body!, known) });
    return fc.record({ url, payload: body }).map(({ url, payload }) => ({ url, payload, headers: { "content-type": "application/json" } }));
  }
  if (!op.body) return fc.record({ url, headers });
  const type = fc.oneof({ weight: 12, arbitrary: fc.constant("application/json") }, { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded") });
  return fc.record({ url, headers, payload: jsonBodyArbitrary(op.body, known, examples[key]), type }).map(({ url, headers, payload, type }) => ({ url, payload, headers: { ...headers, "content-type": type } }));
}

/** Anonymous callers sometimes send cookies: stale, malformed, huge, with NUL. */
const junkCookie = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom("santai_session=%", "santai_session=%zz; santai_csrf=%00", `santai_session=${"x".repeat(4_000)}`, "santai_session=; santai_session=2", "santai_session=\u0000", "santai_session=00000000000000000000000000000000", "=;;=") },
);

const show = (value: unknown) => {
  const text = Buffer.isBuffer(value) ? `<${value.length} bytes: ${value.subarray(0, 40).toString("hex")}>` : String(value);
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
};

async function send(op: Operation, request: GeneratedRequest, session: Pick<Session, "request"> | null): Promise<LightMyRequestResponse | null> {
  try {
    if (session) return await session.request(op.method, request.url, request.payload as object | undefined, request.headers);
    return await app.inject({ method: op.method as "GET", url: request.url, payload: request.payload, headers: request.headers });
  } catch (error) {
    // Requests no HTTP client could send (a header light-my-request refuses) are not the server's to answer.
    if ((error as { code?: string }).code === "ERR_INVALID_CHAR" || (error as { code?: string }).code === "ERR_INVALID_HTTP_TOKEN") return null;
    throw error;
  }
}

type Failure = { operation: string; who: string; seed: number; request: GeneratedRequest; status: number; body: string; error?: string };

async function fuzz(op: Operation, index: number, who: "everyRole" | "citizen" | "anonymous", known: KnownValues, examples: Record<string, unknown>): Promise<Failure | null> {
  const seed = SEED + index * 2 + (who === "anonymous" ? 1 : 0) + (who === "citizen" ? 1_000_000 : 0);
  let failure: Failure | null = null;
  const details = await fc.check(
    fc.asyncProperty(requestArbitrary(op, known, examples), who === "anonymous" ? junkCookie : fc.constant(null), async (generated, cookie) => {
      const request = cookie === null ? generated : { ...generated, headers: { ...generated.headers, cookie } };
      lastError = undefined;
      const response = await send(op, request, who === "anonymous" ? null : who === "citizen" ? citizen : everyRole);
      if (process.env.FUZZ_VERBOSE === "2") console.log(op.method, show(request.url), show(request.payload), "→", response?.statusCode, show(response?.body).slice(0, 200));
      const seen = statuses.get(`${op.method} ${op.path}`) ?? new Map<number, number>();
      seen.set(response?.statusCode ?? 0, (seen.get(response?.statusCode ?? 0) ?? 0) + 1);
      statuses.set(`${op.method} ${op.path}`, seen);
      if (!response || response.statusCode < 500) return true;
      const error = lastError as (Error & { cause?: unknown }) | undefined;
      const cause = error?.cause as { stack?: string } | undefined;
      failure = { operation: `${op.method} ${op.path}`, who, seed, request, status: response.statusCode, body: response.body, error: `${error?.stack ?? ""}${cause ? `\ncause: ${cause.stack ?? String(cause)}` : ""}` };
      return false;
    }),
    { seed, numRuns: who === "anonymous" ? ANONYMOUS_RUNS : RUNS, endOnFailure: true },
  );
  return details.failed ? failure ?? { operation: `${op.method} ${op.path}`, who, seed, request: { url: "?", headers: {} }, status: 0, body: String(details.errorInstance) } : null;
}

describe("route fuzzing", () => {
  it("no generated request to any route answers 5xx, signed in or anonymous", async () => {
    await app.ready();
    const operations = operationsOf(app.swagger() as never);
    expect(operations.length).toBeGreaterThan(40);
    const known = knownValues();
    const examples = exampleBodies();
    const failures: Failure[] = [];
    for (const [index, op] of operations.entries()) {
      if (process.env.FUZZ_ONLY && !`${op.method} ${op.path}`.includes(process.env.FUZZ_ONLY)) continue;
      const startedAt = performance.now();
      // Signing out would end the session the rest of the run uses; it is fuzzed anonymously and called once below.
      if (!(op.method === "POST" && op.path === "/api/auth/logout")) {
        const signedIn = await fuzz(op, index, "everyRole", known, examples);
        if (signedIn) failures.push(signedIn);
      }
      // The portal's routes as a signed-in citizen (signing out fuzzed anonymously only, as above).
      if (op.path.startsWith("/api/portal/") && op.path !== "/api/portal/auth/sign-out") {
        const asCitizen = await fuzz(op, index, "citizen", known, examples);
        if (asCitizen) failures.push(asCitizen);
      }
      const anonymous = await fuzz(op, index, "anonymous", known, examples);
      if (anonymous) failures.push(anonymous);
      if (process.env.FUZZ_VERBOSE) {
        const seen = [...(statuses.get(`${op.method} ${op.path}`) ?? new Map()).entries()].sort().map(([status, n]) => `${status}×${n}`);
        console.log(`${op.method} ${op.path}: ${Math.round(performance.now() - startedAt)} ms, ${seen.join(" ")}`);
      }
    }
    const report = failures.map(
      (f) =>
        `${f.operation} as ${f.who} → ${f.status} (seed ${f.seed})\n  ${f.request.note ?? ""} url: ${show(f.request.url)}\n  headers: ${show(JSON.stringify(f.request.headers))}\n  body: ${show(f.request.payload)}\n  answer: ${show(f.body)}\n  ${f.error ?? ""}`,
    );
    expect(failures.length, `Routes answered 5xx (FUZZ_SEED=${SEED}):\n\n${report.join("\n\n")}`).toBe(0);
    // Everyone can sign out, even with a strange body.
    expect((await everyRole.request("POST", "/api/auth/logout", "{")).statusCode).toBeLessThan(500);
    // Bounded by the run count; generous because the machine may be shared.
  }, Math.max(180_000, RUNS * 8_000));
});

/**
 * 首问责任人 is the person who took the request in, and a handling unit has one name — in the
 * dispatch suggestion, on the ticket, on its timeline and in the Excel export (issue 7, item 5).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
const ids: Record<string, string> = {};
const names: Record<string, string> = {};

// Friday 20 November 2026, 10:00 Beijing time.
const START = new Date("2026-11-20T10:00:00+08:00");

const request = (overrides: Record<string, unknown> = {}) => ({
  channel: "window",
  serviceType: "consultation",
  category: "劳动争议",
  regionCode: tree.townships[0][0],
  applicant: { name: "王建国", phone: "13912345678" },
  description: "拖欠工资三个月",
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START, { upstreamAllowedHosts: ["127.0.0.1"] }));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    ids[key] = actor.id;
    names[key] = actor.displayName;
    s[key] = await signIn(app, actor.username);
  };
  await make("admin", ["admin"], tree.city);
  await make("window", ["window"], tree.counties[0]);
  await make("operator", ["operator"], tree.city);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("lawyer", ["lawyer"], tree.counties[0]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const act = (session: Session, id: string, body: Record<string, unknown>) => session.request("POST", `/api/tickets/${id}/actions`, body);

async function create(session: Session, overrides: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  const response = await session.request("POST", "/api/tickets", request(overrides));
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function exportRow(number: string): Promise<Record<string, string>> {
  const response = await s.dispatcher.get(`/api/tickets/export.xlsx?number=${number}`);
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = (sheet.getRow(r).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)));
    if (values[0] === number) return Object.fromEntries(header.map((h, i) => [h, values[i] ?? ""]));
  }
  throw new Error(`${number} is not in the export`);
}

describe("首问责任人 (first responder)", () => {
  it("is the window clerk who took the request in, not the dispatcher who accepted it — on the ticket, in the list and in the export", async () => {
    const ticket = await create(s.window);
    expect((await s.window.get(`/api/tickets/${ticket.id}`)).json().firstResponder).toEqual({ id: ids.window, displayName: names.window });
    expect((await act(s.dispatcher, ticket.id, { action: "accept" })).statusCode).toBe(200);
    const detail = (await s.dispatcher.get(`/api/tickets/${ticket.id}`)).json();
    expect(detail.firstResponder.id).toBe(ids.window);
    const listed = (await s.dispatcher.get(`/api/tickets?queue=all&number=${ticket.number}`)).json().items[0];
    expect(listed.firstResponder.id).toBe(ids.window);
    expect((await exportRow(ticket.number))["首问责任人"]).toBe(names.window);
  });

  it("is the hotline operator for a call they registered", async () => {
    const ticket = await create(s.operator, { channel: "hotline" });
    expect((await act(s.dispatcher, ticket.id, { action: "accept" })).statusCode).toBe(200);
    expect((await s.dispatcher.get(`/api/tickets/${ticket.id}`)).json().firstResponder.id).toBe(ids.operator);
  });

  it("is corrected for a ticket stored with the dispatcher before this fix, without a migration", async () => {
    const ticket = await create(s.window);
    expect((await act(s.dispatcher, ticket.id, { action: "accept" })).statusCode).toBe(200);
    // How earlier code stored it: the first person who acted.
    await database.db.execute(sql`update tickets set first_responder_id = ${ids.dispatcher} where id = ${ticket.id}`);
    expect((await s.dispatcher.get(`/api/tickets/${ticket.id}`)).json().firstResponder.id).toBe(ids.window);
    expect((await exportRow(ticket.number))["首问责任人"]).toBe(names.window);
  });

  it("for a request an upstream platform sent, is whoever first accepts it, and stays so", async () => {
    const client = (await s.admin.request("POST", "/api/upstream-clients", { name: "省12348平台", regionCode: tree.counties[0] })).json();
    const body = JSON.stringify({ ...request(), channel: undefined, externalRef: "prov-first-responder" });
    const sent = await app.inject({
      method: "POST",
      url: "/api/upstream/tickets",
      payload: body,
      headers: { "content-type": "application/json", ...signedHeaders(client.apiKey, client.secret, body, clock.now()) },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id as string;
    expect((await s.dispatcher.get(`/api/tickets/${id}`)).json().firstResponder).toBeNull();
    expect((await act(s.dispatcher, id, { action: "accept" })).statusCode).toBe(200);
    expect((await act(s.dispatcher, id, { action: "assign", unitRegionCode: tree.counties[0], assigneeId: ids.lawyer })).statusCode).toBe(200);
    expect((await act(s.lawyer, id, { action: "start" })).statusCode).toBe(200);
    expect((await s.lawyer.get(`/api/tickets/${id}`)).json().firstResponder.id).toBe(ids.dispatcher);
  });
});

describe("one name for a handling unit", () => {
  it("the suggestion, the ticket, its timeline and the export name the unit alike", async () => {
    const ticket = await create(s.window);
    expect((await act(s.dispatcher, ticket.id, { action: "accept" })).statusCode).toBe(200);
    // The county's duty lawyers answer a consultation: the suggestion climbs to the county.
    const suggestion = (await s.dispatcher.get(`/api/tickets/${ticket.id}/dispatch-suggestion`)).json();
    expect(suggestion.unit.code).toBe(tree.counties[0]);
    expect(suggestion.unit.name).not.toBe(suggestion.unit.regionName);
    expect(suggestion.unit.name.startsWith(suggestion.unit.regionName)).toBe(true);

    const assigned = await act(s.dispatcher, ticket.id, { action: "assign", unitRegionCode: suggestion.unit.code, assigneeId: ids.lawyer });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().unit).toEqual({ code: suggestion.unit.code, name: suggestion.unit.name });
    const listed = (await s.dispatcher.get(`/api/tickets?queue=all&number=${ticket.number}`)).json().items[0];
    expect(listed.unit.name).toBe(suggestion.unit.name);
    const audit = (await s.dispatcher.get(`/api/tickets/${ticket.id}/audit`)).json();
    const assignEvent = audit.events.find((e: { type: string }) => e.type === "action.assign");
    expect(assignEvent.data.unit).toEqual({ code: suggestion.unit.code, name: suggestion.unit.name });
    expect((await exportRow(ticket.number))["承办单位"]).toBe(suggestion.unit.name);
  });
});

/**
 * The live board's feed (docs/analytics.md, "The live board"): a board connected
 * to one server is told within about a second when a ticket of its region's
 * subtree is taken in through another server on the same database, and only
 * boards of that subtree are told; the feed keeps to the region scope and the
 * command center's roles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, TEST_PASSWORD, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn } from "../helpers/http.ts";

let database: Database;
let boardServer: FastifyInstance;
let intakeServer: FastifyInstance;
let base: string;
let tree: TestTree;
const people: Record<string, StaffActor> = {};
const sockets: WebSocket[] = [];

const NOW = new Date("2026-12-02T10:00:00+08:00");

type Message = { type: string; [key: string]: unknown };
type Board = { messages: Message[]; next(type: string): Promise<Message>; closed: Promise<{ code: number; reason: string }>; socket: WebSocket };

async function cookieOf(key: string): Promise<string> {
  const response = await boardServer.inject({ method: "POST", url: "/api/auth/login", payload: { username: people[key].username, password: TEST_PASSWORD } });
  expect(response.statusCode, response.body).toBe(200);
  return response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** A board's socket: every message kept; `next(type)` resolves with the first message of that type not taken yet. */
async function connect(key: string, regionCode: string): Promise<Board> {
  const socket = new WebSocket(`${base.replace("http", "ws")}/api/analytics/board/live?regionCode=${regionCode}`, { headers: { cookie: await cookieOf(key) } });
  sockets.push(socket);
  socket.on("error", () => undefined); // a refused or closed socket ends in `closed`
  const messages: Message[] = [];
  const taken = new Set<number>();
  const waiting: { type: string; resolve: (m: Message) => void }[] = [];
  const take = () => {
    for (let w = 0; w < waiting.length; ) {
      const found = messages.findIndex((m, i) => !taken.has(i) && m.type === waiting[w].type);
      if (found < 0) {
        w += 1;
        continue;
      }
      taken.add(found);
      waiting.splice(w, 1)[0].resolve(messages[found]);
    }
  };
  socket.on("message", (data) => {
    messages.push(JSON.parse(data.toString()) as Message);
    take();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  return { socket, messages, closed, next: (type) => new Promise((resolve) => (waiting.push({ type, resolve }), take())) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Two servers on one database: boards connect to the first, tickets are taken in through the second.
  ({ app: boardServer } = await createTestApp(database, NOW));
  ({ app: intakeServer } = await createTestApp(database, NOW));
  await boardServer.listen({ port: 0, host: "127.0.0.1" });
  const address = boardServer.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Role[], region: string) => (people[key] = await database.db.transaction((tx) => makeStaff(tx, roles, region)));
  await make("countyLeader", ["leader"], tree.counties[0]);
  await make("otherCountyDispatcher", ["dispatcher"], tree.counties[1]);
  await make("countyWindow", ["window"], tree.counties[0]);
  await make("worker", ["window"], tree.city);
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await boardServer?.close();
  await intakeServer?.close();
  await database?.close();
});

async function takeIn(regionCode: string) {
  const window = await signIn(intakeServer, people.worker.username);
  const response = await window.request("POST", "/api/tickets", { channel: "window", serviceType: "consultation", category: "合同", regionCode, applicant: { name: "韩梅" }, description: "大屏推送测试" });
  expect(response.statusCode, response.body).toBe(201);
}

describe("GET /api/analytics/board/live", () => {
  it("tells the boards of the ticket's region subtree, through another server, and no others", async () => {
    const county = await connect("countyLeader", tree.counties[0]);
    expect((await county.next("hello")).region).toMatchObject({ code: tree.counties[0] });
    const other = await connect("otherCountyDispatcher", tree.counties[1]);
    await other.next("hello");

    await takeIn(tree.villages[0][1][0]);
    await county.next("changed");

    await takeIn(tree.townships[1][0]);
    await other.next("changed");
    // The county's board was read before the other county's in that round, so a push to it would already be on
    // its socket, ahead of the answer to this ping.
    county.socket.send(JSON.stringify({ type: "ping" }));
    await county.next("pong");
    expect(county.messages.filter((m) => m.type === "changed")).toHaveLength(1);
    expect(other.messages.filter((m) => m.type === "changed")).toHaveLength(1);
  });

  it("keeps to the region scope and the command center's roles, and to pings", async () => {
    expect(await (await connect("countyWindow", tree.counties[0])).closed).toMatchObject({ code: 4403 });
    expect(await (await connect("countyLeader", tree.counties[1])).closed).toMatchObject({ code: 4404 });
    expect(await (await connect("countyLeader", tree.city)).closed).toMatchObject({ code: 4404 });
    const board = await connect("countyLeader", tree.counties[0]);
    await board.next("hello");
    board.socket.send("hello?");
    expect(await board.closed).toMatchObject({ code: 4400 });
    // Without a session the upgrade itself is refused.
    const anonymous = new WebSocket(`${base.replace("http", "ws")}/api/analytics/board/live`);
    sockets.push(anonymous);
    anonymous.on("error", () => undefined);
    const status = await new Promise<number>((resolve) => anonymous.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});

/**
 * Anonymous requests to staff routes are refused before their body is read
 * (issue 6, item 11): a 10 MiB anonymous upload used to be read in full, then
 * refused.
 */
import { connect } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { createTestApp } from "../helpers/http.ts";

const TEN_MIB = 10 * 1024 * 1024;
const CHUNK = 64 * 1024;
const TICKET = "00000000-0000-4000-8000-000000000001";

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A body of `total` bytes made only as it is read; `pulled()` says how many bytes the server asked for. */
function countingBody(total: number) {
  let sent = 0;
  const stream = new Readable({
    highWaterMark: CHUNK,
    read() {
      if (sent >= total) return void this.push(null);
      const size = Math.min(CHUNK, total - sent);
      sent += size;
      this.push(Buffer.alloc(size, 0x41));
    },
  });
  return { stream, pulled: () => sent };
}

describe("anonymous requests to staff routes", () => {
  it.each([
    ["an upload", "POST", `/api/tickets/${TICKET}/attachments?fileName=scan.png`, "image/png"],
    ["a JSON body", "POST", "/api/tickets", "application/json"],
    ["a JSON body to a route with path parameters", "POST", `/api/tickets/${TICKET}/actions`, "application/json"],
  ])("%s of 10 MiB is answered 401 without reading the body", async (_what, method, url, contentType) => {
    const body = countingBody(TEN_MIB);
    const response = await app.inject({ method: method as "POST", url, payload: body.stream, headers: { "content-type": contentType, "content-length": String(TEN_MIB) } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    // At most what a stream buffers ahead, nowhere near the whole body.
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it.each([
    ["without a key", {}],
    ["with an unknown key", { "x-santai-key": "up_00000000000000000000000000000000", "x-santai-timestamp": "0", "x-santai-signature": "00" }],
  ])("an upstream intake request %s is answered 401 without reading its body", async (_what, headers: Record<string, string>) => {
    const size = 200 * 1024;
    const body = countingBody(size);
    const now = String(Math.floor(Date.now() / 1000));
    const response = await app.inject({
      method: "POST",
      url: "/api/upstream/tickets",
      payload: body.stream,
      headers: { "content-type": "application/json", "content-length": String(size), ...headers, ...(headers["x-santai-timestamp"] ? { "x-santai-timestamp": now } : {}) },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "SIGNATURE_INVALID" });
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("over a socket: the 401 comes while the client is still sending, and the connection is closed", async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as { port: number };
    const socket = connect(port, "127.0.0.1");
    const answer = new Promise<string>((resolve, reject) => {
      let text = "";
      socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    socket.write(
      `POST /api/tickets/${TICKET}/attachments?fileName=scan.png HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: ${TEN_MIB}\r\n\r\n`,
    );
    // One chunk of the ten mebibytes; the rest is never sent.
    socket.write(Buffer.alloc(CHUNK, 0x41));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 401 /);
    expect(text.toLowerCase()).toContain("connection: close");
  });
});

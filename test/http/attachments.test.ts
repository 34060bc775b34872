/**
 * Attachments over HTTP: raw uploads sniffed by their bytes (JPEG, PNG, PDF only),
 * the 10 MiB limit, the sha256 and the event, listing and download under the
 * ticket's read policy (another region → 404), upload under updateMaterials.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { attachmentRoot } from "../../src/server/modules/attachments/attachment-store.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
const s: Record<string, Session> = {};
let ticketId: string;
let mergedId: string | undefined;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake png body")]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF fake jpeg body")]);
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
const GIF = Buffer.from("GIF89a fake gif");

const upload = (who: Session, bytes: Buffer, contentType: string, fileName = "材料.png", id = ticketId) =>
  who.request("POST", `/api/tickets/${id}/attachments?fileName=${encodeURIComponent(fileName)}`, bytes as unknown as object, { "content-type": contentType });

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, new Date("2026-11-18T10:00:00+08:00")));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("window", ["window"], tree.counties[0]);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("otherWindow", ["window"], tree.counties[1]);
  const created = await s.window.request("POST", "/api/tickets", {
    channel: "window",
    // Not legal aid: its intake opens a legal aid case that hands the ticket to the county at once.
    serviceType: "consultation",
    category: "劳动争议",
    regionCode: tree.townships[0][0],
    applicant: { name: "张三" },
    description: "咨询拖欠工资，带来劳动合同照片",
  });
  ticketId = created.json().id;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  // This file's uploads, under the temporary root of the in-memory configuration.
  for (const id of [ticketId, mergedId]) if (id) await rm(join(attachmentRoot({ dataDir: null }), id), { recursive: true, force: true });
});

describe("upload", () => {
  it.each([
    ["a PNG", PNG, "image/png", "image/png"],
    ["a JPEG", JPEG, "image/jpeg", "image/jpeg"],
    ["a PDF", PDF, "application/pdf", "application/pdf"],
    ["a PDF", PDF, "application/octet-stream", "application/pdf"],
    // Mislabelled by the client: the bytes decide.
    ["a JPEG", JPEG, "image/png", "image/jpeg"],
  ] as const)("stores %s sent as %s, recorded as %s, with its sha256", async (_label, bytes, sent, recorded) => {
    const response = await upload(s.window, bytes, sent, "劳动合同第1页.bin");
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ ticketId, fileName: "劳动合同第1页.bin", mediaType: recorded, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
  });

  it("refuses content that is none of the accepted types, naming the declared type", async () => {
    const response = await upload(s.window, GIF, "image/png");
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", declaredType: "image/png" });
    expect(response.json().message).toContain("image/png");
  });

  it.each([["image/gif"], ["text/plain"], ["application/json"], ["multipart/form-data; boundary=x"]])("refuses Content-Type %s by name", async (type) => {
    const response = await upload(s.window, GIF, type);
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toContain(type.split(";")[0]);
  });

  it("refuses more than 10 MiB with 413, accepts exactly 10 MiB", async () => {
    const limit = 10 * 1024 * 1024;
    const big = Buffer.alloc(limit + 1);
    PDF.copy(big);
    const tooBig = await upload(s.window, big, "application/pdf");
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe("PAYLOAD_TOO_LARGE");
    const atLimit = await upload(s.window, big.subarray(0, limit), "application/pdf", "scan.pdf");
    expect(atLimit.statusCode).toBe(201);
    expect(atLimit.json().size).toBe(limit);
  });

  it("names a missing file name, an empty file and a missing ticket", async () => {
    const noName = await s.window.request("POST", `/api/tickets/${ticketId}/attachments`, PNG as unknown as object, { "content-type": "image/png" });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().field).toBe("fileName");
    const slashOnly = await upload(s.window, PNG, "image/png", "dir/");
    expect(slashOnly.json().field).toBe("fileName");
    const empty = await upload(s.window, Buffer.alloc(0), "image/png");
    expect(empty.statusCode).toBe(400);
    expect((await upload(s.window, PNG, "image/png", "a.png", "00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });

  it("keeps only the last segment of a path-like name", async () => {
    const response = await upload(s.window, PNG, "image/png", "../../etc/passwd.png");
    expect(response.json().fileName).toBe("passwd.png");
  });

  it("a merged ticket is read-only: 409 INVALID_TRANSITION, nothing stored", async () => {
    const walkIn = { channel: "window", serviceType: "consultation", category: "劳动争议", regionCode: tree.townships[0][0], applicant: { name: "李四" }, description: "同一件事来了两次" };
    const first = (await s.window.request("POST", "/api/tickets", walkIn)).json();
    const second = (await s.window.request("POST", "/api/tickets", walkIn)).json();
    mergedId = second.id;
    const merged = await s.window.request("POST", `/api/tickets/${second.id}/actions`, { action: "merge_into", targetTicketId: first.id });
    expect(merged.json().status).toBe("merged");
    const response = await upload(s.window, PNG, "image/png", "a.png", second.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("INVALID_TRANSITION");
    expect((await s.window.get(`/api/tickets/${second.id}/attachments`)).json().items).toEqual([]);
    expect(existsSync(join(attachmentRoot({ dataDir: null }), second.id))).toBe(false);
  });

  it("upload follows updateMaterials: a lawyer who does not handle it may not; another county sees nothing", async () => {
    expect((await upload(s.lawyer, PNG, "image/png")).statusCode).toBe(403);
    expect((await upload(s.otherWindow, PNG, "image/png")).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: `/api/tickets/${ticketId}/attachments?fileName=a.png`, payload: PNG, headers: { "content-type": "image/png" } })).statusCode).toBe(401);
  });
});

describe("list and download", () => {
  it("lists the ticket's attachments to whoever reads the ticket, and records each in the audit trail", async () => {
    const list = await s.lawyer.get(`/api/tickets/${ticketId}/attachments`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items.length).toBe(7); // the five kinds, the 10 MiB scan, the path-like name
    const audit = (await s.dispatcher.get(`/api/tickets/${ticketId}/audit`)).json();
    expect(audit.verified).toBe(true);
    const added = audit.events.filter((e: { type: string }) => e.type === "attachment.added");
    // The clock stands still in this file, so compare as sets.
    expect(added.map((e: { data: { attachmentId: string } }) => e.data.attachmentId).sort()).toEqual(items.map((i: { id: string }) => i.id).sort());
    expect((await s.otherWindow.get(`/api/tickets/${ticketId}/attachments`)).statusCode).toBe(404);
  });

  it("downloads the same bytes with the sniffed content type; another region gets 404", async () => {
    const stored = (await upload(s.window, JPEG, "application/octet-stream", "身份证.jpg")).json();
    const response = await s.lawyer.get(`/api/attachments/${stored.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/jpeg");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("身份证.jpg")}`);
    expect(Buffer.compare(response.rawPayload, JPEG)).toBe(0);
    expect((await s.otherWindow.get(`/api/attachments/${stored.id}`)).statusCode).toBe(404);
    expect((await s.otherWindow.get(`/api/attachments/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: `/api/attachments/${stored.id}` })).statusCode).toBe(401);
    const pdf = (await upload(s.window, PDF, "application/pdf", "合同.pdf")).json();
    const pdfResponse = await s.window.get(`/api/attachments/${pdf.id}`);
    expect(pdfResponse.headers["content-type"]).toBe("application/pdf");
    expect(pdfResponse.headers["content-disposition"]).toMatch(/^attachment;/);
  });

  it("keeps the bytes on disk under the attachment root, not in the database", async () => {
    const stored = (await upload(s.window, PNG, "image/png", "x.png")).json();
    expect(existsSync(join(attachmentRoot({ dataDir: null }), ticketId, stored.id))).toBe(true);
  });

  it("seals the bytes on disk (an ID card scan is personal data); the download and the sha256 are of the original", async () => {
    const stored = (await upload(s.window, JPEG, "image/jpeg", "身份证正面.jpg")).json();
    const onDisk = readFileSync(join(attachmentRoot({ dataDir: null }), ticketId, stored.id));
    expect(onDisk.includes(JPEG.subarray(4))).toBe(false);
    expect(onDisk.subarray(0, 26).toString("latin1")).toBe(`SANTAI-SEALED-v2.${app.ctx.keys.data.id}.`);
    expect(stored.sha256).toBe(createHash("sha256").update(JPEG).digest("hex"));
    const response = await s.lawyer.get(`/api/attachments/${stored.id}`);
    expect(response.statusCode).toBe(200);
    expect(Buffer.compare(response.rawPayload, JPEG)).toBe(0);
  });

  it("a file stored in the clear before files were sealed still downloads", async () => {
    const stored = (await upload(s.window, PNG, "image/png", "旧扫描件.png")).json();
    writeFileSync(join(attachmentRoot({ dataDir: null }), ticketId, stored.id), PNG);
    const response = await s.lawyer.get(`/api/attachments/${stored.id}`);
    expect(response.statusCode).toBe(200);
    expect(Buffer.compare(response.rawPayload, PNG)).toBe(0);
  });
});

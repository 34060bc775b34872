/**
 * 文书 over HTTP: each kind generated as PDF (text read back with a PDF reader)
 * and as DOCX (document.xml read back), kept on the ticket; the public verify
 * route (found, unknown, no personal data); the permission matrix; the
 * templates' editing; a server without the Chinese font.
 */
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import JSZip from "jszip";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { idCheckChar } from "../../src/server/platform/personal/identity.ts";
import { attachmentRoot } from "../../src/server/modules/attachments/attachment-store.ts";
import { findDocumentFont } from "../../src/server/modules/documents/pdf-document.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { signInCitizen } from "../helpers/citizens.ts";
import { pdfText } from "../helpers/pdf-text.ts";

let database: Database;
let app: FastifyInstance;
let tree: TestTree;
const s: Record<string, Session> = {};
let legalAidId: string;
let legalAidNumber: string;
let mediationId: string;
let mediationNumber: string;
const first17 = "11010519491231002";
const ID_NUMBER = `${first17}${idCheckChar(first17)}`;
const PHONE = "13912345678";
const hasFont = findDocumentFont(null) !== null;
/** SANTAI_PUBLIC_URL of this test's deployment: the verify address printed on each document is under it. */
const PUBLIC_URL = "https://12348.example.gov.cn/santai";
const verifyUrlOf = (code: string) => `${PUBLIC_URL}/verify/${code}`;
// CI installs it (.ci/run); elsewhere say why the PDF tests did not run.
if (!hasFont) console.warn("[documents] PDF tests skipped: no Chinese font (apt-get install fonts-wqy-microhei)");

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await createTestApp(database, new Date("2026-12-01T10:00:00+08:00"), { publicUrl: `${PUBLIC_URL}/` }));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("window", ["window"], tree.townships[0][0]);
  await make("otherWindow", ["window"], tree.townships[0][1]);
  await make("admin", ["admin"], tree.province);
  await make("supervisor", ["supervisor"], tree.counties[0]);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("countyAdmin", ["admin"], tree.counties[0]);
  await make("leader", ["leader"], tree.counties[0]);
  await make("otherLeader", ["leader"], tree.counties[1]);
  const legalAid = await s.window.request("POST", "/api/tickets", {
    channel: "window",
    serviceType: "legal_aid",
    category: "劳动争议",
    regionCode: tree.townships[0][0],
    applicant: { name: "张三丰", phone: PHONE, idNumber: ID_NUMBER, gender: "male" },
    description: "公司拖欠三个月工资共计一万二千元",
  });
  expect(legalAid.statusCode).toBe(201);
  ({ id: legalAidId, number: legalAidNumber } = legalAid.json());
  const mediation = await s.window.request("POST", "/api/tickets", {
    channel: "window",
    serviceType: "mediation",
    category: "邻里",
    regionCode: tree.townships[0][0],
    applicant: { name: "王五", phone: "13812345678" },
    counterparty: { name: "李四" },
    description: "邻居李四家的空调外机正对卧室窗户，噪音扰民",
  });
  expect(mediation.statusCode).toBe(201);
  ({ id: mediationId, number: mediationNumber } = mediation.json());
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  for (const id of [legalAidId, mediationId]) if (id) await rm(join(attachmentRoot({ dataDir: null }), id), { recursive: true, force: true });
});

const generate = (who: Session, ticketId: string, body: object) => who.request("POST", `/api/tickets/${ticketId}/documents`, body);
const download = async (who: Session, attachmentId: string) => {
  const response = await who.get(`/api/attachments/${attachmentId}`);
  expect(response.statusCode).toBe(200);
  return response.rawPayload;
};

/** Each kind with the fields it needs and what its text must say. */
const CASES = [
  { kind: "legal_aid_application", ticket: "legal_aid", fields: { "applicant.address": "测试镇幸福路1号" }, says: ["法律援助申请表", "张三丰", "劳动争议", "第四十一条", "幸福路1号", PHONE] },
  { kind: "legal_aid_acceptance", ticket: "legal_aid", fields: { "acceptance.missingMaterials": "劳动合同复印件" }, says: ["受理通知书", "张三丰", "第四十三条", "七日内", "劳动合同复印件"] },
  {
    kind: "legal_aid_decision",
    ticket: "legal_aid",
    fields: { "decision.outcome": "refuse", "decision.reasons": "家庭人均月收入高于本省经济困难标准" },
    says: ["不予法律援助决定书", "张三丰", "家庭人均月收入高于本省经济困难标准", "第四十九条", "司法局", "五日内"],
  },
  { kind: "legal_aid_assignment", ticket: "legal_aid", fields: { "lawyer.name": "赵律师", "lawyer.firm": "青川律师事务所" }, says: ["指派通知书", "张三丰", "赵律师", "青川律师事务所", "第四十三条"] },
  { kind: "mediation_application", ticket: "mediation", fields: { "mediation.request": "请求对方移走空调外机" }, says: ["人民调解申请书", "王五", "李四", "第十七条", "请求对方移走空调外机"] },
  {
    kind: "mediation_agreement",
    ticket: "mediation",
    fields: {
      "dispute.issues": "空调外机位置",
      "dispute.responsibilities": "李四安装不当，应负主要责任",
      "agreement.content": "李四于十日内将空调外机移至阳台另一侧",
      "agreement.performance": "李四自行移装并承担费用",
      "agreement.deadline": "2026年12月15日前",
      "mediator.name": "陈调解员",
    },
    says: ["人民调解协议书", "王五", "李四", "第二十九条", "第三十三条", "空调外机位置", "李四安装不当", "移至阳台另一侧", "2026年12月15日前", "陈调解员"],
  },
  { kind: "referral", ticket: "mediation", fields: { "referral.to": "青川区人民法院", "referral.reason": "对方已起诉，宜诉调对接" }, says: ["转介函", "王五", "青川区人民法院", "宜诉调对接"] },
] as const;

const ticketOf = (which: "legal_aid" | "mediation") => (which === "legal_aid" ? { id: legalAidId, number: legalAidNumber } : { id: mediationId, number: mediationNumber });
const generated: { code: string; attachmentId: string; sha256: string; kind: string }[] = [];

describe.skipIf(!hasFont)("PDF", () => {
  it.each(CASES)("$kind: the reader finds the names, the ticket number, the articles and the verification code", async ({ kind, ticket, fields, says }) => {
    const { id, number } = ticketOf(ticket);
    const response = await generate(s.window, id, { kind, format: "pdf", fields });
    expect(response.statusCode, response.body).toBe(201);
    const doc = response.json();
    expect(doc).toMatchObject({ kind, format: "pdf", ticketId: id });
    expect(doc.verificationCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const bytes = await download(s.window, doc.attachmentId);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(doc.sha256);
    const text = await pdfText(bytes);
    // The absolute verify address under the deployment's public URL (the same address is the QR code's).
    for (const expected of [...says, number, doc.verificationCode, "北京时间", verifyUrlOf(doc.verificationCode)]) expect(text, `${kind} says ${expected}`).toContain(expected);
    generated.push({ code: doc.verificationCode, attachmentId: doc.attachmentId, sha256: doc.sha256, kind });
  });

  it("shows the ID number only as the policy lets the generating staff member see it (window staff: masked)", async () => {
    const response = await generate(s.window, legalAidId, { kind: "legal_aid_application", format: "pdf" });
    const text = await pdfText(await download(s.window, response.json().attachmentId));
    expect(text).not.toContain(ID_NUMBER);
    expect(text).toContain(`${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(-4)}`);
  });
});

describe("DOCX", () => {
  it.each(CASES)("$kind: document.xml holds the names, the ticket number and the articles; the footer the code", async ({ kind, ticket, fields, says }) => {
    const { id, number } = ticketOf(ticket);
    const response = await generate(s.window, id, { kind, format: "docx", fields });
    expect(response.statusCode, response.body).toBe(201);
    const doc = response.json();
    const bytes = await download(s.window, doc.attachmentId);
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    for (const expected of [...says, number]) expect(xml, `${kind} says ${expected}`).toContain(expected);
    const footer = await zip.file("word/footer1.xml")!.async("string");
    expect(footer).toContain(doc.verificationCode);
    expect(footer).toContain(verifyUrlOf(doc.verificationCode));
    generated.push({ code: doc.verificationCode, attachmentId: doc.attachmentId, sha256: doc.sha256, kind });
  });

  it("escapes what the caller typed", async () => {
    const response = await generate(s.window, mediationId, { kind: "referral", format: "docx", fields: { "referral.to": "<w:t>法院</w:t> & {{ticketNo}}", "referral.reason": "x" } });
    expect(response.statusCode).toBe(201);
    const zip = await JSZip.loadAsync(await download(s.window, response.json().attachmentId));
    expect(await zip.file("word/document.xml")!.async("string")).toContain("&lt;w:t&gt;法院&lt;/w:t&gt; &amp; {{ticketNo}}");
  });
});

describe("the ticket's documents", () => {
  it("lists every generated document with its code, and the kinds for the ticket's service type", async () => {
    const response = await s.window.get(`/api/tickets/${legalAidId}/documents`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.abilities).toEqual({ generate: true, revoke: false });
    expect(body.kinds.map((k: { kind: string }) => k.kind)).toEqual(["legal_aid_application", "legal_aid_acceptance", "legal_aid_decision", "legal_aid_assignment", "referral"]);
    expect(body.items.length).toBeGreaterThanOrEqual(4);
    const mediation = (await s.window.get(`/api/tickets/${mediationId}/documents`)).json();
    expect(mediation.kinds.map((k: { kind: string }) => k.kind)).toEqual(["mediation_application", "mediation_agreement", "referral"]);
  });

  it("keeps every file as an attachment of the ticket, and audits the generation", async () => {
    const attachments = (await s.window.get(`/api/tickets/${legalAidId}/attachments`)).json().items as { id: string; mediaType: string }[];
    const documents = (await s.window.get(`/api/tickets/${legalAidId}/documents`)).json().items as { attachmentId: string }[];
    for (const d of documents) expect(attachments.map((a) => a.id)).toContain(d.attachmentId);
    expect(attachments.map((a) => a.mediaType)).toContain("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const audited = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'document.generate' and entity_id = ${legalAidId}`);
    expect(audited.rows[0].n).toBe(documents.length);
  });

  it("refuses a missing required field naming it, a field the kind lacks, and a kind for another service", async () => {
    const missing = await generate(s.window, legalAidId, { kind: "legal_aid_decision", format: "docx", fields: { "decision.outcome": "grant" } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "fields.decision.reasons" });
    const unknown = await generate(s.window, legalAidId, { kind: "legal_aid_acceptance", format: "docx", fields: { "lawyer.name": "x" } });
    expect(unknown.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "fields.lawyer.name" });
    const wrongKind = await generate(s.window, legalAidId, { kind: "mediation_agreement", format: "docx" });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().field).toBe("kind");
    const badFormat = await generate(s.window, legalAidId, { kind: "referral", format: "odt" });
    expect(badFormat.statusCode).toBe(400);
  });
});

describe("a merged ticket", () => {
  it("takes no more documents: 409, and the list offers none", async () => {
    const duplicate = await s.window.request("POST", "/api/tickets", {
      channel: "window",
      serviceType: "legal_aid",
      category: "劳动争议",
      regionCode: tree.townships[0][0],
      applicant: { name: "张三丰" },
      description: "同一事项的重复登记",
    });
    const merged = await s.window.request("POST", `/api/tickets/${duplicate.json().id}/actions`, { action: "merge_into", targetTicketId: legalAidId });
    expect(merged.json().status).toBe("merged");
    const post = await generate(s.window, duplicate.json().id, { kind: "legal_aid_acceptance", format: "docx" });
    expect(post.statusCode).toBe(409);
    expect(post.json().code).toBe("INVALID_TRANSITION");
    expect((await s.window.get(`/api/tickets/${duplicate.json().id}/documents`)).json()).toEqual({ items: [], kinds: [], abilities: { generate: false, revoke: false } });
  });
});

describe("permissions", () => {
  it("staff of another township can neither list nor generate (the ticket does not exist for them)", async () => {
    expect((await s.otherWindow.get(`/api/tickets/${legalAidId}/documents`)).statusCode).toBe(404);
    expect((await generate(s.otherWindow, legalAidId, { kind: "referral", format: "docx", fields: { "referral.to": "a", "referral.reason": "b" } })).statusCode).toBe(404);
  });

  it("in the ticket's region, who may not add materials (a supervisor) sees the list but may not generate", async () => {
    const list = await s.supervisor.get(`/api/tickets/${legalAidId}/documents`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ abilities: { generate: false }, kinds: [] });
    expect(list.json().items.length).toBeGreaterThan(0);
    const post = await generate(s.supervisor, legalAidId, { kind: "referral", format: "docx", fields: { "referral.to": "a", "referral.reason": "b" } });
    expect(post.statusCode).toBe(403);
  });

  it("the command centre above may generate", async () => {
    const post = await generate(s.dispatcher, legalAidId, { kind: "referral", format: "docx", fields: { "referral.to": "市中级人民法院", "referral.reason": "诉调对接" } });
    expect(post.statusCode, post.body).toBe(201);
  });

  it("a citizen can neither list nor generate, not even for their own request", async () => {
    const citizen = await signInCitizen(app);
    const list = await citizen.get(`/api/tickets/${legalAidId}/documents`);
    expect([401, 403]).toContain(list.statusCode);
    const post = await citizen.request("POST", `/api/tickets/${legalAidId}/documents`, { kind: "referral", format: "docx" });
    expect([401, 403]).toContain(post.statusCode);
  });

  it("anonymous callers are refused", async () => {
    expect((await app.inject({ method: "GET", url: `/api/tickets/${legalAidId}/documents` })).statusCode).toBe(401);
  });
});

describe("verify (public)", () => {
  it("confirms kind, ticket number, unit, time and hash for each generated document, and nothing personal", async () => {
    expect(generated.length).toBeGreaterThanOrEqual(7);
    for (const g of generated) {
      const response = await app.inject({ method: "GET", url: `/api/verify/${g.code.toLowerCase()}` });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ code: g.code, kind: g.kind, sha256: g.sha256 });
      expect([legalAidNumber, mediationNumber]).toContain(body.ticketNumber);
      expect(body.issuingUnit).toMatch(/测试/);
      expect(body.issuedAtBeijing).toBe("2026-12-01 10:00");
      expect(body.applicant).toMatch(/^[张王]\*+$/);
      for (const secret of ["张三丰", "王五", "李四", PHONE, "13812345678", ID_NUMBER, "拖欠", "空调"]) expect(response.body).not.toContain(secret);
    }
  });

  it("says a document stands until it is revoked", async () => {
    const body = (await app.inject({ method: "GET", url: `/api/verify/${generated[0].code}` })).json();
    expect(body).toMatchObject({ isRevoked: false, revokedAt: null, revokedAtBeijing: null, revocationReason: null });
  });

  it("answers 404 for an unknown or malformed code", async () => {
    expect((await app.inject({ method: "GET", url: "/api/verify/AAAA-BBBB-CCCC-DDDD" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/verify/not-a-code" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/verify/%3Cscript%3E" })).statusCode).toBe(400);
  });
});

describe("templates", () => {
  it("an admin at the root edits a template; a generated document uses the new text; the shipped text can be put back", async () => {
    const list = (await s.admin.get("/api/document-templates")).json().items as { kind: string; isShipped: boolean; version: number }[];
    expect(list).toHaveLength(7);
    expect(list.every((t) => t.isShipped && t.version === 1)).toBe(true);
    const bad = await s.admin.request("PUT", "/api/document-templates/referral", { title: "转介函", body: "致：{{referral.to}}\n{{applicant.idNumberFull}}" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("body");
    expect(bad.json().message).toContain("line 2");
    const saved = await s.admin.request("PUT", "/api/document-templates/referral", { title: "转介函（本地版）", body: "致：{{referral.to}}\n事由：{{referral.reason}}\n本地条款一" });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, isShipped: false, title: "转介函（本地版）" });
    const doc = await generate(s.window, mediationId, { kind: "referral", format: "docx", fields: { "referral.to": "派出所", "referral.reason": "治安" } });
    const zip = await JSZip.loadAsync(await download(s.window, doc.json().attachmentId));
    expect(await zip.file("word/document.xml")!.async("string")).toContain("本地条款一");
    const reset = await s.admin.request("DELETE", "/api/document-templates/referral");
    expect(reset.json()).toMatchObject({ version: 3, isShipped: true });
    // The audit log names the template by its document.
    const audit = (await s.admin.get("/api/audit?entityType=document_template&entityId=referral")).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(["document_template.reset", "document_template.update"]);
    expect(audit.items[0].entityLabel).toBe("转介函");
  });

  it("nobody else changes them", async () => {
    for (const who of [s.countyAdmin, s.window]) {
      expect((await who.request("PUT", "/api/document-templates/referral", { title: "x", body: "y" })).statusCode).toBe(403);
    }
  });
});

describe("revoking a document (作废)", () => {
  let doc: { id: string; verificationCode: string; sha256: string };
  const revoke = (who: Session, body: Record<string, unknown>, id = doc.id) => who.request("POST", `/api/tickets/${legalAidId}/documents/${id}/revoke`, body);
  const REASON = "受理通知书日期填写错误，已重新出具";

  beforeAll(async () => {
    const response = await generate(s.window, legalAidId, { kind: "legal_aid_acceptance", format: "docx" });
    expect(response.statusCode).toBe(201);
    doc = response.json();
  });

  it("is for a leader or admin where the matter is: not the clerk who generated it, not a supervisor, not another county", async () => {
    for (const [who, status] of [["window", 403], ["supervisor", 403], ["dispatcher", 403], ["otherWindow", 404], ["otherLeader", 404]] as const) {
      expect((await revoke(s[who], { reason: REASON })).statusCode, who).toBe(status);
    }
    expect((await s.window.get(`/api/tickets/${legalAidId}/documents`)).json().abilities).toMatchObject({ generate: true, revoke: false });
    expect((await s.leader.get(`/api/tickets/${legalAidId}/documents`)).json().abilities.revoke).toBe(true);
    expect((await s.countyAdmin.get(`/api/tickets/${legalAidId}/documents`)).json().abilities.revoke).toBe(true);
    // Nothing was revoked by the refusals.
    expect((await app.inject({ method: "GET", url: `/api/verify/${doc.verificationCode}` })).json().isRevoked).toBe(false);
  });

  it("needs a reason; a document of another ticket is not found", async () => {
    const blank = await revoke(s.leader, { reason: "   " });
    expect([blank.statusCode, blank.json().field]).toEqual([400, "reason"]);
    const none = await revoke(s.leader, {});
    expect([none.statusCode, none.json().field]).toEqual([400, "reason"]);
    const other = (await s.window.get(`/api/tickets/${mediationId}/documents`)).json().items[0];
    expect((await revoke(s.leader, { reason: REASON }, other.id)).statusCode).toBe(404);
  });

  it("is recorded with when, why and by whom; verify then says revoked; once only; audited", async () => {
    const revoked = await revoke(s.leader, { reason: `  ${REASON} ` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: doc.id, revocation: { at: "2026-12-01T02:00:00.000Z", reason: REASON, by: { displayName: expect.any(String) } } });
    const verify = await app.inject({ method: "GET", url: `/api/verify/${doc.verificationCode.toLowerCase()}` });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ code: doc.verificationCode, sha256: doc.sha256, isRevoked: true, revokedAt: "2026-12-01T02:00:00.000Z", revokedAtBeijing: "2026-12-01 10:00", revocationReason: REASON });
    expect(verify.body).not.toContain("张三丰");
    const again = await revoke(s.countyAdmin, { reason: "再次作废" });
    expect(again.statusCode).toBe(409);
    const listed = (await s.window.get(`/api/tickets/${legalAidId}/documents`)).json().items.find((d: { id: string }) => d.id === doc.id);
    expect(listed.revocation).toMatchObject({ reason: REASON });
    const { rows } = await database.pool.query<{ action: string; detail: Record<string, unknown> }>(
      "select action, detail from audit_log where entity_type = 'ticket' and entity_id = $1 and action = 'document.revoke'", [legalAidId]);
    expect(rows).toEqual([expect.objectContaining({ detail: expect.objectContaining({ documentId: doc.id, reason: REASON, kind: "legal_aid_acceptance" }) })]);
  });
});

describe("without the Chinese font", () => {
  it("PDF is a 503 saying what to install; DOCX still works", async () => {
    const { app: fontless } = await createTestApp(database, new Date("2026-12-01T11:00:00+08:00"), { documentFont: "/no/such/font.ttc" });
    try {
      const window = await signIn(fontless, s.window.username);
      const pdf = await generate(window, legalAidId, { kind: "legal_aid_acceptance", format: "pdf" });
      expect(pdf.statusCode).toBe(503);
      expect(pdf.json()).toMatchObject({ code: "DOCUMENT_FONT_MISSING", field: "format" });
      expect(pdf.json().message).toContain("fonts-wqy-microhei");
      expect((await generate(window, legalAidId, { kind: "legal_aid_acceptance", format: "docx" })).statusCode).toBe(201);
    } finally {
      await fontless.close();
    }
  });
});

import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { AppError } from "../../platform/errors.ts";
import { DOCUMENT_KINDS, TICKET_PLACEHOLDERS, type TicketPlaceholder } from "./document-kinds.ts";
import { SHIPPED_TEMPLATES } from "./shipped-templates.ts";
import { EMPTY_VALUE, renderTemplate, resolveValues, templateProblems } from "./template-render.ts";
import { groupVerificationCode, newVerificationCode, normalizeVerificationCode } from "./verification-code.ts";
import { renderDocx } from "./docx-document.ts";
import { findDocumentFont } from "./pdf-document.ts";
import { maskName } from "./ticket-values.ts";

const ticket = (overrides: Partial<Record<TicketPlaceholder, string | null>> = {}): Record<TicketPlaceholder, string | null> => ({
  ...(Object.fromEntries(TICKET_PLACEHOLDERS.map((k) => [k, null])) as Record<TicketPlaceholder, string | null>),
  ticketNo: "990102-20261201-0001",
  "applicant.name": "张三",
  "unit.name": "青川区法律援助中心",
  "justiceBureau.name": "青川区司法局",
  category: "劳动争议",
  description: "公司拖欠三个月工资",
  ...overrides,
});

const fieldError = (run: () => unknown): { code: string; field?: string } => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error("did not throw");
};

describe("the shipped templates", () => {
  it.each(DOCUMENT_KINDS)("%s uses only its own placeholders and closes its conditionals", (kind) => {
    expect(templateProblems(kind, SHIPPED_TEMPLATES[kind])).toEqual([]);
  });
});

describe("templateProblems", () => {
  it("names an unknown placeholder with its line", () => {
    const [problem] = templateProblems("referral", { title: "转介函", body: "第一行\n{{applicant.address}}" });
    expect(problem).toMatchObject({ field: "body" });
    expect(problem.message).toContain("line 2");
    expect(problem.message).toContain("applicant.address");
  });
  it("refuses an unclosed or unknown conditional and stray braces", () => {
    expect(templateProblems("legal_aid_decision", { title: "t", body: "{{#if decision.outcome=grant}}\nx" })[0].message).toContain("without {{/if}}");
    expect(templateProblems("legal_aid_decision", { title: "t", body: "{{#if decision.outcome=maybe}}\nx\n{{/if}}" })[0].message).toContain("never maybe");
    expect(templateProblems("referral", { title: "t", body: "a {{ b" })[0].message).toContain("not a placeholder");
    expect(templateProblems("referral", { title: "{{nope}}", body: "x" })[0].field).toBe("title");
  });
});

describe("resolveValues", () => {
  it("a missing required field is a 400 naming fields.<key>", () => {
    expect(fieldError(() => resolveValues("legal_aid_decision", ticket(), { "decision.outcome": "refuse" }))).toEqual({ code: "VALIDATION_FAILED", field: "fields.decision.reasons" });
    expect(fieldError(() => resolveValues("mediation_agreement", ticket(), {}))).toEqual({ code: "VALIDATION_FAILED", field: "fields.counterparty.name" });
  });
  it("refuses a field the kind does not have, and a value outside its options", () => {
    expect(fieldError(() => resolveValues("referral", ticket(), { "referral.to": "x", "referral.reason": "y", evil: "z" })).field).toBe("fields.evil");
    expect(fieldError(() => resolveValues("legal_aid_decision", ticket(), { "decision.outcome": "maybe", "decision.reasons": "r" })).field).toBe("fields.decision.outcome");
  });
  it("takes a fallback from the ticket, and shows an empty optional value as a dash", () => {
    const values = resolveValues("legal_aid_application", ticket(), {});
    expect(values.get("application.matter")).toBe("劳动争议");
    expect(values.get("application.facts")).toBe("公司拖欠三个月工资");
    expect(values.get("applicant.address")).toBe(EMPTY_VALUE);
    expect(values.get("applicant.phone")).toBe(EMPTY_VALUE);
  });
});

describe("renderTemplate", () => {
  it("inserts values as text, never as template, and strips control characters", () => {
    const values = resolveValues("referral", ticket({ "applicant.name": "{{ticketNo}} <b>&" }), { "referral.to": "青川区人民法院\u0007", "referral.reason": "{{#if decision.outcome=grant}}" });
    const doc = renderTemplate("referral", { title: "转介函", body: "{{applicant.name}}|{{referral.to}}\n{{referral.reason}}" }, values);
    expect(doc.blocks.map((b) => b.text)).toEqual(["{{ticketNo}} <b>&|青川区人民法院", "{{#if decision.outcome=grant}}"]);
  });
  it("keeps the branch of the decision taken: refusal names the remedy of Art. 49", () => {
    const refuse = renderTemplate("legal_aid_decision", SHIPPED_TEMPLATES.legal_aid_decision, resolveValues("legal_aid_decision", ticket(), { "decision.outcome": "refuse", "decision.reasons": "收入高于标准" }));
    const text = refuse.blocks.map((b) => b.text).join("\n");
    expect(refuse.title).toBe("不予法律援助决定书");
    expect(text).toContain("第四十九条");
    expect(text).toContain("青川区司法局");
    expect(text).toContain("收入高于标准");
    expect(text).not.toContain("给予法律援助\n");
    const grant = renderTemplate("legal_aid_decision", SHIPPED_TEMPLATES.legal_aid_decision, resolveValues("legal_aid_decision", ticket(), { "decision.outcome": "grant", "decision.reasons": "符合条件" }));
    expect(grant.title).toBe("给予法律援助决定书");
    expect(grant.blocks.map((b) => b.text).join("\n")).not.toContain("第四十九条");
  });
  it("styles headings and right-aligned lines", () => {
    const doc = renderTemplate("referral", { title: "t", body: "## 标题\n> 落款\n正文" }, resolveValues("referral", ticket(), { "referral.to": "a", "referral.reason": "b" }));
    expect(doc.blocks.map((b) => b.style)).toEqual(["heading", "right", "paragraph"]);
  });
});

describe("verification codes", () => {
  it("are 16 base32 characters, distinct, and read back however they are typed", () => {
    const codes = new Set(Array.from({ length: 200 }, () => newVerificationCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      const grouped = groupVerificationCode(code);
      expect(grouped).toMatch(/^(.{4}-){3}.{4}$/);
      expect(normalizeVerificationCode(grouped.toLowerCase())).toBe(code);
    }
    expect(normalizeVerificationCode("oooo iiii llll 0000")).toBe("0000111111110000");
    expect(normalizeVerificationCode("ABCD")).toBeNull();
    expect(normalizeVerificationCode("UUUU-UUUU-UUUU-UUUU")).toBeNull();
  });
});

describe("DOCX", () => {
  it("is a zip whose document.xml holds the escaped text and whose footer holds the stamp", async () => {
    const doc = { title: "转介函", blocks: [{ style: "paragraph" as const, text: "a < b & \"c\"\n第二行" }] };
    const bytes = await renderDocx(doc, { ticketNo: "N-1", code: "AAAA-BBBB-CCCC-DDDD", issuedAt: "2026-12-02 09:00", issuingUnit: "某中心", verifyUrl: "https://12348.example.gov.cn/verify/AAAA-BBBB-CCCC-DDDD" }, new Date());
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("a &lt; b &amp; &quot;c&quot;");
    expect(xml).toContain("<w:br/>");
    expect(await zip.file("word/footer1.xml")!.async("string")).toContain("AAAA-BBBB-CCCC-DDDD");
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("wordprocessingml.document.main+xml");
  });
});

describe("findDocumentFont", () => {
  it("uses the override when it exists, and nothing when neither it nor a candidate does", () => {
    expect(findDocumentFont("/no/such/font.ttc")).toBeNull();
    expect(findDocumentFont(null, ["/no/such/a.ttc"])).toBeNull();
    expect(findDocumentFont(`${process.execPath}#Face`)).toEqual({ path: process.execPath, face: "Face" });
  });
});

describe("maskName", () => {
  it.each([
    ["张三", "张*"],
    ["欧阳娜娜", "欧***"],
    ["李", "李*"],
  ])("%s → %s", (name, masked) => expect(maskName(name)).toBe(masked));
});

describe("empty optional values", () => {
  it("a line that is only an empty optional placeholder is left out; inside text it prints as a dash", () => {
    const values = resolveValues("mediation_agreement", ticket({ "counterparty.name": "李四" }), {
      "dispute.issues": "a",
      "dispute.responsibilities": "b",
      "agreement.content": "c",
      "agreement.performance": "d",
      "agreement.deadline": "e",
      "mediator.name": "f",
    });
    const doc = renderTemplate("mediation_agreement", { title: "t", body: "{{parties.details}}\n情况：{{parties.details}}" }, values);
    expect(doc.blocks.map((b) => b.text)).toEqual([`情况：${EMPTY_VALUE}`]);
  });
});

/**
 * 常见问题与以案释法 and 口语对照表 over HTTP: who writes, publishes and withdraws entries
 * (role × region), validation naming the field (a citation the imported laws do not have,
 * a category, an empty title), the publishing machine, the search tokens, the portal's
 * read (published and in the visitor's region only), the audit entries; who changes the
 * wording table, its validation, and that searches see a change at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { parseLawRefBook } from "../../src/server/modules/knowledge/lawrefbook-format.ts";
import { storeLaws, type LawSource } from "../../src/server/modules/knowledge/commands/import-laws.ts";
import { activeWordings } from "../../src/server/modules/knowledge/queries/find-query-wordings.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};

type Entry = {
  id: string;
  status: string;
  title: string;
  body: string;
  category: string | null;
  citations: { lawTitle: string; articleNo: string; lawId: string | null; anchor: string | null }[];
  region: { code: string };
  abilities: Record<string, boolean>;
  allowedActions: string[];
  publishedAt: string | null;
};

const draft = {
  kind: "faq",
  title: "没签劳动合同能要二倍工资吗？",
  body: "用人单位超过一个月不满一年未订立书面劳动合同的，应当每月支付二倍的工资。\n<script>alert(1)</script>",
  category: "劳动争议",
  citations: [{ lawTitle: "劳动合同法", articleNo: "第八十二条" }],
};

const anonymous = (method: "GET" | "POST", url: string, payload?: object) => app.inject({ method, url, ...(payload ? { payload } : {}) });

async function write(who: Session, overrides: Record<string, unknown> = {}): Promise<Entry> {
  const response = await who.request("POST", "/api/knowledge/entries", { ...draft, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const act = (who: Session, id: string, action: string) => who.request("POST", `/api/knowledge/entries/${id}/actions`, { action });
const edit = (who: Session, id: string, body: object) => who.request("PATCH", `/api/knowledge/entries/${id}`, body);

/** Written and published by a publisher (an admin or a leader). */
async function published(who: Session, overrides: Record<string, unknown> = {}): Promise<Entry> {
  const entry = await write(who, overrides);
  const response = await act(who, entry.id, "publish");
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A law in the importer's format, stored as the importer stores it. */
function lawSource(key: string, markdown: string, publishedOn: string, category = "社会法"): LawSource {
  return { sourceKey: `test:${key}`, origin: key, parsed: parseLawRefBook(markdown), level: "law", category, regionCode: null, publishedOn, effectiveOn: null, isExpired: false, raw: markdown };
}

const LAWS = [
  lawSource(
    "民法典/婚姻家庭编.md",
    "# 中华人民共和国民法典\n\n# 婚姻家庭编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n<!-- INFO END -->\n\n## 第四章　离婚\n\n第一千零八十四条 父母与子女间的关系，不因父母离婚而消除。\n\n第一千零八十五条 离婚后，子女由一方直接抚养的，另一方应当负担部分或者全部抚养费。\n",
    "2020-05-28",
    "民法典",
  ),
  lawSource(
    "社会法/劳动合同法(2012-12-28).md",
    "# 中华人民共和国劳动合同法\n\n2012年12月28日修正\n\n<!-- INFO END -->\n\n第十条 建立劳动关系，应当订立书面劳动合同。\n\n第八十二条 用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。\n",
    "2012-12-28",
  ),
  // Two versions of one law: 第三条 is only in the older one.
  lawSource("社会法/测试权益法(2018-01-01).md", "# 中华人民共和国测试权益法\n\n<!-- INFO END -->\n\n第一条 旧的第一条。\n\n第三条 旧的第三条。\n", "2018-01-01"),
  lawSource("社会法/测试权益法(2023-01-01).md", "# 中华人民共和国测试权益法\n\n<!-- INFO END -->\n\n第一条 新的第一条。\n\n第二条 新的第二条。\n", "2023-01-01"),
];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, new Date("2026-11-18T10:00:00+08:00")));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("rootAdmin", ["admin"], tree.province);
  await make("cityAdmin", ["admin"], tree.city);
  await make("admin", ["admin"], tree.counties[0]);
  await make("leader", ["leader"], tree.counties[0]);
  await make("lawyer", ["lawyer"], tree.counties[0]);
  await make("advisor", ["advisor"], tree.townships[0][0]);
  await make("window", ["window"], tree.counties[0]);
  await make("mediator", ["mediator"], tree.counties[0]);
  await make("supervisor", ["supervisor"], tree.counties[0]);
  await make("otherLawyer", ["lawyer"], tree.counties[1]);
  await make("otherAdmin", ["admin"], tree.counties[1]);
  await make("townshipAdmin", ["admin"], tree.townships[0][0]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("before any law is imported", () => {
  it("citations cannot be checked: they are kept as typed, in the laws' form, and link to nothing", async () => {
    const entry = await write(s.admin, { citations: [{ lawTitle: "《民法典》", articleNo: "54" }, { lawTitle: "任何法", articleNo: "第1条" }] });
    expect(entry.citations).toEqual([
      { lawTitle: "民法典", articleNo: "第五十四条", lawId: null, anchor: null },
      { lawTitle: "任何法", articleNo: "第一条", lawId: null, anchor: null },
    ]);
  });
});

describe("with laws imported", () => {
  beforeAll(async () => {
    await database.db.transaction((tx) => storeLaws(tx, LAWS, { now: new Date() }));
  });

  describe("writing (role × region)", () => {
    it.each(["admin", "leader", "lawyer", "advisor"])("a %s writes a draft, filed under their own region", async (key) => {
      const entry = await write(s[key]);
      const region = key === "advisor" ? tree.townships[0][0] : tree.counties[0];
      expect(entry).toMatchObject({ status: "draft", region: { code: region }, abilities: { read: true, update: true } });
    });

    it("admins and leaders publish; lawyers and advisors may not (403), and see no publish action", async () => {
      const byLawyer = await write(s.lawyer);
      expect(byLawyer).toMatchObject({ abilities: { publish: false, withdraw: false }, allowedActions: [] });
      expect((await act(s.lawyer, byLawyer.id, "publish")).statusCode).toBe(403);
      const byAdvisor = await write(s.advisor);
      expect((await act(s.advisor, byAdvisor.id, "publish")).statusCode).toBe(403);
      // The leader of the county releases what the lawyer wrote.
      const seen = (await s.leader.get(`/api/knowledge/entries/${byLawyer.id}`)).json();
      expect(seen).toMatchObject({ abilities: { publish: true }, allowedActions: ["publish"] });
      expect((await act(s.leader, byLawyer.id, "publish")).json()).toMatchObject({ status: "published", allowedActions: ["withdraw"] });
      expect((await act(s.admin, byAdvisor.id, "publish")).json()).toMatchObject({ status: "published" });
    });

    it("an author edits a draft, not a published entry; a publisher corrects a published one, which stays published", async () => {
      const entry = await write(s.lawyer);
      expect((await edit(s.lawyer, entry.id, { title: "  改过的问题  " })).json()).toMatchObject({ title: "改过的问题", status: "draft" });
      await act(s.leader, entry.id, "publish");
      const refused = await edit(s.lawyer, entry.id, { title: "发布后再改" });
      expect(refused.statusCode).toBe(403);
      expect((await s.lawyer.get(`/api/knowledge/entries/${entry.id}`)).json()).toMatchObject({ title: "改过的问题", abilities: { update: false } });
      expect((await edit(s.leader, entry.id, { body: "更正后的回答。" })).json()).toMatchObject({ status: "published", body: "更正后的回答。" });
      // Withdrawn, it is the author's to rework again.
      await act(s.leader, entry.id, "withdraw");
      expect((await edit(s.lawyer, entry.id, { title: "撤回后修改" })).statusCode).toBe(200);
    });

    it.each(["window", "mediator", "supervisor"])("a %s may not write (403) but reads the entries of the scope without abilities", async (key) => {
      expect((await s[key].request("POST", "/api/knowledge/entries", draft)).statusCode).toBe(403);
      const entry = await write(s.lawyer);
      const seen = await s[key].get(`/api/knowledge/entries/${entry.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({ abilities: { read: true, update: false, publish: false, withdraw: false }, allowedActions: [] });
      expect((await edit(s[key], entry.id, { title: "改" })).statusCode).toBe(403);
      expect((await act(s[key], entry.id, "publish")).statusCode).toBe(403);
    });

    it("outside the scope (another county, a township below) an entry is not found (404) and not listed", async () => {
      const entry = await write(s.lawyer);
      for (const key of ["otherLawyer", "otherAdmin", "townshipAdmin", "advisor"]) {
        expect((await s[key].get(`/api/knowledge/entries/${entry.id}`)).statusCode, key).toBe(404);
        expect((await edit(s[key], entry.id, { title: "越权修改" })).statusCode, key).toBe(404);
        expect((await act(s[key], entry.id, "publish")).statusCode, key).toBe(404);
        const list = (await s[key].get("/api/knowledge/entries?limit=200")).json();
        expect(list.items.map((e: Entry) => e.id), key).not.toContain(entry.id);
      }
    });

    it("the city's admin above edits and publishes it", async () => {
      const entry = await write(s.lawyer);
      expect((await edit(s.cityAdmin, entry.id, { category: "合同" })).json()).toMatchObject({ category: "合同" });
      expect((await act(s.cityAdmin, entry.id, "publish")).statusCode).toBe(200);
    });

    it("staff routes refuse anonymous callers (401)", async () => {
      const entry = await write(s.lawyer);
      expect((await anonymous("GET", "/api/knowledge/entries")).statusCode).toBe(401);
      expect((await anonymous("GET", `/api/knowledge/entries/${entry.id}`)).statusCode).toBe(401);
      expect((await anonymous("POST", "/api/knowledge/entries", draft)).statusCode).toBe(401);
      expect((await anonymous("POST", `/api/knowledge/entries/${entry.id}/actions`, { action: "publish" })).statusCode).toBe(401);
    });

    it("the list filters by kind, status and text", async () => {
      const faq = await write(s.lawyer, { title: "加班费怎么算？独一无二的问题" });
      const story = await published(s.leader, { kind: "case_explainer", title: "以案释法：加班费纠纷独一无二" });
      const ids = async (query: string) => (await s.admin.get(`/api/knowledge/entries?limit=200${query}`)).json().items.map((e: Entry) => e.id);
      // The clock stands still: both were changed at the same moment, so compare as sets.
      expect((await ids("&q=独一无二")).sort()).toEqual([story.id, faq.id].sort());
      expect(await ids("&q=独一无二&kind=faq")).toEqual([faq.id]);
      expect(await ids("&q=独一无二&status=published")).toEqual([story.id]);
      expect(await ids("&q=独一无二&kind=case_explainer&status=draft")).toEqual([]);
      expect((await s.admin.get("/api/knowledge/entries?kind=news")).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "kind" });
    });
  });

  describe("validation", () => {
    it.each([
      [{ ...draft, title: "   " }, "title"],
      [{ ...draft, title: undefined }, "title"],
      [{ ...draft, body: "" }, "body"],
      [{ ...draft, category: "labour" }, "category"],
      [{ ...draft, kind: "news" }, "kind"],
      [{ ...draft, citations: [{ lawTitle: "民法典" }] }, "citations[0].articleNo"],
      [{ ...draft, citations: [{ lawTitle: " ", articleNo: "第一条" }] }, "citations[0].lawTitle"],
      [{ ...draft, citations: Array.from({ length: 21 }, () => draft.citations[0]) }, "citations"],
      [{ ...draft, isPinned: true }, "isPinned"],
    ])("%j → 400 naming %s", async (body, field) => {
      const response = await s.admin.request("POST", "/api/knowledge/entries", body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
    });

    it("a citation the imported laws do not have is a 400 naming it: an unknown law, an unknown article, an article only an old version had", async () => {
      const cases: [object[], string, string][] = [
        [[draft.citations[0], { lawTitle: "中华人民共和国不存在法", articleNo: "第一条" }], "citations[1]", "unknown_law"],
        [[{ lawTitle: "民法典", articleNo: "第九千条" }], "citations[0]", "unknown_article"],
        [[{ lawTitle: "测试权益法", articleNo: "第三条" }], "citations[0]", "unknown_article"],
      ];
      for (const [citations, field, reason] of cases) {
        const response = await s.admin.request("POST", "/api/knowledge/entries", { ...draft, citations });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field, reason });
      }
      // An edit is checked the same way, and changes nothing when refused.
      const entry = await write(s.admin);
      const refused = await edit(s.admin, entry.id, { title: "新标题", citations: [{ lawTitle: "民法典", articleNo: "第九千条" }] });
      expect(refused.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "citations[0]" });
      expect((await s.admin.get(`/api/knowledge/entries/${entry.id}`)).json()).toMatchObject({ title: draft.title, citations: [{ articleNo: "第八十二条" }] });
    });

    it("a citation by short title or in Arabic digits is stored as the current law writes it, linked to the reader; duplicates drop", async () => {
      const entry = await write(s.admin, {
        citations: [
          { lawTitle: "民法典", articleNo: "第1084条" },
          { lawTitle: "《劳动合同法》", articleNo: "82" },
          { lawTitle: "中华人民共和国民法典", articleNo: "第一千零八十四条" },
          { lawTitle: "测试权益法", articleNo: "第二条" },
        ],
      });
      expect(entry.citations.map(({ lawTitle, articleNo, anchor }) => ({ lawTitle, articleNo, anchor }))).toEqual([
        { lawTitle: "中华人民共和国民法典", articleNo: "第一千零八十四条", anchor: "第一千零八十四条" },
        { lawTitle: "中华人民共和国劳动合同法", articleNo: "第八十二条", anchor: "第八十二条" },
        { lawTitle: "中华人民共和国测试权益法", articleNo: "第二条", anchor: "第二条" },
      ]);
      const { rows } = await database.db.execute<{ id: string; title: string; is_current: boolean }>(sql`select id, title, is_current from laws where title = '中华人民共和国测试权益法' and is_current`);
      expect(entry.citations[2].lawId).toBe(rows[0].id);
      // The row keeps only the citation as written, not the ids: they are looked up when shown.
      const stored = await database.db.execute<{ citations: unknown }>(sql`select citations from knowledge_entries where id = ${entry.id}`);
      expect(stored.rows[0].citations).toEqual(entry.citations.map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })));
    });

    it("a null category is no category; an empty edit is refused", async () => {
      const entry = await write(s.admin, { category: null, citations: [] });
      expect(entry).toMatchObject({ category: null, citations: [] });
      expect((await edit(s.admin, entry.id, {})).json()).toMatchObject({ code: "VALIDATION_FAILED" });
      expect((await edit(s.admin, entry.id, { category: "不存在的类别" })).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "category" });
    });
  });

  describe("publishing", () => {
    it("follows the machine: a draft cannot be withdrawn, a published entry not published again; an unknown action names the field", async () => {
      const entry = await write(s.admin);
      expect((await act(s.admin, entry.id, "withdraw")).json()).toMatchObject({ code: "INVALID_TRANSITION", allowed: ["publish"] });
      expect((await act(s.admin, entry.id, "delete")).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "action" });
      const first = (await act(s.admin, entry.id, "publish")).json();
      expect(first.publishedAt).toBe(clock.now().toISOString());
      expect((await act(s.admin, entry.id, "publish")).statusCode).toBe(409);
      expect((await act(s.admin, entry.id, "withdraw")).json()).toMatchObject({ status: "withdrawn", publishedAt: first.publishedAt, allowedActions: ["publish"] });
      clock.advance(60_000);
      expect((await act(s.admin, entry.id, "publish")).json()).toMatchObject({ status: "published", publishedAt: clock.now().toISOString() });
      expect((await act(s.admin, "00000000-0000-0000-0000-000000000000", "publish")).statusCode).toBe(404);
    });

    it("the search tokens are the segmented title and body, and follow an edit", async () => {
      const entry = await write(s.admin, { title: "宅基地能否继承", body: "农村宅基地使用权不能单独继承。" });
      const matches = async (word: string) =>
        (await database.db.execute<{ found: boolean }>(sql`select tokens @@ to_tsquery('simple', ${word}) as found from knowledge_entries where id = ${entry.id}`)).rows[0].found;
      expect(await matches("宅基地")).toBe(true);
      expect(await matches("继承")).toBe(true);
      expect(await matches("抚养费")).toBe(false);
      await edit(s.admin, entry.id, { body: "离婚后的抚养费由双方协议。" });
      expect(await matches("抚养费")).toBe(true);
      expect(await matches("宅基地")).toBe(true);
    });
  });

  describe("the portal", () => {
    it("shows only a published entry, as text, with nothing internal; 404 for drafts, withdrawn, unknown and malformed ids", async () => {
      const entry = await write(s.admin);
      const url = `/api/public/knowledge/${entry.id}`;
      expect((await anonymous("GET", url)).statusCode).toBe(404);
      await act(s.admin, entry.id, "publish");
      const shown = await anonymous("GET", url);
      expect(shown.statusCode).toBe(200);
      expect(Object.keys(shown.json()).sort()).toEqual(["category", "citations", "id", "kind", "paragraphs", "publishedAt", "region", "title", "updatedAt"]);
      expect(shown.json().paragraphs).toEqual(["用人单位超过一个月不满一年未订立书面劳动合同的，应当每月支付二倍的工资。", "<script>alert(1)</script>"]);
      expect(shown.json().citations).toEqual([{ lawTitle: "中华人民共和国劳动合同法", articleNo: "第八十二条", lawId: expect.any(String), anchor: "第八十二条" }]);
      await act(s.admin, entry.id, "withdraw");
      expect((await anonymous("GET", url)).statusCode).toBe(404);
      for (const bad of ["00000000-0000-0000-0000-000000000000", "not-an-id", "1", "%E4%B8%AD", "x".repeat(100)]) {
        expect((await anonymous("GET", `/api/public/knowledge/${bad}`)).statusCode, bad).toBe(404);
      }
    });

    it("in a visitor's region: entries of the region and its ancestors (the root's everywhere), not a neighbour's", async () => {
      const county = await published(s.leader, { title: "县里的问答" });
      const city = await published(s.cityAdmin, { title: "市里的问答" });
      const root = await write(s.rootAdmin, { title: "省里的问答" });
      await act(s.rootAdmin, root.id, "publish");
      const other = await write(s.otherAdmin, { title: "另一个县的问答" });
      await act(s.otherAdmin, other.id, "publish");
      const isShown = async (id: string, region: string) => (await anonymous("GET", `/api/public/knowledge/${id}?regionCode=${region}`)).statusCode === 200;
      const village = tree.villages[0][0][0];
      expect([await isShown(county.id, village), await isShown(city.id, village), await isShown(root.id, village), await isShown(other.id, village)]).toEqual([true, true, true, false]);
      // A county's answer does not reach up to the city, nor across to the other county.
      expect(await isShown(county.id, tree.city)).toBe(false);
      expect(await isShown(county.id, tree.villages[1][0][0])).toBe(false);
      expect(await isShown(root.id, tree.province)).toBe(true);
      // Without a region, any published entry.
      expect(await isShown(other.id, "")).toBe(false);
      expect((await anonymous("GET", `/api/public/knowledge/${other.id}`)).statusCode).toBe(200);
      expect((await anonymous("GET", `/api/public/knowledge/${county.id}?regionCode=989999`)).json()).toMatchObject({ code: "UNKNOWN_REGION", field: "regionCode" });
      expect((await anonymous("GET", `/api/public/knowledge/${county.id}?regionCode=abc`)).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "regionCode" });
    });
  });

  describe("the audit log", () => {
    it("records each change of an entry with its title as the name, in the entry's region", async () => {
      const entry = await write(s.lawyer);
      await edit(s.lawyer, entry.id, { body: "新的回答。", citations: [{ lawTitle: "民法典", articleNo: "第1085条" }] });
      await act(s.leader, entry.id, "publish");
      await act(s.leader, entry.id, "withdraw");
      const log = (await s.admin.get(`/api/audit?entityType=knowledge_entry&entityId=${entry.id}`)).json();
      expect(log.items.map((e: { action: string }) => e.action).reverse()).toEqual(["knowledge_entry.create", "knowledge_entry.update", "knowledge_entry.publish", "knowledge_entry.withdraw"]);
      expect(log.items[0]).toMatchObject({ entityLabel: draft.title });
      const update = log.items.find((e: { action: string }) => e.action === "knowledge_entry.update");
      expect(update.detail).toMatchObject({ changed: ["body", "citations"], citations: [{ lawTitle: "中华人民共和国民法典", articleNo: "第一千零八十五条" }] });
      expect((await s.otherAdmin.get(`/api/audit?entityType=knowledge_entry&entityId=${entry.id}`)).json().items).toEqual([]);
    });
  });
});

describe("the wording table", () => {
  const wording = { everyday: ["工地", "摔伤"], legal: "工伤 人身损害" };
  const list = async (who: Session, query = "") => (await who.get(`/api/knowledge/wordings?limit=500${query}`)).json();

  it("ships with a starter set every staff member reads; only an admin at a root node may change it", async () => {
    for (const key of ["window", "lawyer", "cityAdmin", "rootAdmin"]) {
      const table = await list(s[key]);
      expect(table.items).toContainEqual(expect.objectContaining({ everyday: ["老板", "不发工资"], legal: "拖欠劳动报酬", isActive: true, createdBy: null }));
      expect(table.abilities.manage, key).toBe(key === "rootAdmin");
    }
    expect((await anonymous("GET", "/api/knowledge/wordings")).statusCode).toBe(401);
    const shipped = (await list(s.rootAdmin, "&q=不发工资")).items[0];
    for (const key of ["cityAdmin", "leader", "lawyer"]) {
      expect((await s[key].request("POST", "/api/knowledge/wordings", wording)).statusCode, key).toBe(403);
      expect((await s[key].request("PUT", `/api/knowledge/wordings/${shipped.id}`, { isActive: false })).statusCode, key).toBe(403);
      expect((await s[key].request("DELETE", `/api/knowledge/wordings/${shipped.id}`)).statusCode, key).toBe(403);
    }
    expect((await s.rootAdmin.get("/api/auth/me")).json().abilities).toMatchObject({ manageWordings: true, writeKnowledge: true });
    expect((await s.cityAdmin.get("/api/auth/me")).json().abilities).toMatchObject({ manageWordings: false, writeKnowledge: true });
    expect((await s.lawyer.get("/api/auth/me")).json().abilities).toMatchObject({ manageWordings: false, writeKnowledge: true });
    expect((await s.window.get("/api/auth/me")).json().abilities).toMatchObject({ manageWordings: false, writeKnowledge: false });
  });

  it("the root admin adds, changes, deactivates and removes a wording; searches see each change at once; each is audited", async () => {
    const created = await s.rootAdmin.request("POST", "/api/knowledge/wordings", { everyday: [" 工地 ", "摔伤"], legal: " 工伤 人身损害 " });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ everyday: ["工地", "摔伤"], legal: "工伤 人身损害", isActive: true, createdBy: { displayName: expect.any(String) } });
    const applied = async () => (await activeWordings(database.db)).find((w) => w.id === id);
    expect(await applied()).toMatchObject({ everyday: ["工地", "摔伤"], legal: "工伤 人身损害" });

    const changed = await s.rootAdmin.request("PUT", `/api/knowledge/wordings/${id}`, { everyday: ["工地", "受伤"] });
    expect(changed.json()).toMatchObject({ everyday: ["工地", "受伤"], legal: "工伤 人身损害", isActive: true });
    expect((await applied())?.everyday).toEqual(["工地", "受伤"]);

    expect((await s.rootAdmin.request("PUT", `/api/knowledge/wordings/${id}`, { isActive: false })).json()).toMatchObject({ isActive: false });
    expect(await applied()).toBeUndefined();
    expect((await list(s.rootAdmin, "&isActive=false&q=工地")).items.map((w: { id: string }) => w.id)).toEqual([id]);
    expect((await list(s.rootAdmin, "&isActive=true&q=工地")).items).toEqual([]);

    expect((await s.rootAdmin.request("DELETE", `/api/knowledge/wordings/${id}`)).statusCode).toBe(204);
    expect((await list(s.rootAdmin, "&q=工地")).items).toEqual([]);
    expect((await s.rootAdmin.request("PUT", `/api/knowledge/wordings/${id}`, { isActive: true })).statusCode).toBe(404);
    expect((await s.rootAdmin.request("DELETE", `/api/knowledge/wordings/${id}`)).statusCode).toBe(404);

    const log = (await s.rootAdmin.get(`/api/audit?entityType=query_wording&entityId=${id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action).reverse()).toEqual(["query_wording.create", "query_wording.update", "query_wording.update", "query_wording.delete"]);
    expect(log.items[0].detail).toMatchObject({ everyday: ["工地", "受伤"], legal: "工伤 人身损害" });
    // While it existed, the log named it by its words.
    const other = (await s.rootAdmin.request("POST", "/api/knowledge/wordings", { everyday: ["被狗咬"], legal: "饲养的动物" })).json();
    expect((await s.rootAdmin.get(`/api/audit?entityType=query_wording&entityId=${other.id}`)).json().items[0]).toMatchObject({ entityLabel: "被狗咬 → 饲养的动物" });
  });

  it.each([
    [{ everyday: [], legal: "x" }, "everyday"],
    [{ everyday: ["一", "二", "三", "四", "五", "六"], legal: "x" }, "everyday"],
    [{ everyday: [""], legal: "x" }, "everyday[0]"],
    [{ everyday: ["老板", "  "], legal: "x" }, "everyday[1]"],
    [{ everyday: ["老板 不发工资"], legal: "x" }, "everyday[0]"],
    [{ everyday: ["字".repeat(21)], legal: "x" }, "everyday[0]"],
    [{ everyday: ["欠钱"], legal: "   " }, "legal"],
    [{ everyday: ["欠钱"] }, "legal"],
    [{ everyday: ["欠钱", "欠钱 "], legal: "民间借贷" }, "everyday[1]"],
    [{ everyday: ["欠钱"], legal: "民间借贷", isActive: "yes" }, "isActive"],
    [{ everyday: ["欠钱"], legal: "民间借贷", note: "x" }, "note"],
  ])("%j → 400 naming %s", async (body, field) => {
    const response = await s.rootAdmin.request("POST", "/api/knowledge/wordings", body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });

  it("the same words (in any order) with the same term are a 409 naming the words; an empty change is refused", async () => {
    const response = await s.rootAdmin.request("POST", "/api/knowledge/wordings", { everyday: ["孩子", "离婚"], legal: "抚养" });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "CONFLICT", field: "everyday" });
    const mine = (await s.rootAdmin.request("POST", "/api/knowledge/wordings", { everyday: ["孩子", "离婚"], legal: "抚养权" })).json();
    expect((await s.rootAdmin.request("PUT", `/api/knowledge/wordings/${mine.id}`, { legal: "抚养" })).json()).toMatchObject({ code: "CONFLICT", field: "everyday" });
    expect((await s.rootAdmin.request("PUT", `/api/knowledge/wordings/${mine.id}`, {})).statusCode).toBe(400);
    expect((await s.rootAdmin.request("PUT", "/api/knowledge/wordings/not-a-uuid", { isActive: false })).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "id" });
  });
});

/**
 * 法律法规查询 over HTTP, on a few real articles (test/helpers/laws.ts): article
 * search in everyday words with the wording table, the named-article lookup,
 * filters and versions, highlighted snippets as parts (never HTML), the law
 * reader and citation lookup, validation naming the field, and the per-address
 * limit (429 with Retry-After, lifted when the window passes).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { LAW_LIMITS } from "../../src/server/modules/knowledge/knowledge.routes.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { createTestApp } from "../helpers/http.ts";
import { importLawTexts } from "../helpers/laws.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let address = 1;
/** Each test from an address of its own, so the limit test alone meets the limit. */
const get = (url: string, from = `10.9.0.${address}`) => app.inject({ method: "GET", url, remoteAddress: from });
const search = (params: Record<string, string>) => get(`/api/laws/search?${new URLSearchParams(params)}`);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, new Date("2026-11-30T10:00:00+08:00")));
  const report = await importLawTexts(database);
  expect(report.failed).toEqual([]);
  await database.db.execute(sql`
    insert into query_wordings (everyday, legal, is_active, created_at, updated_at)
    values (array['老板', '不发工资'], '拖欠劳动报酬', true, now(), now())
    on conflict do nothing`);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("GET /api/laws/search", () => {
  it("finds the article an ordinary question needs, with the law's full title and the number as written", async () => {
    address++;
    const response = await search({ q: "个体工商户的债务谁来承担？" });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.results[0]).toMatchObject({ type: "article", lawTitle: "中华人民共和国民法典", articleNo: "第五十六条", anchor: "第五十六条", isCurrent: true });
    expect(body.results[0].text).toContain("个体工商户的债务");
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(typeof body.tookMs).toBe("number");
    // The snippet is the article's own characters, the matched words marked.
    const snippet = body.results[0].snippet as { text: string; isMatch: boolean }[];
    expect(snippet.map((p) => p.text).join("")).toBe(body.results[0].text);
    expect(snippet.filter((p) => p.isMatch).map((p) => p.text)).toContain("个体工商户");
  });

  it("applies the wording table: 老板不发工资 reaches 拖欠劳动报酬 and says so", async () => {
    address++;
    const body = (await search({ q: "老板不发工资怎么办" })).json();
    expect(body.rewrites).toEqual([{ everyday: ["老板", "不发工资"], legal: "拖欠劳动报酬" }]);
    expect(body.results[0]).toMatchObject({ lawTitle: "中华人民共和国劳动合同法", articleNo: "第三十条" });
  });

  it("puts the article a question names first, in Arabic or Chinese numerals", async () => {
    address++;
    for (const q of ["劳动合同法第82条", "劳动合同法 第八十二条 是什么意思"]) {
      const body = (await search({ q })).json();
      expect(body.results[0], q).toMatchObject({ lawTitle: "中华人民共和国劳动合同法", articleNo: "第八十二条" });
      expect(body.laws.map((l: { title: string }) => l.title)).toContain("中华人民共和国劳动合同法");
    }
  });

  it("leaves expired versions out unless asked, and filters by level", async () => {
    address++;
    const current = (await search({ q: "行政复议申请 六十日" })).json();
    const review = (results: { lawTitle: string; articleNo: string; isCurrent: boolean }[]) =>
      results.filter((r) => r.lawTitle === "中华人民共和国行政复议法").map((r) => [r.articleNo, r.isCurrent]);
    expect(current.results[0].articleNo).toBe("第二十条");
    expect(review(current.results)).toEqual([["第二十条", true]]);
    const all = (await search({ q: "行政复议申请 六十日", currentOnly: "false" })).json();
    expect(review(all.results).sort()).toEqual([
      ["第九条", false],
      ["第二十条", true],
    ]);
    const regulations = (await search({ q: "行政复议申请", level: "administrative_regulation" })).json();
    expect(regulations.results).toEqual([]);
  });

  it("pages without repeating a result", async () => {
    address++;
    const first = (await search({ q: "子女 抚养 离婚", limit: "1" })).json();
    const second = (await search({ q: "子女 抚养 离婚", limit: "1", offset: "1" })).json();
    expect(first.results).toHaveLength(1);
    expect(second.results).toHaveLength(1);
    expect(second.results[0].articleNo).not.toBe(first.results[0].articleNo);
    expect(first.total).toBe(second.total);
  });

  it("answers a question of stopwords or unknown words with no results, not an error", async () => {
    address++;
    for (const q of ["的了吗", "xyzzy", "<script>", "　"]) {
      const response = await search({ q });
      expect(response.statusCode, q).toBe(200);
      expect(response.json().results).toEqual([]);
    }
  });

  it("refuses bad input naming the field", async () => {
    address++;
    const cases: [Record<string, string>, string][] = [
      [{}, "q"],
      [{ q: "合同", limit: "101" }, "limit"],
      [{ q: "合同", limit: "0" }, "limit"],
      [{ q: "合同", types: "article,statute" }, "types"],
      [{ q: "合同", level: "bylaw" }, "level"],
      [{ q: "合同", regionCode: "41" }, "regionCode"],
      [{ q: "合".repeat(501) }, "q"],
    ];
    for (const [params, field] of cases) {
      const response = await search(params);
      expect(response.statusCode, JSON.stringify(params)).toBe(400);
      expect(response.body, JSON.stringify(params)).toContain(field);
    }
  });

  it(`limits each address to ${LAW_LIMITS.searchesPerMinute.max} searches a minute, with Retry-After`, async () => {
    const from = "10.9.9.9";
    for (let i = 0; i < LAW_LIMITS.searchesPerMinute.max; i++) expect((await get("/api/laws/search?q=合同", from)).statusCode).toBe(200);
    const refused = await get("/api/laws/search?q=合同", from);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not affected; the window passing lifts the limit.
    expect((await get("/api/laws/search?q=合同", "10.9.9.10")).statusCode).toBe(200);
    clock.advance(LAW_LIMITS.searchesPerMinute.windowMs + 1000);
    expect((await get("/api/laws/search?q=合同", from)).statusCode).toBe(200);
  });
});

describe("the law reader and citations", () => {
  it("reads a law with its contents, anchors and versions", async () => {
    address++;
    const list = (await get("/api/laws?q=行政复议法&currentOnly=false")).json();
    expect(list.items.map((l: { publishedOn: string; isCurrent: boolean }) => [l.publishedOn, l.isCurrent])).toEqual([
      ["2023-09-01", true],
      ["2017-09-01", false],
    ]);
    const civil = (await get("/api/laws?q=民法典")).json();
    expect(civil.items.map((l: { part: string }) => l.part).sort()).toEqual(["婚姻家庭编", "总则"]);
    const id = civil.items.find((l: { part: string }) => l.part === "总则").id;
    const law = (await get(`/api/laws/${id}`)).json();
    expect(law).toMatchObject({ title: "中华人民共和国民法典", part: "总则", level: "law", isCurrent: true, effectiveOn: "2021-01-01" });
    expect(law.toc).toEqual([
      { level: 1, title: "第二章 自然人", anchor: "第五十四条" },
      { level: 2, title: "第四节 个体工商户和农村承包经营户", anchor: "第五十四条" },
    ]);
    expect(law.articles.map((a: { anchor: string }) => a.anchor)).toEqual(["第五十四条", "第五十六条"]);
    expect(law.articles[1].text.split("\n")).toHaveLength(2);
    expect(law.history[0]).toContain("2020年5月28日");
    const old = list.items[1];
    const older = (await get(`/api/laws/${old.id}`)).json();
    expect(older.versions.map((v: { isCurrent: boolean }) => v.isCurrent)).toEqual([true, false]);
  });

  it("finds a cited article by full or short title and either numeral, and 404s what does not exist", async () => {
    address++;
    for (const [title, articleNo] of [["民法典", "第54条"], ["中华人民共和国民法典", "第五十四条"], ["《民法典》", "第五十四条"]]) {
      const response = await get(`/api/laws/cite?${new URLSearchParams({ title, articleNo })}`);
      expect(response.statusCode, `${title} ${articleNo}`).toBe(200);
      expect(response.json()).toMatchObject({ lawTitle: "中华人民共和国民法典", articleNo: "第五十四条", anchor: "第五十四条" });
    }
    expect((await get(`/api/laws/cite?${new URLSearchParams({ title: "民法典", articleNo: "第九千条" })}`)).statusCode).toBe(404);
    expect((await get(`/api/laws/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await get(`/api/laws/not-a-uuid`)).statusCode).toBe(400);
  });
});

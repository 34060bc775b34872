/**
 * The import into PostgreSQL (embedded, or the server in DATABASE_URL): the real
 * excerpts of test/fixtures/laws/lawrefbook, re-imports without duplicates,
 * changed files replaced, and which version of a law is current.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import type { Database } from "../../../platform/db/index.ts";
import { systemActor } from "../../../policies/actor.ts";
import { indexText } from "../segmenter.ts";
import { importLaws, readLawRefBook, storeLaws, type LawSource } from "./import-laws.ts";
import { parseLawJsonl } from "./read-law-jsonl.ts";
import { runLawImport } from "./run-law-import.ts";

const FIXTURES = join(process.cwd(), "test/fixtures/laws/lawrefbook");
const actor = systemActor("test");
let database: Database;
const dirs: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const query = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await database.pool.query<T>(text, values)).rows;

/** A copy of the fixtures to change. */
function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "santai-laws-"));
  dirs.push(dir);
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

type LawRow = { id: string; source_key: string; title: string; part: string | null; version_group: string; level: string; category: string; published_on: string | null; effective_on: string | null; is_current: boolean; article_count: number };
/** The laws whose source key starts with `prefix`, in code-point order of the key (the same on every collation). */
const lawsFrom = async (prefix: string) =>
  (
    await query<LawRow>(
      `select id, source_key, title, part, version_group, level, category, published_on::text, effective_on::text, is_current, article_count
       from laws where starts_with(source_key, $1)`,
      [prefix],
    )
  ).sort((a, b) => (a.source_key < b.source_key ? -1 : 1));

describe("importing a LawRefBook folder", () => {
  it("stores every law with its level, category, dates, structure and searchable articles; a re-import changes nothing; a changed file is replaced", async () => {
    const dir = fixtureCopy();
    const now = new Date("2026-12-01T08:00:00Z");
    const read = await readLawRefBook(dir);
    expect(read.failed).toEqual([]);
    expect(read.files).toBe(8);
    // Batches of 3 put the two 公司法 versions in different transactions.
    const first = await importLaws(database.db, actor, read.sources, { now, batchSize: 3 });
    const articleTotal = read.sources.reduce((sum, s) => sum + s.parsed.articles.length, 0);
    expect(first).toMatchObject({ created: 8, updated: 0, unchanged: 0, articles: articleTotal });

    const laws = await lawsFrom("lawrefbook:");
    expect(laws.map((l) => [l.source_key, l.level, l.category, l.version_group, l.is_current])).toEqual([
      ["lawrefbook:刑法/刑法.md", "law", "刑法", "刑法", true],
      ["lawrefbook:刑法/刑法修正案（十一）.md", "law", "刑法", "刑法修正案（十一）", true],
      ["lawrefbook:司法解释/最高人民法院关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的批复.md", "judicial_interpretation", "司法解释", "最高人民法院关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的批复", true],
      ["lawrefbook:案例/劳动人事/加班费的仲裁时效应当如何认定.md", "case", "劳动人事", "加班费的仲裁时效应当如何认定", true],
      ["lawrefbook:民法典/合同编.md", "law", "民法典", "民法典·合同编", true],
      ["lawrefbook:民法典/总则.md", "law", "民法典", "民法典·总则", true],
      // Two versions of one law: the newer is current.
      ["lawrefbook:民法商法/公司法(2018-10-26).md", "law", "民法商法", "公司法", false],
      ["lawrefbook:民法商法/公司法(2023-12-29).md", "law", "民法商法", "公司法", true],
    ]);
    const general = laws.find((l) => l.source_key === "lawrefbook:民法典/总则.md")!;
    expect(general).toMatchObject({ title: "中华人民共和国民法典", part: "总则", published_on: "2020-05-28", effective_on: "2021-01-01", article_count: 6 });
    expect(laws.find((l) => l.source_key.includes("公司法(2023"))!.published_on).toBe("2023-12-29");

    const [article54] = await query<{ ordinal: number; heading_path: string; body: string }>(
      "select ordinal, heading_path, body from law_articles where law_id = $1 and article_no = '第五十四条'",
      [general.id],
    );
    expect(article54).toEqual({ ordinal: 4, heading_path: "第二章 自然人 / 第四节 个体工商户和农村承包经营户", body: "自然人从事工商业经营，经依法登记，为个体工商户。个体工商户可以起字号。" });
    // The tokens hold what the same segmenter makes of a query.
    const words = indexText("个体工商户 起字号").split(" ");
    const [match] = await query<{ article_no: string }>(
      "select article_no from law_articles where law_id = $1 and tokens @@ to_tsquery('simple', $2)",
      [general.id, words.join(" & ")],
    );
    expect(match?.article_no).toBe("第五十四条");
    const [{ toc }] = await query<{ toc: unknown }>("select toc from laws where id = $1", [general.id]);
    expect(toc).toEqual([
      { level: 1, title: "第一章 基本规定", anchor: "第一条" },
      { level: 1, title: "第二章 自然人", anchor: "第十三条" },
      { level: 2, title: "第一节 民事权利能力和民事行为能力", anchor: "第十三条" },
      { level: 2, title: "第四节 个体工商户和农村承包经营户", anchor: "第五十四条" },
    ]);
    const terms = (await query<{ term: string; source: string }>("select term, source from legal_terms where term in ('公司法', '民法典')")).map((t) => t.term).sort();
    expect(terms).toEqual(["公司法", "民法典"]);
    // The search's word counts cover what was imported (the empty term holds the number of articles).
    const articlesInTable = async () => (await query<{ n: number }>("select count(*)::int as n from law_articles"))[0].n;
    const searchTotal = async () => (await query<{ df: number }>("select df from search_terms where term = ''"))[0]?.df;
    expect(await searchTotal()).toBe(await articlesInTable());
    const audit = await query<{ actor_username: string; detail: Record<string, unknown> }>("select actor_username, detail from audit_log where action = 'law.import'");
    expect(audit).toEqual([{ actor_username: "test", detail: expect.objectContaining({ laws: 8, created: 8, updated: 0, unchanged: 0 }) }]);

    // Again, unchanged: nothing is written, not even an audit entry.
    const again = await importLaws(database.db, actor, (await readLawRefBook(dir)).sources, { now: new Date("2026-12-02T08:00:00Z") });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 8, articles: 0 });
    expect((await lawsFrom("lawrefbook:")).map((l) => [l.id, l.is_current])).toEqual(laws.map((l) => [l.id, l.is_current]));
    const [{ n: articleRows }] = await query<{ n: number }>("select count(*)::int as n from law_articles a join laws l on l.id = a.law_id where starts_with(l.source_key, 'lawrefbook:')");
    expect(articleRows).toBe(articleTotal);
    expect(await query("select 1 from audit_log where action = 'law.import'")).toHaveLength(1);

    // One file changes (a new article and a reworded one): that law is updated in place, its articles replaced.
    const companyFile = join(dir, "民法商法/公司法(2023-12-29).md");
    const changed = readFileSync(companyFile, "utf8")
      .replace("公司是企业法人", "公司是企业法人（改）")
      .concat("\n第三十条 申请设立公司，应当提交设立登记申请书、公司章程等文件，提交的相关材料应当真实、合法和有效。\n");
    writeFileSync(companyFile, changed);
    const third = await importLaws(database.db, actor, (await readLawRefBook(dir)).sources, { now: new Date("2026-12-03T08:00:00Z") });
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 7, articles: 6 });
    const company = (await lawsFrom("lawrefbook:民法商法/公司法(2023")).at(0)!;
    expect(company.id).toBe(laws.find((l) => l.source_key.includes("公司法(2023"))!.id);
    expect(company.article_count).toBe(6);
    const articles = await query<{ ordinal: number; article_no: string; body: string }>("select ordinal, article_no, body from law_articles where law_id = $1 order by ordinal", [company.id]);
    expect(articles.map((a) => [a.ordinal, a.article_no])).toEqual([[1, "第一条"], [2, "第二条"], [3, "第三条"], [4, "第二十八条"], [5, "第二十九条"], [6, "第三十条"]]);
    expect(articles[2].body.startsWith("公司是企业法人（改）")).toBe(true);
    expect((await lawsFrom("lawrefbook:民法商法/")).map((l) => l.is_current)).toEqual([false, true]);
    expect(await searchTotal()).toBe(await articlesInTable());
  });

  it("reports a file it cannot read with the reason, imports the others, and shows progress in a few lines", async () => {
    const dir = fixtureCopy();
    mkdirSync(join(dir, "其他"));
    writeFileSync(join(dir, "其他/无标题(2020-01-01).md"), "第一条 没有标题行的文本。\n");
    writeFileSync(join(dir, "其他/只有标题(2020-01-01).md"), "# 只有标题的规定\n\n2020年1月1日 施行\n\n<!-- INFO END -->\n");
    const progress: string[] = [];
    const report = await runLawImport(database.db, actor, { kind: "lawrefbook", dir }, { now: new Date(), progress: (line) => progress.push(line) });
    expect(report.files).toBe(10);
    expect(report.failed).toEqual([
      { origin: "其他/只有标题(2020-01-01).md", reason: "no text after the title and history lines" },
      { origin: "其他/无标题(2020-01-01).md", reason: "no `# title` line" },
    ]);
    expect(report.notes).toEqual([
      { origin: "司法解释/最高人民法院关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的批复.md", reason: "no numbered article: indexed as one passage (全文)" },
    ]);
    // The same files as the first test's: already stored, unchanged.
    expect(report.created + report.updated + report.unchanged).toBe(8);
    expect(progress.at(-1)).toMatch(/^ {2}stored 8\/8 \(100 %\)/u);
    expect(progress.length).toBeLessThanOrEqual(2 + 8);
  });
});

describe("which version is current", () => {
  const version = (id: string, title: string, publishedOn: string, isExpired = false) =>
    JSON.stringify({ id, title, level: "administrative_regulation", category: "行政法规", publishedOn, isExpired, articles: [{ articleNo: "第一条", body: `${title}（${publishedOn}）的第一条。` }] });
  const sourcesOf = (...lines: string[]): LawSource[] => {
    const { sources, failed } = parseLawJsonl(lines.join("\n"));
    expect(failed).toEqual([]);
    return sources;
  };
  const currentOf = async (prefix: string) => (await lawsFrom(`jsonl:${prefix}`)).filter((l) => l.is_current).map((l) => l.source_key);

  it("the newest version not marked expired is current, whichever order they arrive in", async () => {
    const now = new Date();
    await database.db.transaction((tx) => storeLaws(tx, sourcesOf(version("v-2019", "试行条例甲", "2019-05-01")), { now }));
    expect(await currentOf("v-")).toEqual(["jsonl:v-2019"]);
    // A newer version arrives: it takes over.
    await database.db.transaction((tx) => storeLaws(tx, sourcesOf(version("v-2023", "试行条例甲", "2023-05-01")), { now }));
    expect(await currentOf("v-")).toEqual(["jsonl:v-2023"]);
    // An even newer one the source marks expired (say, a draft that was withdrawn) is not current and changes nothing.
    await database.db.transaction((tx) => storeLaws(tx, sourcesOf(version("v-2024", "试行条例甲", "2024-05-01", true)), { now }));
    expect(await currentOf("v-")).toEqual(["jsonl:v-2023"]);
    // An older one imported late stays behind.
    await importLaws(database.db, actor, sourcesOf(version("v-2010", "试行条例甲", "2010-05-01")), { now });
    expect(await currentOf("v-")).toEqual(["jsonl:v-2023"]);
    // The source now marks 2023 expired: 2019 is the newest left.
    await importLaws(database.db, actor, sourcesOf(version("v-2023", "试行条例甲", "2023-05-01", true)), { now });
    expect(await currentOf("v-")).toEqual(["jsonl:v-2019"]);
  });

  it("a retitled law leaves its old group, whose other version becomes current again", async () => {
    const now = new Date();
    await importLaws(database.db, actor, sourcesOf(version("r-old", "试行条例乙", "2010-01-01"), version("r-new", "试行条例乙", "2020-01-01")), { now, batchSize: 1 });
    expect(await currentOf("r-")).toEqual(["jsonl:r-new"]);
    await importLaws(database.db, actor, sourcesOf(version("r-new", "试行条例丙", "2020-01-01")), { now });
    expect(await currentOf("r-")).toEqual(["jsonl:r-new", "jsonl:r-old"]);
    expect((await lawsFrom("jsonl:r-")).map((l) => l.version_group)).toEqual(["试行条例丙", "试行条例乙"]);
  });
});

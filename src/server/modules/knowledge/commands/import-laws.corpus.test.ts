/**
 * The whole LawRefBook collection (../shared/data/lawrefbook, about 2,000 files):
 * imports with no failure, over the core set without duplicates, and again without
 * changes. Skipped, saying so, where ../shared is absent.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import type { Database } from "../../../platform/db/index.ts";
import { systemActor } from "../../../policies/actor.ts";
import { CORE_LAWS_DIR } from "../../../seed/core-laws.ts";
import type { ImportReport } from "./import-laws.ts";
import { runLawImport } from "./run-law-import.ts";

const CORPUS = resolve("../shared/data/lawrefbook");
const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.warn(`import-laws.corpus.test.ts: skipped, ${CORPUS} is absent (../shared/data/lawrefbook, see README).`);

/** The notes the collection is known to produce: documents with no numbered article. */
const EXPLAINED_NOTES = ["no numbered article: indexed as one passage (全文)", "no numbered article: indexed by its sections"];

describe.skipIf(!hasCorpus)("importing the whole LawRefBook collection (../shared/data/lawrefbook)", () => {
  let database: Database;
  let core: ImportReport;
  let full: ImportReport;
  const actor = systemActor("test");
  const query = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await database.pool.query<T>(text, values)).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The core set first, as on a demo installation, then the full collection over it.
    core = await runLawImport(database.db, actor, { kind: "lawrefbook", dir: CORE_LAWS_DIR }, { now: new Date() });
    full = await runLawImport(database.db, actor, { kind: "lawrefbook", dir: CORPUS }, { now: new Date() });
  }, 900_000);

  afterAll(async () => {
    await database?.close();
  });

  it("imports every file, with only the explained notes, and finds the core set's laws under the same keys", async () => {
    expect(full.failed).toEqual([]);
    expect(full.files).toBeGreaterThan(1900);
    expect(full.notes.filter((n) => !EXPLAINED_NOTES.includes(n.reason))).toEqual([]);
    expect(full.created).toBe(full.files - core.files);
    expect(full.updated + full.unchanged).toBe(core.files);
    const [{ laws, distinct }] = await query<{ laws: number; distinct: number }>("select count(*)::int as laws, count(distinct source_key)::int as distinct from laws");
    expect(laws).toBe(full.files);
    expect(distinct).toBe(laws);
    const [{ articles }] = await query<{ articles: number }>("select count(*)::int as articles from law_articles");
    expect(articles).toBeGreaterThan(80_000);
  });

  it("holds the texts: 民法典 第五十四条, 刑法 第一百三十三条之一, an amendment's items", async () => {
    const article = async (title: string, part: string | null, articleNo: string) =>
      (
        await query<{ body: string }>(
          "select a.body from law_articles a join laws l on l.id = a.law_id where l.title = $1 and l.part is not distinct from $2 and a.article_no = $3 and l.is_current",
          [title, part, articleNo],
        )
      ).map((r) => r.body);
    expect(await article("中华人民共和国民法典", "总则", "第五十四条")).toEqual(["自然人从事工商业经营，经依法登记，为个体工商户。个体工商户可以起字号。"]);
    expect((await article("中华人民共和国刑法", null, "第一百三十三条之一"))[0]).toMatch(/^在道路上驾驶机动车，有下列情形之一的，处拘役，并处罚金：\n（一）追逐竞驶/u);
    expect((await article("中华人民共和国刑法修正案（十一）", null, "四十八、"))).toEqual(["本修正案自2021年3月1日起施行。"]);
  });

  it("makes 公司法 2023 current and 2018 not, and takes expiry from db.sqlite3", async () => {
    const company = await query<{ published_on: string; is_current: boolean }>(
      "select published_on::text, is_current from laws where version_group = '公司法' order by published_on",
    );
    expect(company).toEqual([
      { published_on: "2018-10-26", is_current: false },
      { published_on: "2023-12-29", is_current: true },
    ]);
    // db.sqlite3 marks 行政复议法 2017 expired.
    const review = await query<{ published_on: string; is_expired: boolean; is_current: boolean }>(
      "select published_on::text, is_expired, is_current from laws where version_group = '行政复议法' order by published_on",
    );
    expect(review).toEqual([
      { published_on: "2017-09-01", is_expired: true, is_current: false },
      { published_on: "2023-09-01", is_expired: false, is_current: true },
    ]);
    // Every group has at most one current version.
    expect(await query("select version_group from laws where is_current group by version_group having count(*) > 1")).toEqual([]);
  });

  it("sorts the collection into levels and places Henan's local regulations in Henan", async () => {
    const levels = await query<{ level: string; n: number }>("select level, count(*)::int as n from laws group by level");
    const byLevel = Object.fromEntries(levels.map((l) => [l.level, l.n]));
    for (const level of ["constitution", "law", "administrative_regulation", "judicial_interpretation", "departmental_rule", "local_regulation", "case"]) {
      expect(byLevel[level], level).toBeGreaterThan(0);
    }
    const [{ unplaced }] = await query<{ unplaced: number }>("select count(*)::int as unplaced from laws where level = 'local_regulation' and region_code is distinct from '410000'");
    expect(unplaced).toBe(0);
  });

  it("a second import of the collection changes nothing", async () => {
    const again = await runLawImport(database.db, actor, { kind: "lawrefbook", dir: CORPUS }, { now: new Date() });
    expect(again).toMatchObject({ failed: [], created: 0, updated: 0, unchanged: full.files, articles: 0 });
    const [{ laws }] = await query<{ laws: number }>("select count(*)::int as laws from laws");
    expect(laws).toBe(full.files);
  }, 600_000);
});

/**
 * The core set the repository ships (core-laws/): it imports cleanly, and the first
 * start loads it only into a database without other laws, finishing a load that
 * was stopped half-way.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import type { Database } from "../platform/db/index.ts";
import { systemActor } from "../policies/actor.ts";
import { importLaws } from "../modules/knowledge/commands/import-laws.ts";
import { parseLawJsonl } from "../modules/knowledge/commands/read-law-jsonl.ts";
import { CORE_LAWS_DIR, needsCoreLaws, seedCoreLaws } from "./core-laws.ts";

const FIXTURES = join(process.cwd(), "test/fixtures/laws/lawrefbook");
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

// Each test starts without laws (the fixtures and the core set share source keys such as 民法典/总则.md).
beforeEach(async () => {
  await database.pool.query("delete from laws");
});

const query = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await database.pool.query<T>(text, values)).rows;

describe("the core set in core-laws/", () => {
  it("imports with no failure and no note: the laws a legal service desk uses daily, all current, plus the published cases", async () => {
    const report = await seedCoreLaws(database.db, new Date());
    expect(report).not.toBeNull();
    expect(report!.failed).toEqual([]);
    expect(report!.notes).toEqual([]);
    expect(report!.created).toBe(report!.files);
    const laws = await query<{ title: string; part: string | null; level: string; is_current: boolean; published_on: string | null }>(
      "select title, part, level, is_current, published_on::text from laws",
    );
    expect(laws.every((l) => l.is_current)).toBe(true);
    const titles = new Set(laws.map((l) => l.title));
    for (const title of [
      "中华人民共和国民法典", "中华人民共和国劳动法", "中华人民共和国劳动合同法", "中华人民共和国劳动合同法实施条例", "中华人民共和国劳动争议调解仲裁法",
      "中华人民共和国法律援助法", "中华人民共和国人民调解法", "中华人民共和国消费者权益保护法", "中华人民共和国道路交通安全法",
      "中华人民共和国道路交通安全法实施条例", "中华人民共和国社会保险法", "工伤保险条例", "中华人民共和国妇女权益保障法", "中华人民共和国未成年人保护法",
      "中华人民共和国老年人权益保障法", "中华人民共和国反家庭暴力法", "中华人民共和国农村土地承包法", "中华人民共和国行政复议法", "中华人民共和国民事诉讼法",
      "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定",
      "最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释",
    ]) expect(titles, title).toContain(title);
    expect(laws.filter((l) => l.title === "中华人民共和国民法典").map((l) => l.part).sort()).toEqual(
      ["人格权编", "侵权责任编", "合同编", "婚姻家庭编", "总则", "物权编", "继承编", "附则"].sort(),
    );
    expect(laws.find((l) => l.title === "中华人民共和国行政复议法")!.published_on).toBe("2023-09-01");
    expect(laws.filter((l) => l.level === "case").length).toBeGreaterThanOrEqual(50);
    const [article] = await query<{ body: string }>(
      "select a.body from law_articles a join laws l on l.id = a.law_id where l.title = '中华人民共和国民法典' and l.part = '总则' and a.article_no = '第五十四条'",
    );
    expect(article.body).toBe("自然人从事工商业经营，经依法登记，为个体工商户。个体工商户可以起字号。");
    // A second start finds them there.
    expect(await needsCoreLaws(database.db)).toBe(false);
    expect(await seedCoreLaws(database.db, new Date())).toBeNull();
  });

  it("stays a few MB", async () => {
    const { execFileSync } = await import("node:child_process");
    const kilobytes = Number(execFileSync("du", ["-sk", CORE_LAWS_DIR], { encoding: "utf8" }).split("\t")[0]);
    expect(kilobytes).toBeLessThan(4 * 1024);
  });
});

describe("loading the core set on first start", () => {
  it("loads into an empty table, finishes a load stopped half-way, and leaves a database with other laws alone", async () => {
    const now = new Date();
    expect(await needsCoreLaws(database.db, FIXTURES)).toBe(true);
    const first = await seedCoreLaws(database.db, now, { dir: FIXTURES, batchSize: 2 });
    expect(first).toMatchObject({ created: 8, unchanged: 0 });
    expect(await seedCoreLaws(database.db, now, { dir: FIXTURES })).toBeNull();

    // A first start stopped after some batches: the next start finishes the set.
    await database.pool.query("delete from laws where source_key = 'lawrefbook:民法典/合同编.md'");
    expect(await needsCoreLaws(database.db, FIXTURES)).toBe(true);
    expect(await seedCoreLaws(database.db, now, { dir: FIXTURES })).toMatchObject({ created: 1, unchanged: 7 });

    // Once the operator has imported something else, the laws are theirs: nothing is added back.
    const { sources } = parseLawJsonl(JSON.stringify({ id: "local-1", title: "某市物业管理条例", level: "local_regulation", articles: [{ articleNo: "第一条", body: "为了规范物业管理活动，制定本条例。" }] }));
    await importLaws(database.db, systemActor("test"), sources, { now });
    await database.pool.query("delete from laws where source_key = 'lawrefbook:民法典/合同编.md'");
    expect(await needsCoreLaws(database.db, FIXTURES)).toBe(false);
    expect(await seedCoreLaws(database.db, now, { dir: FIXTURES })).toBeNull();
  });
});

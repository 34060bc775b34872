import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../platform/db/index.ts";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import { readLawRefBook, storeLaws } from "../modules/knowledge/commands/import-laws.ts";
import { findKnowledgeEntries, getPublishedKnowledgeEntry } from "../modules/knowledge/queries/find-knowledge-entries.ts";
import { systemActor } from "../policies/actor.ts";
import { DEMO_KNOWLEDGE } from "./demo-knowledge.ts";
import { seedDemo } from "./demo.ts";

const LAWREFBOOK = resolve("../shared/data/lawrefbook");
const hasCorpus = existsSync(LAWREFBOOK);
if (!hasCorpus) console.warn(`[demo knowledge] the test on the real laws is skipped: no corpus at ${LAWREFBOOK}`);

/** The files of the laws the demo cites, copied into a folder of their own (the importer reads folders). */
const CITED_FILES = [
  "社会法/劳动合同法(2012-12-28).md",
  "诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md",
  "行政法/法律援助法(2021-08-20).md",
  "行政法/道路交通安全法(2021-04-29).md",
  "行政法/土地管理法(2019-08-26).md",
  "民法典/婚姻家庭编.md",
  "民法典/侵权责任编.md",
];

const databases: Database[] = [];
const folders: string[] = [];

afterAll(async () => {
  for (const database of databases) await database.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const now = new Date("2026-11-18T02:00:00Z");

async function seededIds(database: Database) {
  const { items } = await findKnowledgeEntries(database.db, systemActor("test"), { limit: 50 });
  return items;
}

describe("the demo's FAQ entries and case explainers", () => {
  it("are written and published through the commands; the draft stays off the portal", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await database.db.transaction((tx) => seedDemo(tx, now));
    const items = await seededIds(database);
    expect(items.map((e) => e.title).sort()).toEqual(DEMO_KNOWLEDGE.map((e) => e.title).sort());
    for (const item of items) {
      const planned = DEMO_KNOWLEDGE.find((e) => e.title === item.title)!;
      expect(item.status).toBe(planned.isPublished ? "published" : "draft");
      const shown = await getPublishedKnowledgeEntry(database.db, item.id);
      if (planned.isPublished) expect(shown?.title).toBe(item.title);
      else expect(shown).toBeNull();
      // A village of 青川区 sees the city's and 青川区's, not 石桥县's.
      const inVillage = await getPublishedKnowledgeEntry(database.db, item.id, "990102001001");
      expect(inVillage !== null, item.title).toBe(planned.isPublished && ["990100", "990102"].includes(item.region.code));
    }
    // No law imported: the citations are kept as written, linked to nothing yet.
    expect(items.flatMap((e) => e.citations).every((c) => c.lawId === null)).toBe(true);
  });

  it.skipIf(!hasCorpus)("cite real articles: with the laws imported first, every citation resolves to its law and article", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const folder = mkdtempSync(join(tmpdir(), "santai-demo-laws-"));
    folders.push(folder);
    for (const file of CITED_FILES) cpSync(join(LAWREFBOOK, file), join(folder, file));
    const { sources, failed } = await readLawRefBook(folder);
    expect(failed).toEqual([]);
    await database.db.transaction((tx) => storeLaws(tx, sources, { now }));
    // The seed would fail on an unknown citation (a 400 naming it): that it runs is the check.
    await database.db.transaction((tx) => seedDemo(tx, now));
    const citations = (await seededIds(database)).flatMap((e) => e.citations);
    expect(citations.length).toBe(DEMO_KNOWLEDGE.flatMap((e) => e.citations).length);
    for (const citation of citations) {
      expect(citation.lawId, `${citation.lawTitle} ${citation.articleNo}`).not.toBeNull();
      expect(citation.anchor).toBe(citation.articleNo);
    }
  });
});

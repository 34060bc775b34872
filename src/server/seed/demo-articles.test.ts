import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../platform/db/index.ts";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import { findPublishedArticles } from "../modules/content/queries/find-articles.ts";
import { DEMO_ARTICLES } from "./demo-articles.ts";
import { seedDemo } from "./demo.ts";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, new Date("2026-11-18T02:00:00Z")));
});

afterAll(async () => {
  await database?.close();
});

it("the demo city publishes its articles through the commands, newest first, and keeps the draft off the portal", async () => {
  const { items, total } = await findPublishedArticles(database.db, { limit: 50, regionCode: "990102001001" });
  const published = DEMO_ARTICLES.filter((a) => a.isPublished).sort((a, b) => a.daysAgo - b.daysAgo);
  expect(total).toBe(published.length);
  expect(items.map((a) => a.title)).toEqual(published.map((a) => a.title));
  expect(items[0]).toMatchObject({ region: { code: "990100", name: "云岭市" } });
});

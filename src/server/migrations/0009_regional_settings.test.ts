/**
 * Migration 0009 moves the deployment-wide service settings to the region tree:
 * values an admin had changed stay in force (on every root node), values still
 * equal to the shipped defaults go (they read 系统默认 again).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import type { Database } from "../platform/db/index.ts";
import { listMigrations, migrate } from "../platform/db/migrate.ts";
import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES } from "../modules/services/service-catalogue.ts";

let database: Database;
type Row = { region_code: string; region_path: string; service_type: string; checklist: unknown; deadlines: unknown; is_auto_dispatch: boolean };
let rows: Row[];

const json = (value: unknown) => JSON.stringify(value);
const legalAidEdited = [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 5, unit: "working_days" }];
const notaryEdited = [{ key: "id_card", name: "身份证明", isRequired: true }];

beforeAll(async () => {
  database = await createTestDatabase({ isEmpty: true });
  await migrate(database.pool, listMigrations().filter((m) => m.name < "0009"));
  const { db } = database;
  await db.execute(sql`insert into regions (code, name, level, parent_code, path, depth) values
    ('970000', '甲省', 'province', null, '/970000/', 0),
    ('970100', '甲市', 'city', '970000', '/970000/970100/', 1),
    ('960000', '乙省', 'province', null, '/960000/', 0)`);
  // As every start used to leave them: a row per type with the shipped values; then an admin's edits.
  for (const type of ["consultation", "legal_aid", "mediation", "notarization"] as const) {
    const deadlines = type === "legal_aid" ? legalAidEdited : DEFAULT_DEADLINES[type];
    await db.execute(sql`insert into service_settings (service_type, is_auto_dispatch, deadlines, updated_at) values (${type}, ${type === "mediation"}, ${json(deadlines)}::jsonb, now())`);
    const items = type === "notarization" ? notaryEdited : (DEFAULT_CHECKLISTS[type] ?? []);
    await db.execute(sql`insert into material_checklists (service_type, items, updated_at) values (${type}, ${json(items)}::jsonb, now())`);
  }
  await migrate(database.pool);
  rows = (await db.execute<Row>(sql`select region_code, region_path, service_type, checklist, deadlines, is_auto_dispatch from service_settings order by service_type, region_code`)).rows;
});

afterAll(async () => {
  await database?.close();
});

describe("migration 0009: settings move to the region tree", () => {
  it("changed values stay in force on every root node; default ones are dropped", () => {
    expect(rows.map((r) => [r.service_type, r.region_code])).toEqual([
      ["legal_aid", "960000"],
      ["legal_aid", "970000"],
      ["mediation", "960000"],
      ["mediation", "970000"],
      ["notarization", "960000"],
      ["notarization", "970000"],
    ]);
  });

  it("each row carries the whole of the type's settings: the changed part and the rest as it was", () => {
    const at = (type: string) => rows.find((r) => r.service_type === type && r.region_code === "970000")!;
    expect(at("legal_aid")).toMatchObject({ region_path: "/970000/", deadlines: legalAidEdited, checklist: DEFAULT_CHECKLISTS.legal_aid, is_auto_dispatch: false });
    expect(at("mediation")).toMatchObject({ deadlines: DEFAULT_DEADLINES.mediation, is_auto_dispatch: true });
    expect(at("notarization")).toMatchObject({ checklist: notaryEdited, deadlines: DEFAULT_DEADLINES.notarization });
  });

  it("the old checklist table is gone; regional holidays have a table", async () => {
    const tables = (await database.db.execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_name in ('material_checklists', 'regional_holidays')`)).rows;
    expect(tables.map((t) => t.name)).toEqual(["regional_holidays"]);
  });
});

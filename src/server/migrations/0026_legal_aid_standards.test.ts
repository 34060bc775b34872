/**
 * Migration 0026 (Legal Aid Law art. 41): a region's saved legal aid checklist that
 * still asks for the shipped hardship certificate asks for the self-declaration
 * instead (and the group material of art. 42), in the same place; a list an
 * admin wrote differently, and other services, are left as they were.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import type { Database } from "../platform/db/index.ts";
import { listMigrations, migrate } from "../platform/db/migrate.ts";
import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES } from "../modules/services/service-catalogue.ts";

let database: Database;
const OLD_ITEM = { key: "hardship_proof", name: "经济困难状况说明表（或低保、特困证明）", isRequired: true };
const idCard = { key: "id_card", name: "申请人身份证明", isRequired: true };
const caseMaterials = { key: "case_materials", name: "与所申请法律援助事项有关的材料", isRequired: true };
const custom = [idCard, { key: "hardship_proof", name: "本县自定的困难证明", isRequired: true }];
let rows: { region_code: string; service_type: string; checklist: unknown }[];

beforeAll(async () => {
  database = await createTestDatabase({ isEmpty: true });
  await migrate(database.pool, listMigrations().filter((m) => m.name < "0026"));
  const { db } = database;
  await db.execute(sql`insert into regions (code, name, level, parent_code, path, depth) values
    ('970000', '甲省', 'province', null, '/970000/', 0),
    ('970100', '甲市', 'city', '970000', '/970000/970100/', 1)`);
  const put = (code: string, path: string, type: string, checklist: unknown) =>
    db.execute(sql`insert into service_settings (region_code, region_path, service_type, checklist, deadlines, is_auto_dispatch, updated_at)
      values (${code}, ${path}, ${type}, ${JSON.stringify(checklist)}::jsonb, ${JSON.stringify(DEFAULT_DEADLINES.legal_aid)}::jsonb, false, now())`);
  await put("970000", "/970000/", "legal_aid", [idCard, OLD_ITEM, caseMaterials]);
  await put("970100", "/970000/970100/", "legal_aid", custom);
  await put("970000", "/970000/", "mediation", [OLD_ITEM]);
  await migrate(database.pool);
  rows = (await db.execute<(typeof rows)[number]>(sql`select region_code, service_type, checklist from service_settings order by region_code, service_type`)).rows;
});

afterAll(async () => {
  await database?.close();
});

describe("migration 0026: the hardship certificate becomes a self-declaration", () => {
  it("replaces the shipped item in place with the shipped defaults' two items", () => {
    const [declaration, groupProof] = DEFAULT_CHECKLISTS.legal_aid!.filter((i) => i.key === "hardship_declaration" || i.key === "exemption_proof");
    expect(rows.find((r) => r.region_code === "970000" && r.service_type === "legal_aid")!.checklist).toEqual([idCard, declaration, groupProof, caseMaterials]);
  });

  it("leaves a list written differently, and other services, alone", () => {
    expect(rows.find((r) => r.region_code === "970100")!.checklist).toEqual(custom);
    expect(rows.find((r) => r.service_type === "mediation")!.checklist).toEqual([OLD_ITEM]);
  });

  it("creates the standards table, one standard per province and date", async () => {
    const insert = () => database.db.execute(sql`insert into legal_aid_standards (province_code, province_path, effective_from, income_line_per_member, basis, created_at) values ('970000', '/970000/', '2026-01-01', 1800, 'test', now())`);
    await insert();
    await expect(insert()).rejects.toThrow();
  });
});

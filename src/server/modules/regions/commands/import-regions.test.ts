import { eq, inArray, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff } from "../../../../../test/helpers/factories.ts";
import type { Database } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { systemActor, type Actor } from "../../../policies/actor.ts";
import { auditLog } from "../../audit/audit.tables.ts";
import { regions } from "../regions.tables.ts";
import { importRegions } from "./import-regions.ts";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const newTree = () => database.db.transaction((tx) => buildRegionTree(tx, database));
const staff = (roles: Parameters<typeof makeStaff>[1], regionCode: string) => database.db.transaction((tx) => makeStaff(tx, roles, regionCode));
const runImport = (actor: Actor, csv: string) => database.db.transaction((tx) => importRegions(tx, actor, csv, new Date()));

async function importError(actor: Actor, csv: string): Promise<AppError> {
  try {
    await runImport(actor, csv);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("the import was expected to fail");
}

const existingCodes = async (codes: string[]) =>
  (await database.db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes))).map((row) => row.code);

describe("importRegions", () => {
  it("a file with bad lines imports nothing and lists every bad line with its number and code", async () => {
    const tree = await newTree();
    const [county] = tree.counties;
    const lines = [
      "code,name,parentCode,level", // 1
      `${county}003,新镇,${county},township`, // 2 good
      `${county}003001,新村,${county}003,village`, // 3 good
      `${county}009001,错村,${county},village`, // 4 village under a county
      `${tree.townships[0][0]},重复镇,${county},township`, // 5 already exists
      `${county}004,孤镇,${county.slice(0, 4)}99,township`, // 6 unknown parent
      `${county}005,坏级,${county},hamlet`, // 7 bad level
      `${county}006,缺字段,${county}`, // 8 three fields
      `${county}003,又一个新镇,${county},township`, // 9 duplicate in the file
    ];
    const error = await importError(systemActor("test"), lines.join("\n"));
    expect(error.code).toBe("IMPORT_INVALID");
    const errors = (error.extra?.errors ?? []) as { line: number; code: string }[];
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [4, "LEVEL_MISMATCH"],
      [5, "DUPLICATE_CODE"],
      [6, "UNKNOWN_PARENT"],
      [7, "BAD_LEVEL"],
      [8, "BAD_LINE"],
      [9, "DUPLICATE_CODE"],
    ]);
    expect(await existingCodes([`${county}003`, `${county}003001`, `${county}004`, `${county}005`])).toEqual([]);
  });

  it("a good file imports every line with the right level, depth and path (parents may come after children)", async () => {
    const tree = await newTree();
    const [county] = tree.counties;
    const countyPath = `/${tree.province}/${tree.city}/${county}/`;
    const csv = [
      `${county}003001,"新村, 一组",${county}003,village`,
      `${county}003002,新村二,${county}003,village`,
      `${county}003,新镇,${county},township`,
    ].join("\r\n");
    const admin = await staff(["admin"], county);
    expect(await runImport(admin, csv)).toEqual({ imported: 3 });
    const rows = await database.db
      .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, path: regions.path, depth: regions.depth })
      .from(regions)
      .where(like(regions.path, `${countyPath}${county}003/%`))
      .orderBy(regions.path);
    expect(rows).toEqual([
      { code: `${county}003`, name: "新镇", level: "township", parentCode: county, path: `${countyPath}${county}003/`, depth: 3 },
      { code: `${county}003001`, name: "新村, 一组", level: "village", parentCode: `${county}003`, path: `${countyPath}${county}003/${county}003001/`, depth: 4 },
      { code: `${county}003002`, name: "新村二", level: "village", parentCode: `${county}003`, path: `${countyPath}${county}003/${county}003002/`, depth: 4 },
    ]);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.actorId, admin.id));
    expect(audit.filter((row) => row.action === "region.import").map((row) => row.detail)).toEqual([
      { imported: 3, codes: [`${county}003`, `${county}003001`, `${county}003002`] },
    ]);
  });

  it("a staff member who is not an admin is refused", async () => {
    const tree = await newTree();
    for (const roles of [["leader"], ["dispatcher", "window"], ["supervisor"]] as const) {
      const actor = await staff([...roles], tree.city);
      const error = await importError(actor, `${tree.counties[0]}003,新镇,${tree.counties[0]},township`);
      expect(error.code).toBe("FORBIDDEN");
    }
    expect(await existingCodes([`${tree.counties[0]}003`])).toEqual([]);
  });

  it("an admin cannot import outside their subtree, and nothing of the file is imported", async () => {
    const tree = await newTree();
    const [own, sibling] = tree.counties;
    const admin = await staff(["admin"], own);
    const error = await importError(
      admin,
      [
        `${own}003,本县新镇,${own},township`, // 1 in scope
        `${sibling}003,邻县新镇,${sibling},township`, // 2 sibling county
        `${tree.city.slice(0, 4)}04,新县,${tree.city},county`, // 3 beside the admin's county
      ].join("\n"),
    );
    expect(error.code).toBe("IMPORT_INVALID");
    expect((error.extra?.errors as { line: number; code: string }[]).map((e) => [e.line, e.code])).toEqual([
      [2, "OUT_OF_SCOPE"],
      [3, "OUT_OF_SCOPE"],
    ]);
    expect(await existingCodes([`${own}003`, `${sibling}003`, `${tree.city.slice(0, 4)}04`])).toEqual([]);
    // The same admin imports inside their own county.
    expect(await runImport(admin, `${own}003,本县新镇,${own},township`)).toEqual({ imported: 1 });
  });

  it("an empty file (only a header) is a validation error, not a silent success", async () => {
    const error = await importError(systemActor("test"), "code,name,parentCode,level\n\n");
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.field).toBe("csv");
  });
});

describe("everything under a county is one indexed prefix query", () => {
  it("returns exactly the county's subtree", async () => {
    const tree = await newTree();
    const [county, other] = tree.counties;
    const countyPath = `/${tree.province}/${tree.city}/${county}/`;
    const { rows } = await database.pool.query<{ code: string }>(`select code from regions where path like '${countyPath}%' order by code`);
    const expected = [county, ...tree.townships[0], ...tree.villages[0].flat()].sort();
    expect(rows.map((row) => row.code)).toEqual(expected);
    expect(rows.map((row) => row.code)).not.toContain(other);
    expect(rows).toHaveLength(7);
  });

  it("uses the regions_path_prefix index", async () => {
    const tree = await newTree();
    const countyPath = `/${tree.province}/${tree.city}/${tree.counties[0]}/`;
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute<{ "QUERY PLAN": string }>(sql.raw(`explain select code from regions where path like '${countyPath}%'`));
      return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("regions_path_prefix");
    expect(plan).toMatch(/Index Cond: .*path ~>=~/);
  });
});

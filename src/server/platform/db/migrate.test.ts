import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/helpers/database.ts";
import type { Database } from "./index.ts";
import { listMigrations, migrate, type Migration } from "./migrate.ts";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const migration = (name: string, sql: string): Migration => ({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });

const tableExists = async (name: string) => {
  const { rows } = await database.pool.query<{ name: string | null }>("select to_regclass($1)::text as name", [name]);
  return rows[0].name !== null;
};

const recorded = async () => {
  const { rows } = await database.pool.query<{ name: string; checksum: string }>("select name, checksum from schema_migrations order by name");
  return rows;
};

describe("migrate", () => {
  it("records every shipped migration with its checksum", async () => {
    const shipped = listMigrations();
    expect(shipped.length).toBeGreaterThan(0);
    expect(await recorded()).toEqual(shipped.map(({ name, checksum }) => ({ name, checksum })));
  });

  it("applies a new migration once; running again applies nothing", async () => {
    const list = [...listMigrations(), migration("9001_twice.sql", "create table migrate_test_twice (id integer primary key);")];
    expect(await migrate(database.pool, list)).toEqual(["9001_twice.sql"]);
    expect(await tableExists("migrate_test_twice")).toBe(true);
    expect(await migrate(database.pool, list)).toEqual([]);
    expect(await migrate(database.pool)).toEqual([]);
    expect((await recorded()).filter((row) => row.name === "9001_twice.sql")).toHaveLength(1);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const original = migration("9002_edited.sql", "create table migrate_test_edited (id integer);");
    expect(await migrate(database.pool, [...listMigrations(), original])).toEqual(["9002_edited.sql"]);
    const edited = migration("9002_edited.sql", "create table migrate_test_edited (id integer, extra text);");
    const later = migration("9003_after_edit.sql", "create table migrate_test_after_edit (id integer);");
    await expect(migrate(database.pool, [...listMigrations(), edited, later])).rejects.toThrow(
      /Migration 9002_edited\.sql was edited after it was applied/,
    );
    // Nothing after the edited file ran, and the stored checksum is the original one.
    expect(await tableExists("migrate_test_after_edit")).toBe(false);
    expect((await recorded()).find((row) => row.name === "9002_edited.sql")?.checksum).toBe(original.checksum);
  });

  it("refuses an edited shipped migration (0001) too", async () => {
    const shipped = listMigrations();
    const tampered = shipped.map((m, i) => (i === 0 ? migration(m.name, `${m.sql}\n-- edited`) : m));
    await expect(migrate(database.pool, tampered)).rejects.toThrow(new RegExp(`Migration ${shipped[0].name} was edited`));
  });

  it("rolls a failing migration back entirely: no table, not recorded, and the lock is released", async () => {
    const failing = migration(
      "9004_failing.sql",
      "create table migrate_test_failing (id integer primary key);\ninsert into migrate_test_failing values (1);\nselect no_such_function();",
    );
    await expect(migrate(database.pool, [...listMigrations(), failing])).rejects.toThrow(/Migration 9004_failing\.sql failed: .*no_such_function/);
    expect(await tableExists("migrate_test_failing")).toBe(false);
    expect((await recorded()).map((row) => row.name)).not.toContain("9004_failing.sql");
    // The advisory lock was released and the connection is usable: a fixed file applies.
    const fixed = migration("9004_failing.sql", "create table migrate_test_failing (id integer primary key);");
    expect(await migrate(database.pool, [...listMigrations(), fixed])).toEqual(["9004_failing.sql"]);
    expect(await tableExists("migrate_test_failing")).toBe(true);
  });
});

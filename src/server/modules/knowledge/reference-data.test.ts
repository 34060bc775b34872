import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../platform/db/index.ts";
import type { StaffActor } from "../../policies/actor.ts";
import { createTestDatabase } from "../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff } from "../../../../test/helpers/factories.ts";
import { prepareDatabase } from "../../wiring.ts";
import { queryWordings } from "./knowledge.tables.ts";
import { ensureShippedWordings } from "./reference-data.ts";
import { SHIPPED_WORDINGS, shippedWordingKey } from "./shipped-wordings.ts";
import { activeWordings } from "./queries/find-query-wordings.ts";
import { updateQueryWording } from "./commands/update-query-wording.ts";
import { deleteQueryWording } from "./commands/delete-query-wording.ts";
import { createQueryWording } from "./commands/create-query-wording.ts";

let database: Database;
let admin: StaffActor;
const now = new Date("2026-11-18T02:00:00Z");

const rowsOf = async () => database.db.select().from(queryWordings);
const find = async (everyday: string[], legal: string) =>
  (await rowsOf()).find((r) => r.legal === legal && r.everyday.join("+") === everyday.join("+"));

beforeAll(async () => {
  database = await createTestDatabase();
  const tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  admin = await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.province));
});

afterAll(async () => {
  await database?.close();
});

describe("the shipped wordings", () => {
  it("are all in place after the database is prepared, each once, active, created by nobody", async () => {
    const rows = await rowsOf();
    expect(rows).toHaveLength(SHIPPED_WORDINGS.length);
    expect(new Set(SHIPPED_WORDINGS.map(shippedWordingKey)).size).toBe(SHIPPED_WORDINGS.length);
    for (const shipped of SHIPPED_WORDINGS) expect(await find(shipped.everyday, shipped.legal), shippedWordingKey(shipped)).toMatchObject({ isActive: true, createdBy: null });
  });

  it("preparing again adds nothing", async () => {
    await prepareDatabase(database);
    expect(await database.db.transaction((tx) => ensureShippedWordings(tx, now))).toBe(0);
    expect(await rowsOf()).toHaveLength(SHIPPED_WORDINGS.length);
  });

  it("never undoes a staff edit, deactivation or removal", async () => {
    const [edited, deactivated, removed] = SHIPPED_WORDINGS;
    const idOf = async (w: { everyday: string[]; legal: string }) => (await find(w.everyday, w.legal))!.id;
    const editedId = await idOf(edited);
    const deactivatedId = await idOf(deactivated);
    const removedId = await idOf(removed);
    await database.db.transaction(async (tx) => {
      await updateQueryWording(tx, admin, editedId, { legal: "拖欠工资 劳动报酬" }, now);
      await updateQueryWording(tx, admin, deactivatedId, { isActive: false }, now);
      await deleteQueryWording(tx, admin, removedId, now);
    });
    expect(await database.db.transaction((tx) => ensureShippedWordings(tx, now))).toBe(0);
    expect((await rowsOf()).find((r) => r.id === editedId)).toMatchObject({ legal: "拖欠工资 劳动报酬" });
    expect(await find(edited.everyday, edited.legal)).toBeUndefined();
    expect((await rowsOf()).find((r) => r.id === deactivatedId)).toMatchObject({ isActive: false });
    expect(await find(removed.everyday, removed.legal)).toBeUndefined();
  });

  it("a later release's new wording is added once; one staff already had is left as it is", async () => {
    const own = await database.db.transaction((tx) => createQueryWording(tx, admin, { everyday: ["讨债"], legal: "债务 清偿", isActive: false }, now));
    const release = [...SHIPPED_WORDINGS, { everyday: ["黑中介"], legal: "中介合同" }, { everyday: ["讨债"], legal: "债务 清偿" }];
    expect(await database.db.transaction((tx) => ensureShippedWordings(tx, now, release))).toBe(1);
    expect(await find(["黑中介"], "中介合同")).toMatchObject({ isActive: true });
    expect((await rowsOf()).filter((r) => r.legal === "债务 清偿")).toEqual([expect.objectContaining({ id: own, isActive: false })]);
    expect(await database.db.transaction((tx) => ensureShippedWordings(tx, now, release))).toBe(0);
  });
});

describe("activeWordings", () => {
  it("answers the active wordings, and sees a change at once (the cache's version follows the table)", async () => {
    const legalOf = async () => (await activeWordings(database.db)).map((w) => w.legal);
    const before = await legalOf();
    expect(before).toContain("交通事故");
    expect(before).not.toContain("债务 清偿");
    const [accident] = await database.db.select().from(queryWordings).where(eq(queryWordings.legal, "交通事故")).limit(1);
    await database.db.transaction((tx) => updateQueryWording(tx, admin, accident.id, { isActive: false }, now));
    const after = await activeWordings(database.db);
    expect(after.map((w) => w.id)).not.toContain(accident.id);
    expect(Object.isFrozen(after)).toBe(true);
  });

  it("a change written behind the commands' back (psql, another process) bumps the version all the same", async () => {
    const version = async () => (await database.db.execute<{ version: string }>(sql`select version from cache_versions where name = 'query_wordings'`)).rows[0].version;
    const before = Number(await version());
    await database.db.execute(sql`update query_wordings set updated_at = updated_at where false`);
    await database.db.execute(sql`update query_wordings set is_active = is_active`);
    expect(Number(await version())).toBe(before + 2);
  });
});

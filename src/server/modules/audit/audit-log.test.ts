import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../../../test/helpers/factories.ts";
import type { Database } from "../../platform/db/index.ts";
import { systemActor } from "../../policies/actor.ts";
import { auditLog } from "./audit.tables.ts";
import { recordAudit } from "./record-audit.ts";
import { auditChainKeys } from "../../platform/audit-chain.ts";
import { verifyAuditLog } from "./queries/verify-audit-log.ts";

let database: Database;
let tree: TestTree;

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
});

afterAll(async () => {
  await database?.close();
});

const count = async () => Number((await database.pool.query<{ n: number }>("select count(*)::int as n from audit_log")).rows[0].n);

describe("recordAudit", () => {
  it("writes a row for a staff actor, defaulting the region path to the actor's", async () => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.counties[0]));
    const at = new Date("2030-01-02T03:04:05.000Z");
    const entityId = `venue-${Math.random()}`;
    await database.db.transaction((tx) =>
      recordAudit(tx, { actor: { ...actor, ip: "10.0.0.7" }, action: "venue.update", entityType: "venue", entityId, at, detail: { changed: ["name"] } }),
    );
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      at,
      actorKind: "staff",
      actorId: actor.id,
      actorUsername: actor.username,
      action: "venue.update",
      entityType: "venue",
      ip: "10.0.0.7",
      regionPath: actor.regionPath,
      detail: { changed: ["name"] },
    });
  });

  it("writes anonymous (sign-in) and system entries, with an explicit region path winning", async () => {
    const entityId = `acct-${Math.random()}`;
    await database.db.transaction(async (tx) => {
      await recordAudit(tx, { actor: { kind: "anonymous", id: null, username: "nobody", ip: "10.0.0.8" }, action: "auth.login_failed", entityType: "account", entityId, at: new Date() });
      await recordAudit(tx, { actor: systemActor("cli"), action: "region.import", entityType: "region", entityId, at: new Date(), regionPath: "/980000/" });
    });
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
    expect(rows.map((r) => [r.actorKind, r.actorId, r.actorUsername, r.ip, r.regionPath, r.detail])).toEqual([
      ["anonymous", null, "nobody", "10.0.0.8", null, {}],
      ["system", null, "cli", null, "/980000/", {}],
    ]);
  });
});

describe("the audit log chain", () => {
  it("entries written at once, in transactions or on the database itself, take one seq each and the chain holds", async () => {
    const writes = Array.from({ length: 12 }, (_, i) =>
      i % 2
        ? database.db.transaction((tx) => recordAudit(tx, { actor: systemActor(), action: "test.concurrent", entityType: "test", entityId: `c${i}`, at: new Date() }))
        : recordAudit(database.db, { actor: systemActor(), action: "test.concurrent", entityType: "test", entityId: `c${i}`, at: new Date() }),
    );
    await Promise.all(writes);
    const report = await database.db.transaction((tx) => verifyAuditLog(tx, auditChainKeys(database.db).keys));
    expect(report).toMatchObject({ verified: true, brokenAtSeq: null, unchained: 0 });
    expect(report.checked).toBe(await count());
  });
});

describe("the audit log is append-only in the database", () => {
  beforeAll(async () => {
    await database.db.transaction((tx) => recordAudit(tx, { actor: systemActor(), action: "test.seed", entityType: "test", entityId: "append-only", at: new Date() }));
  });

  it.each([
    ["update", "update audit_log set action = 'tampered'"],
    ["update of one row", "update audit_log set detail = '{\"x\":1}' where entity_id = 'append-only'"],
    ["delete", "delete from audit_log"],
    ["delete of one row", "delete from audit_log where entity_id = 'append-only'"],
    ["truncate", "truncate audit_log"],
  ])("%s is refused", async (_name, statement) => {
    const before = await count();
    expect(before).toBeGreaterThan(0);
    // In a transaction, as every write of the app runs.
    await expect(database.db.transaction((tx) => tx.execute(sql.raw(statement)))).rejects.toMatchObject({
      cause: { code: "42501", message: expect.stringMatching(/append-only/) },
    });
    expect(await count()).toBe(before);
    const { rows } = await database.pool.query("select count(*)::int as n from audit_log where action = 'tampered'");
    expect(rows[0].n).toBe(0);
  });

  it("a refused statement outside a transaction leaves the connection usable", async () => {
    // Outside a transaction, through pool.query — the path every `database.db`
    // query outside a transaction takes. pg-pool destroys a client whose query
    // failed and opens a new connection for the next query.
    await expect(database.pool.query("delete from audit_log")).rejects.toMatchObject({ code: "42501" });
    // The next queries, on the same pooled connection, must work.
    await expect(database.pool.query("select 1 as one")).resolves.toMatchObject({ rows: [{ one: 1 }] });
    expect(await count()).toBeGreaterThan(0);
  });
});

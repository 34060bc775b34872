/**
 * The audit trail holds against an insider (issue 6, item 12; docs/audit-trail.md).
 * Tampering is done as someone with database access would: in SQL, triggers off
 * (session_replication_role = replica), recomputing hashes with the functions
 * the app's own code exposes — but without the audit key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { auditChainKeys, GENESIS_HASH } from "../../src/server/platform/audit-chain.ts";
import { eventHash, legacyEventHash } from "../../src/server/modules/tickets/audit-chain.ts";
import { makeDailyCheckpoint } from "../../src/server/modules/checkpoints/commands/make-checkpoint.ts";
import { compareWithExport, type CheckpointExport } from "../../src/server/modules/checkpoints/queries/verify-checkpoints.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
/** A ticket left untouched by the first checkpoint test, for the second. */
let kept = "";

// Tuesday 1 December 2026, 10:00 Beijing time.
const START = new Date("2026-12-01T10:00:00+08:00");

const walkIn = () => ({
  channel: "window",
  serviceType: "consultation",
  category: "劳动争议",
  regionCode: tree.townships[0][0],
  applicant: { name: "张三" },
  description: "工地拖欠三个月工资",
});

/** A ticket with three events: created, accepted, assigned. */
async function ticketWithHistory(): Promise<string> {
  const created = await s.window.request("POST", "/api/tickets", walkIn());
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await s.dispatcher.request("POST", `/api/tickets/${id}/actions`, { action: "accept" })).statusCode).toBe(200);
  expect((await s.dispatcher.request("POST", `/api/tickets/${id}/actions`, { action: "assign", unitRegionCode: tree.counties[0] })).statusCode).toBe(200);
  return id;
}

const auditOf = async (id: string) => {
  const response = await s.dispatcher.get(`/api/tickets/${id}/audit`);
  expect(response.statusCode).toBe(200);
  return response.json();
};

/** Runs SQL as an insider: in one transaction, with the append-only and foreign-key triggers off. */
const asInsider = (run: (tx: Parameters<Parameters<Database["db"]["transaction"]>[0]>[0]) => Promise<unknown>) =>
  database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await run(tx);
  });

type EventRow = { id: number; ticket_id: string; seq: number; at: Date; actor_kind: string; actor_id: string | null; actor_name: string | null; type: string; data: Record<string, unknown> };

/**
 * Rewrites a ticket's chain from its (edited) rows with the unkeyed SHA-256 of
 * before: what defeated the old chain. The head on the ticket row follows.
 */
async function recomputeUnkeyed(id: string) {
  await asInsider(async (tx) => {
    const rows = (await tx.execute<EventRow>(sql`select * from ticket_events where ticket_id = ${id} order by seq`)).rows;
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = legacyEventHash(prev, { ticketId: row.ticket_id, seq: row.seq, at: new Date(row.at), actorKind: row.actor_kind, actorId: row.actor_id, type: row.type, data: row.data });
      await tx.execute(sql`update ticket_events set prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`);
      prev = hash;
    }
    await tx.execute(sql`update tickets set chain_seq = ${rows.length}, chain_hash = ${prev} where id = ${id}`);
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, START));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("window", ["window"], tree.counties[0]);
  await make("dispatcher", ["dispatcher"], tree.city);
  await make("provinceAdmin", ["admin"], tree.province);
  await make("provinceSupervisor", ["supervisor"], tree.province);
  await make("cityAdmin", ["admin"], tree.city);
  await make("countySupervisor", ["supervisor"], tree.counties[1]);
  await make("provinceDispatcher", ["dispatcher"], tree.province);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("a ticket's chain", () => {
  it("an untouched ticket verifies, naming the key, with the head on the ticket row", async () => {
    const id = await ticketWithHistory();
    const audit = await auditOf(id);
    expect(audit).toMatchObject({ verified: true, brokenAtSeq: null, reason: null, head: { seq: 3 } });
    expect(audit.keyIds).toHaveLength(1);
    expect(audit.events.map((e: { keyId: string }) => e.keyId)).toEqual([audit.keyIds[0], audit.keyIds[0], audit.keyIds[0]]);
    expect(audit.head.hash).toBe(audit.events[2].hash);
  });

  it("an actor name edited in SQL, the chain recomputed with the unkeyed function, is broken", async () => {
    const id = await ticketWithHistory();
    await asInsider((tx) => tx.execute(sql`update ticket_events set actor_name = '李四' where ticket_id = ${id} and seq = 2`));
    await recomputeUnkeyed(id);
    expect(await auditOf(id)).toMatchObject({ verified: false, brokenAtSeq: 1, reason: "content" });
  });

  it("data edited in SQL, the chain recomputed with the unkeyed function, is broken", async () => {
    const id = await ticketWithHistory();
    await asInsider((tx) => tx.execute(sql`update ticket_events set data = data || '{"to":"rejected"}'::jsonb where ticket_id = ${id} and seq = 2`));
    await recomputeUnkeyed(id);
    expect((await auditOf(id)).verified).toBe(false);
  });

  it("an edit re-signed under a key of the insider's own making is broken", async () => {
    const id = await ticketWithHistory();
    const { generateKey } = await import("../../src/server/platform/keys.ts");
    const forged = generateKey();
    await asInsider(async (tx) => {
      const [row] = (await tx.execute<EventRow & { prev_hash: string }>(sql`select * from ticket_events where ticket_id = ${id} and seq = 3`)).rows;
      const hash = eventHash(forged, row.prev_hash, { ticketId: id, seq: 3, at: new Date(row.at), actorKind: row.actor_kind, actorId: row.actor_id, actorName: "李四", type: row.type, data: row.data });
      await tx.execute(sql`update ticket_events set actor_name = '李四', key_id = ${forged.id}, hash = ${hash} where id = ${row.id}`);
      await tx.execute(sql`update tickets set chain_hash = ${hash} where id = ${id}`);
    });
    expect(await auditOf(id)).toMatchObject({ verified: false, brokenAtSeq: 3, reason: "unknown_key" });
  });

  it("the last event deleted is broken: the head on the ticket row names it", async () => {
    const id = await ticketWithHistory();
    await asInsider((tx) => tx.execute(sql`delete from ticket_events where ticket_id = ${id} and seq = 3`));
    expect(await auditOf(id)).toMatchObject({ verified: false, brokenAtSeq: 3, reason: "head" });
  });

  it("the last event deleted and the head moved back without the key is broken", async () => {
    const id = await ticketWithHistory();
    await asInsider(async (tx) => {
      await tx.execute(sql`delete from ticket_events where ticket_id = ${id} and seq = 3`);
      // The head can be set to the remaining last event's hash: the chain then holds — which is why the checkpoints exist (below).
      await tx.execute(sql`update tickets set chain_seq = 2, chain_hash = (select hash from ticket_events where ticket_id = ${id} and seq = 2) where id = ${id}`);
    });
    expect((await auditOf(id)).verified).toBe(true);
  });
});

describe("the audit log chain", () => {
  it("holds, and an entry edited in SQL breaks it (GET /api/audit/verify)", async () => {
    const before = await s.provinceAdmin.get("/api/audit/verify");
    expect(before.statusCode).toBe(200);
    expect(before.json().auditLog).toMatchObject({ verified: true, brokenAtSeq: null, unchained: 0 });
    expect(before.json().auditLog.checked).toBeGreaterThan(5);
    const original = (await database.pool.query<{ actor_username: string | null }>("select actor_username from audit_log where seq = 3")).rows[0].actor_username;
    await asInsider((tx) => tx.execute(sql`update audit_log set actor_username = 'someone-else' where seq = 3`));
    const after = (await s.provinceAdmin.get("/api/audit/verify")).json();
    expect(after.verified).toBe(false);
    expect(after.auditLog).toMatchObject({ verified: false, brokenAtSeq: 3, reason: "content" });
    // Put back exactly, the chain holds again: the HMAC covers the content, nothing else.
    await asInsider((tx) => tx.execute(sql`update audit_log set actor_username = ${original} where seq = 3`));
    expect((await s.provinceAdmin.get("/api/audit/verify")).json().auditLog).toMatchObject({ verified: true });
  });

  it("an entry deleted from the end is broken: the head row names it", async () => {
    const head = (await database.pool.query<{ seq: number }>("select seq from audit_chain_head")).rows[0].seq;
    await asInsider((tx) => tx.execute(sql`delete from audit_log where seq = ${head}`));
    const report = (await s.provinceAdmin.get("/api/audit/verify")).json();
    // The verification itself is not audited, so the deleted entry is still the last one the head names.
    expect(report.auditLog).toMatchObject({ verified: false, brokenAtSeq: head, reason: "head" });
  });
});

describe("the daily checkpoint", () => {
  it("is made once a day, exported, and shows a ticket deleted whole or rewritten since", async () => {
    kept = await ticketWithHistory();
    const victim = await ticketWithHistory();
    // Past Beijing midnight and the grace period: 1 December's checkpoint is due.
    const next = new Date("2026-12-02T00:20:00+08:00");
    const made = await database.db.transaction((tx) => makeDailyCheckpoint(tx, next));
    expect(made).toMatchObject({ day: "2026-12-01", prevHash: GENESIS_HASH, keyId: auditChainKeys(database.db).signing.id });
    expect(await database.db.transaction((tx) => makeDailyCheckpoint(tx, next))).toBeNull();
    clock.set(next.toISOString());
    // A day later every session has idled out: sign in again.
    for (const key of Object.keys(s)) s[key] = await signIn(app, s[key].username);

    const exported = await s.provinceAdmin.get("/api/audit/checkpoints/2026-12-01");
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-disposition"]).toContain("santai-checkpoint-2026-12-01.json");
    const file = exported.json() as CheckpointExport;
    expect(file).toMatchObject({ format: "santai-audit-checkpoint/1", day: "2026-12-01", verified: true, cutoffBeijing: "2026-12-01 24:00" });
    expect(file.tickets.map((t) => t.ticketId)).toEqual(expect.arrayContaining([kept, victim]));
    expect(file.ticketCount).toBe(file.tickets.length);

    const listed = await s.provinceSupervisor.get("/api/audit/checkpoints");
    expect(listed.json().items[0]).toMatchObject({ day: "2026-12-01", hash: file.hash });
    expect((await s.provinceAdmin.get("/api/audit/verify")).json().checkpoints).toMatchObject({ checked: 1, latestDay: "2026-12-01", broken: [] });

    // The insider deletes a whole ticket with its events: every remaining chain holds…
    await asInsider(async (tx) => {
      await tx.execute(sql`delete from ticket_events where ticket_id = ${victim}`);
      await tx.execute(sql`delete from ticket_deadlines where ticket_id = ${victim}`);
      await tx.execute(sql`delete from tickets where id = ${victim}`);
    });
    const report = (await s.provinceAdmin.get("/api/audit/verify")).json();
    expect(report.tickets.broken.map((t: { ticketId: string }) => t.ticketId)).not.toContain(victim);
    // …but the checkpoint's state no longer matches, and the exported file names the ticket.
    expect(report.checkpoints).toMatchObject({ verified: false, broken: [{ day: "2026-12-01", reason: "state" }] });
    const comparison = await database.db.transaction((tx) => compareWithExport(tx, file));
    expect(comparison).toMatchObject({ isCheckpointKept: true, verified: false, changed: [{ ticketId: victim, now: null }] });
  });

  it("names a ticket whose history was rewritten with the key since the export", async () => {
    const [latest] = (await s.provinceAdmin.get("/api/audit/checkpoints")).json().items;
    const file = (await s.provinceAdmin.get(`/api/audit/checkpoints/${latest.day}`)).json() as CheckpointExport;
    // A ticket whose chain held at the export (those above were tampered with already).
    const target = kept;
    // Someone holding the audit key rewrites a ticket's last event and its head: the chain verifies…
    const { signing } = auditChainKeys(database.db);
    await asInsider(async (tx) => {
      const [row] = (await tx.execute<EventRow & { prev_hash: string }>(sql`select * from ticket_events where ticket_id = ${target} order by seq desc limit 1`)).rows;
      const hash = eventHash(signing, row.prev_hash, { ticketId: target, seq: row.seq, at: new Date(row.at), actorKind: row.actor_kind, actorId: row.actor_id, actorName: "李四", type: row.type, data: row.data });
      await tx.execute(sql`update ticket_events set actor_name = '李四', hash = ${hash} where id = ${row.id}`);
      await tx.execute(sql`update tickets set chain_hash = ${hash} where id = ${target}`);
    });
    expect((await auditOf(target)).verified).toBe(true);
    // …and only the checkpoint kept elsewhere shows it.
    const comparison = await database.db.transaction((tx) => compareWithExport(tx, file));
    expect(comparison.changed.map((c) => c.ticketId)).toEqual([target]);
  });
});

describe("who may verify and export", () => {
  it.each([
    ["window", "/api/audit/verify", 403],
    ["provinceDispatcher", "/api/audit/verify", 403],
    ["countySupervisor", "/api/audit/verify", 200],
    ["cityAdmin", "/api/audit/verify", 200],
    ["provinceSupervisor", "/api/audit/verify", 200],
    ["window", "/api/audit/checkpoints", 403],
    ["cityAdmin", "/api/audit/checkpoints", 403],
    ["countySupervisor", "/api/audit/checkpoints", 403],
    ["provinceSupervisor", "/api/audit/checkpoints", 200],
    ["provinceAdmin", "/api/audit/checkpoints", 200],
    ["provinceSupervisor", "/api/audit/checkpoints/2026-12-01", 403],
    ["cityAdmin", "/api/audit/checkpoints/2026-12-01", 403],
    ["provinceDispatcher", "/api/audit/checkpoints/2026-12-01", 403],
    ["provinceAdmin", "/api/audit/checkpoints/2026-12-01", 200],
    ["provinceAdmin", "/api/audit/checkpoints/2026-11-30", 404],
  ])("%s GET %s → %i", async (who, url, status) => {
    s[who] = await signIn(app, s[who].username);
    expect((await s[who].get(url)).statusCode).toBe(status);
  });

  it("a bad day is a 400 naming the field", async () => {
    const response = await s.provinceAdmin.get("/api/audit/checkpoints/yesterday");
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toMatch(/day/);
  });

  it("below the root, verification covers the scope's tickets only, without the audit log and checkpoints", async () => {
    const county = (await s.countySupervisor.get("/api/audit/verify")).json();
    expect(county).toMatchObject({ auditLog: null, checkpoints: null });
    // The tickets above were all taken in the first county; the second county's supervisor sees none.
    expect(county.tickets.checked).toBe(0);
    const city = (await s.cityAdmin.get("/api/audit/verify")).json();
    expect(city.auditLog).toBeNull();
    expect(city.tickets.checked).toBeGreaterThan(5);
  });

  it("anonymous callers are refused", async () => {
    expect((await app.inject({ method: "GET", url: "/api/audit/verify" })).statusCode).toBe(401);
  });
});

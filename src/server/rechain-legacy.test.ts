/**
 * The first start after migration 0013 (docs/audit-trail.md, "Data from before
 * the keyed chain"): ticket events and audit entries written under the old,
 * unkeyed chain are checked, chained under the audit key, and the audit log
 * says so — naming the tickets whose old chain was already broken.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../test/helpers/factories.ts";
import type { Database } from "./platform/db/index.ts";
import { auditChainKeys, GENESIS_HASH } from "./platform/audit-chain.ts";
import { createProtector } from "./platform/personal/protect.ts";
import type { StaffActor } from "./policies/actor.ts";
import { createTicket } from "./modules/tickets/commands/create-ticket.ts";
import { actOnTicket } from "./modules/tickets/commands/act-on-ticket.ts";
import { legacyEventHash } from "./modules/tickets/audit-chain.ts";
import { ticketAudit } from "./modules/tickets/queries/ticket-audit.ts";
import { verifyAuditLog } from "./modules/audit/queries/verify-audit-log.ts";
import { rechainLegacyAuditTrail } from "./wiring.ts";

let database: Database;
let tree: TestTree;
let clerk: StaffActor;
const protector = createProtector(randomBytes(32));
const NOW = new Date("2026-11-20T10:00:00+08:00");

const take = () =>
  database.db.transaction(async (tx) => {
    const { id } = await createTicket(tx, clerk, { channel: "window", serviceType: "consultation", category: "劳动争议", regionCode: tree.counties[0], applicant: { name: "卓玛" }, description: "讨薪", language: "zh" }, NOW, { protector });
    await actOnTicket(tx, clerk, id, { action: "accept" }, NOW, { protector });
    return id;
  });

/** Turns a ticket's chain back into what 0012 wrote: unkeyed SHA-256, no key id; the head as 0013's migration sets it. */
async function makeLegacy(ticketId: string, options: { isBroken?: boolean } = {}) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    const rows = (await tx.execute<{ id: number; seq: number; at: Date; actor_kind: string; actor_id: string | null; type: string; data: Record<string, unknown> }>(
      sql`select * from ticket_events where ticket_id = ${ticketId} order by seq`,
    )).rows;
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = legacyEventHash(prev, { ticketId, seq: row.seq, at: new Date(row.at), actorKind: row.actor_kind, actorId: row.actor_id, type: row.type, data: row.data });
      await tx.execute(sql`update ticket_events set key_id = null, prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`);
      prev = hash;
    }
    await tx.execute(sql`update tickets set chain_seq = ${rows.length}, chain_hash = ${prev} where id = ${ticketId}`);
    // Edited under the old chain, without recomputing it: broken before the key ever saw it.
    if (options.isBroken) await tx.execute(sql`update ticket_events set data = '{"edited":true}' where ticket_id = ${ticketId} and seq = 1`);
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  clerk = await database.db.transaction((tx) => makeStaff(tx, ["window", "dispatcher"], tree.city));
});

afterAll(async () => {
  await database?.close();
});

describe("re-chaining the trail of before 0013", () => {
  it("chains legacy rows under the key, reports the old chains already broken, and says so on the audit log", async () => {
    const sound = await take();
    const broken = await take();
    await makeLegacy(sound);
    await makeLegacy(broken, { isBroken: true });
    // The audit log of before: no chain at all.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_log set seq = null, key_id = null, prev_hash = null, hash = null`);
      await tx.execute(sql`update audit_chain_head set seq = 0, hash = ${GENESIS_HASH}`);
    });
    const legacyCount = Number((await database.pool.query("select count(*)::int as n from audit_log")).rows[0].n);
    const { keys } = auditChainKeys(database.db);
    expect((await ticketAudit(database.db, sound, keys)).reason).toBe("unknown_key");

    const report = await rechainLegacyAuditTrail(database, NOW);
    expect(report).toMatchObject({ tickets: 2, events: 4, auditEntries: legacyCount, legacyBroken: [{ ticketId: broken, brokenAtSeq: 1 }] });
    expect(await ticketAudit(database.db, sound, keys)).toMatchObject({ verified: true, head: { seq: 2 } });
    // Sealed as it was found: the old break is on the audit log, the keyed chain holds from here on.
    expect((await ticketAudit(database.db, broken, keys)).verified).toBe(true);
    const log = await database.db.transaction((tx) => verifyAuditLog(tx, keys));
    expect(log).toMatchObject({ verified: true, checked: legacyCount + 1, unchained: 0 });
    const [entry] = (await database.pool.query("select detail from audit_log where action = 'audit.rechained'")).rows;
    expect(entry.detail).toMatchObject({ tickets: 2, ticketEvents: 4, auditEntries: legacyCount, legacyBrokenCount: 1 });

    // A second start finds nothing to do.
    expect(await rechainLegacyAuditTrail(database, NOW)).toBeNull();
  });

  it("the append-only triggers let a legacy row be keyed once, and nothing else", async () => {
    await expect(database.pool.query("update ticket_events set key_id = 'x' where seq = 1")).rejects.toMatchObject({ code: "42501" });
    await expect(database.pool.query("update audit_log set seq = seq where seq = 1")).rejects.toMatchObject({ code: "42501" });
  });
});

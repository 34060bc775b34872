import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import type { Database } from "../platform/db/index.ts";
import { fixedTestProtector } from "../../../test/helpers/keys.ts";
import { ticketAudit } from "../modules/tickets/queries/ticket-audit.ts";
import { seedDemo } from "./demo.ts";
import { seedDemoHistory } from "./demo-history.ts";

let database: Database;
const NOW = new Date("2026-11-20T15:00:00+08:00");

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, new Date("2026-09-01T00:00:00Z")));
  const protector = fixedTestProtector();
  await seedDemoHistory(database, { protector }, NOW, { count: 60, days: 40, seed: 7 });
});

afterAll(async () => {
  await database?.close();
});

const rows = async <T>(text: string) => (await database.pool.query(text)).rows as T[];

describe("the demo history", () => {
  it("has tickets in every stage of their life, made through the commands", async () => {
    const statuses = (await rows<{ status: string }>("select distinct status from tickets")).map((r) => r.status);
    expect(statuses.length).toBeGreaterThanOrEqual(7);
    expect(statuses).toEqual(expect.arrayContaining(["archived", "followed_up", "in_progress", "resolved"]));
    const [facts] = await rows<{ channels: number; services: number; rated: number; bounced: number }>(`
      select count(distinct channel)::int channels, count(distinct service_type)::int services,
             count(rated_at)::int rated, count(*) filter (where bounce_count > 0)::int bounced from tickets`);
    expect(facts.channels).toBeGreaterThanOrEqual(4);
    expect(facts.services).toBeGreaterThanOrEqual(5);
    expect(facts.rated).toBeGreaterThan(0);
    expect(facts.bounced).toBeGreaterThan(0);
  });

  it("keeps every ticket's audit chain whole and dated in the past", async () => {
    const tickets = await rows<{ id: string }>("select id from tickets");
    for (const { id } of tickets) expect((await ticketAudit(database.db, id)).verified).toBe(true);
    const [future] = await rows<{ n: number }>(`select count(*)::int n from ticket_events where at > '${NOW.toISOString()}'`);
    expect(future.n).toBe(0);
  });

  it("agrees with the deadline rules: closed tickets run no clock, late ones are marked and escalated", async () => {
    const [running] = await rows<{ n: number }>(`
      select count(*)::int n from ticket_deadlines d join tickets t on t.id = d.ticket_id
      where d.state = 'running' and t.status in ('resolved', 'followed_up', 'archived', 'rejected', 'merged')`);
    expect(running.n).toBe(0);
    const [overdue] = await rows<{ n: number; escalated: number }>(`
      select count(*)::int n, count(*) filter (where is_supervised)::int escalated from tickets where due_state = 'overdue'`);
    expect(overdue.n).toBeGreaterThan(0);
    expect(overdue.escalated).toBe(overdue.n);
  });

  it("is the same history for the same seed (numbers and states)", async () => {
    const again = await createTestDatabase();
    try {
      await again.db.transaction((tx) => seedDemo(tx, new Date("2026-09-01T00:00:00Z")));
      const protector = fixedTestProtector();
      await seedDemoHistory(again, { protector }, NOW, { count: 8, days: 40, seed: 7 });
      const first = (await again.pool.query("select number, status from tickets order by number")).rows;
      const second = await createTestDatabase();
      try {
        await second.db.transaction((tx) => seedDemo(tx, new Date("2026-09-01T00:00:00Z")));
        await seedDemoHistory(second, { protector: fixedTestProtector() }, NOW, { count: 8, days: 40, seed: 7 });
        expect((await second.pool.query("select number, status from tickets order by number")).rows).toEqual(first);
      } finally {
        await second.close();
      }
    } finally {
      await again.close();
    }
  }, 180_000);
});

/**
 * The rollups kept in the tickets' transactions equal a recomputation from the
 * raw rows (property test, fast-check): random sequences of create / accept /
 * assign / resolve / send back / reopen / merge / rate / follow-up / archive…,
 * through the real commands on a migrated database (embedded, or PostgreSQL with
 * DATABASE_URL), with refused actions rolled back, across Beijing midnights.
 * After each sequence the rollup table must equal (a) a recomputation in this
 * file from the tickets and their trail, written independently of the SQL, and
 * (b) analytics_rebuild(), the backfill.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Tx } from "../../platform/db/index.ts";
import { AppError } from "../../platform/errors.ts";
import { createProtector } from "../../platform/personal/protect.ts";
import type { StaffActor } from "../../policies/actor.ts";
import { createTestDatabase } from "../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../../../test/helpers/factories.ts";
import { createTicket } from "../tickets/commands/create-ticket.ts";
import { actOnTicket } from "../tickets/commands/act-on-ticket.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import { allowedActions, type TicketActionType } from "../tickets/tickets.state.ts";
import type { TicketActionInput } from "../tickets/tickets.types.ts";
import { recordRating } from "../oversight/commands/record-rating.ts";
import { issueSupervision } from "../oversight/commands/issue-supervision.ts";
import { escalateOverdueTicket } from "../oversight/commands/escalate-overdue.ts";
import { systemActor } from "../../policies/actor.ts";
import { beijingDate } from "../calendar/working-calendar.ts";
import { pathNodes } from "./commands/add-to-rollups.ts";
import { rebuildAnalyticsRollups } from "./commands/rebuild-rollups.ts";

const protector = createProtector(Buffer.alloc(32, 7));
const CHANNELS = ["window", "hotline", "referral"] as const;
const SERVICE_TYPES = ["consultation", "mediation", "legal_aid"] as const;
const CATEGORIES = ["劳动争议", "邻里", "婚姻家庭"] as const;

let database: Database;
let tree: TestTree;
let actor: StaffActor;
let now = new Date("2026-11-16T20:00:00+08:00");
const ticketIds: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  // One person who may do every step in the city (the property is about the counts, not who may act).
  actor = await database.db.transaction((tx) => makeStaff(tx, ["window", "dispatcher", "supervisor", "lawyer", "operator"], tree.city));
}, 120_000);

afterAll(async () => {
  await database?.close();
});

type Op =
  | { kind: "create"; region: number; channel: number; serviceType: number; category: number }
  | { kind: "act"; ticket: number; choice: number; unit: number; target: number }
  | { kind: "rate"; ticket: number; scores: [number, number, number, number] }
  | { kind: "supervise"; ticket: number; isAutomatic: boolean }
  | { kind: "wait"; minutes: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("create" as const), region: fc.nat(20), channel: fc.nat(2), serviceType: fc.nat(2), category: fc.nat(2) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("act" as const), ticket: fc.nat(1000), choice: fc.nat(20), unit: fc.nat(6), target: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("rate" as const), ticket: fc.nat(1000), scores: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("supervise" as const), ticket: fc.nat(1000), isAutomatic: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("wait" as const), minutes: fc.integer({ min: 1, max: 60 * 30 }) }) },
);

const regions = () => [tree.city, ...tree.counties, ...tree.townships.flat(), ...tree.villages.flat(2)];
const units = () => [...tree.counties, ...tree.townships.flat()];

function actionInput(type: TicketActionType, op: Extract<Op, { kind: "act" }>): TicketActionInput {
  const unitRegionCode = units()[op.unit % units().length];
  switch (type) {
    case "reject":
    case "send_back":
    case "suspend":
    case "reopen":
    case "transfer":
      return { action: type, reason: "测试", unitRegionCode } as TicketActionInput;
    case "assign":
    case "delegate":
      return { action: type, unitRegionCode } as TicketActionInput;
    case "resolve":
      return { action: type, summary: "已解答" } as TicketActionInput;
    case "follow_up":
      return { action: type, outcome: "满意" } as TicketActionInput;
    case "merge_into":
      return { action: type, targetTicketId: ticketIds[op.target % ticketIds.length] } as TicketActionInput;
    default:
      return { action: type } as TicketActionInput;
  }
}

/** Runs one step in its own transaction; a refusal (AppError) rolls the step back, counts included. */
async function run(op: Op): Promise<void> {
  const step = async (tx: Tx) => {
    if (op.kind === "create") {
      const created = await createTicket(
        tx,
        actor,
        {
          channel: CHANNELS[op.channel],
          serviceType: SERVICE_TYPES[op.serviceType],
          category: CATEGORIES[op.category],
          regionCode: regions()[op.region % regions().length],
          applicant: { name: "张三" },
          description: "property test",
        } as never,
        now,
        { protector },
      );
      ticketIds.push(created.id);
    } else if (op.kind === "act") {
      const row = await getTicketRow(tx, ticketIds[op.ticket % ticketIds.length]);
      const allowed = allowedActions(row!.status);
      if (allowed.length === 0) return;
      const type = allowed[op.choice % allowed.length];
      await actOnTicket(tx, actor, row!.id, actionInput(type, op), now, { protector });
    } else if (op.kind === "supervise") {
      const id = ticketIds[op.ticket % ticketIds.length];
      // 逾期自动督办 issues nothing unless the ticket is overdue and uncovered; a supervisor's order needs an open ticket.
      if (op.isAutomatic) await escalateOverdueTicket(tx, systemActor("scheduler"), id, now);
      else await issueSupervision(tx, actor, id, { reason: "催办", dueAt: new Date(now.getTime() + 2 * 86_400_000) }, now);
    } else if (op.kind === "rate") {
      // Among the tickets that can be rated now (any other is refused, which the act steps already try).
      const rateable = (await tx.execute<{ id: string }>(sql`select id from tickets where status in ('resolved', 'followed_up') and rated_at is null order by id`)).rows;
      if (rateable.length === 0) return;
      const [attitude, speed, policy, expertise] = op.scores;
      await recordRating(tx, actor, rateable[op.ticket % rateable.length].id, { attitude, speed, policy, expertise }, now);
    }
  };
  if (op.kind === "wait") {
    now = new Date(now.getTime() + op.minutes * 60_000);
    return;
  }
  if (op.kind !== "create" && ticketIds.length === 0) return;
  try {
    await database.db.transaction(step);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  now = new Date(now.getTime() + 7 * 60_000);
}

type Row = Record<string, number>;
const MEASURES = [
  "created", "accepted", "accept_seconds", "rejected", "resolved", "resolved_first", "resolve_seconds", "resolved_with_deadline",
  "resolved_within_deadline", "bounced", "reopened", "merged", "rated", "rating_points", "rated_low", "supervised", "escalated",
] as const;

async function rollupTable(tx: Tx | Database["db"]): Promise<Map<string, Row>> {
  const result = await tx.execute<Record<string, string>>(
    // Read as text, compared as numbers.
    sql`select region_path, day::text as day, channel, service_type, category, ${sql.raw(MEASURES.join(", "))} from analytics_daily`,
  );
  const map = new Map<string, Row>();
  for (const r of result.rows) {
    const counts = Object.fromEntries(MEASURES.map((m) => [m, Number(r[m])]));
    if (Object.values(counts).every((n) => n === 0)) continue;
    map.set([r.region_path, r.day, r.channel, r.service_type, r.category].join("|"), counts);
  }
  return map;
}

/** The figures recomputed here from the raw rows: the tickets and their trail, read with plain SQL. */
async function recompute(): Promise<Map<string, Row>> {
  const tickets = (await database.pool.query("select id, region_path, channel, service_type, category, created_at from tickets")).rows;
  const events = (await database.pool.query("select ticket_id, seq, type, at, data from ticket_events order by ticket_id, seq")).rows;
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const map = new Map<string, Row>();
  const add = (t: (typeof tickets)[number], at: Date, counts: Partial<Row>) => {
    for (const node of pathNodes(t.region_path)) {
      const key = [node, beijingDate(at), t.channel, t.service_type, t.category].join("|");
      const row = map.get(key) ?? Object.fromEntries(MEASURES.map((m) => [m, 0]));
      for (const [m, n] of Object.entries(counts)) row[m] += n!;
      map.set(key, row);
    }
  };
  const seconds = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 1000);
  for (const t of tickets) add(t, t.created_at, { created: 1 });
  const reopenedBefore = new Set<string>();
  for (const e of events) {
    const t = byId.get(e.ticket_id)!;
    if (e.type === "action.accept") add(t, e.at, { accepted: 1, accept_seconds: seconds(t.created_at, e.at) });
    if (e.type === "action.reject") add(t, e.at, { rejected: 1 });
    if (e.type === "action.send_back") add(t, e.at, { bounced: 1 });
    if (e.type === "action.merge_into") add(t, e.at, { merged: 1 });
    if (e.type === "action.reopen") {
      add(t, e.at, { reopened: 1 });
      reopenedBefore.add(t.id);
    }
    if (e.type === "action.resolve") {
      const isFirst = !reopenedBefore.has(t.id);
      const within = e.data.withinDeadline;
      add(t, e.at, {
        resolved: 1,
        resolved_first: isFirst ? 1 : 0,
        resolve_seconds: isFirst ? seconds(t.created_at, e.at) : 0,
        resolved_with_deadline: typeof within === "boolean" ? 1 : 0,
        resolved_within_deadline: within === true ? 1 : 0,
      });
    }
    if (e.type === "supervision.issued") add(t, e.at, e.data.isAutomatic === true ? { escalated: 1 } : { supervised: 1 });
    if (e.type === "rating.recorded") {
      const d = e.data;
      add(t, e.at, { rated: 1, rating_points: d.attitude + d.speed + d.policy + d.expertise, rated_low: d.hasLowScore ? 1 : 0 });
    }
  }
  return map;
}

describe("analytics rollups", () => {
  it("equal the recomputation from the raw rows after random create/act/reopen/merge/rate sequences", async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 5, maxLength: 30 }), async (ops) => {
        for (const op of ops) await run(op);
        steps += ops.length;
        const kept = await rollupTable(database.db);
        expect(kept).toEqual(await recompute());
        // The backfill gives the same rows (checked in a transaction rolled back, so the next run goes on incrementally).
        const rebuilt = await database.db
          .transaction(async (tx) => {
            await rebuildAnalyticsRollups(tx);
            const rows = await rollupTable(tx);
            throw Object.assign(new Error("rollback"), { rows });
          })
          .catch((error: Error & { rows?: Map<string, Row> }) => {
            if (!error.rows) throw error;
            return error.rows;
          });
        expect(rebuilt).toEqual(kept);
      }),
      // A fixed seed: which steps a random run reaches varies, and the guard below must hold on every run (a CI run
      // without any reopen failed it). A new seed is a new, reviewed commit, not a roll of the dice in CI.
      { numRuns: 40, seed: 20261202 },
    );
    // The sequences did reach the interesting steps (a guard against a property that passes vacuously).
    const kinds = (await database.pool.query("select type, count(*)::int as n from ticket_events group by type")).rows.map((r) => r.type);
    for (const type of ["action.accept", "action.resolve", "action.reopen", "action.send_back", "action.merge_into", "rating.recorded", "supervision.issued"]) expect(kinds).toContain(type);
    expect(steps).toBeGreaterThan(100);
  }, 600_000);
});

/**
 * Loading dispatch candidates from the database: the matter's branch, the people
 * bound to it with the service's roles, their open-ticket load; then the climb.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../../../platform/db/index.ts";
import { createProtector } from "../../../platform/personal/protect.ts";
import { systemActor, type Role, type StaffActor } from "../../../policies/actor.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../../../../../test/helpers/factories.ts";
import { createShift } from "../../hotline/commands/save-shift.ts";
import { updateAccount } from "../../accounts/commands/manage-account.ts";
import { regions } from "../../regions/regions.tables.ts";
import { createTicket } from "../../tickets/commands/create-ticket.ts";
import { tickets } from "../../tickets/tickets.tables.ts";
import { resetServiceSettings, saveServiceSettings } from "../../services/commands/save-service-settings.ts";
import { DEFAULT_CHECKLISTS, DEFAULT_DEADLINES } from "../../services/service-catalogue.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import type { TicketStatus } from "../../tickets/tickets.state.ts";
import type { ServiceType } from "../../tickets/ticket-rules.ts";
import { loadDispatchInput, suggestForTicket } from "./dispatch-suggestion.ts";

let database: Database;
let tree: TestTree;
const people: Record<string, StaffActor> = {};
const protector = createProtector(Buffer.alloc(32, 7));
const system = systemActor("test");
// Monday 7 December 2026, 10:00 Beijing time: "now" for the dispatch, which the duty roster answers for.
const NOW = new Date("2026-12-07T10:00:00+08:00");
const HOUR = 3_600_000;

const pathOf = async (tx: Tx, code: string) => (await tx.select({ path: regions.path }).from(regions).where(eq(regions.code, code)))[0].path;

async function staff(tx: Tx, key: string, roles: Role[], region: string, extra: { skills?: string[]; languages?: string[]; isDisabled?: boolean } = {}) {
  people[key] = await makeStaff(tx, roles, region);
  if (Object.keys(extra).length) await updateAccount(tx, system, people[key].id, extra as Parameters<typeof updateAccount>[3], new Date());
}

/** A duty-lawyer shift at the county's venue from `from` to `to` hours around NOW. */
async function shift(tx: Tx, key: string, venueId: string, from: number, to: number) {
  await createShift(tx, system, { accountId: people[key].id, role: "duty_lawyer", venueId, startsAt: new Date(NOW.getTime() + from * HOUR).toISOString(), endsAt: new Date(NOW.getTime() + to * HOUR).toISOString() }, NOW);
}

/** A ticket in `status` held by `assigneeId`: the status is set directly, only the load counts here. */
async function holdTicket(tx: Tx, assigneeId: string, status: TicketStatus) {
  const { id } = await createTicket(tx, system, { channel: "window", serviceType: "consultation", category: "合同", regionCode: tree.counties[0], applicant: { name: "测试" }, description: "load" }, new Date(), { protector });
  await tx.update(tickets).set({ assigneeId, status }).where(eq(tickets.id, id));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction(async (tx) => {
    tree = await buildRegionTree(tx, database);
    const [county, otherCounty] = tree.counties;
    const [town, otherTown] = tree.townships[0];
    await staff(tx, "townMediator", ["mediator"], town, { skills: ["邻里"], languages: ["zh", "bo"] });
    await staff(tx, "otherTownMediator", ["mediator"], otherTown);
    await staff(tx, "disabledVillageMediator", ["mediator"], tree.villages[0][0][0], { isDisabled: true });
    await staff(tx, "busyLawyer", ["lawyer"], county, { skills: ["合同"] });
    await staff(tx, "freeLawyer", ["lawyer"], county, { skills: ["合同"] });
    await staff(tx, "offDutyLawyer", ["lawyer"], county, { skills: ["合同"] });
    await staff(tx, "otherCountyLawyer", ["lawyer"], otherCounty);
    await staff(tx, "cityReviewer", ["reviewer"], tree.city);
    // On duty from the roster: two lawyers on shift now (one since last night, across midnight); the third's
    // shift ended an hour ago and their next starts in an hour, so they are off duty now.
    const venue = await makeVenue(tx, county);
    await shift(tx, "busyLawyer", venue, -14, 2);
    await shift(tx, "freeLawyer", venue, -1, 7);
    await shift(tx, "offDutyLawyer", venue, -9, -1);
    await shift(tx, "offDutyLawyer", venue, 1, 9);
    for (const status of ["assigned", "in_progress", "suspended", "resolved", "archived"] as const) await holdTicket(tx, people.busyLawyer.id, status);
    await holdTicket(tx, people.freeLawyer.id, "assigned");
  });
});

afterAll(async () => {
  await database?.close();
});

/** Loads what the query needs for a matter, in one transaction (the embedded pool has one connection). */
const loadInput = (serviceType: ServiceType, regionCode: string, category = "合同", language = "zh") =>
  database.db.transaction(async (tx) => loadDispatchInput(tx, { serviceType, category, language, regionPath: await pathOf(tx, regionCode) }, NOW));
const suggest = (serviceType: ServiceType, regionCode: string, category = "合同", language = "zh") =>
  database.db.transaction(async (tx) => suggestForTicket(tx, { serviceType, category, language, regionPath: await pathOf(tx, regionCode) }, NOW));

describe("loading candidates", () => {
  it("gives the branch from the matter to the root", async () => {
    const input = await loadInput("mediation", tree.villages[0][0][1]);
    expect(input.chain.map((n) => [n.code, n.level])).toEqual([
      [tree.villages[0][0][1], "village"],
      [tree.townships[0][0], "township"],
      [tree.counties[0], "county"],
      [tree.city, "city"],
      [tree.province, "province"],
    ]);
  });

  it("takes only active people on the branch who hold the service's role", async () => {
    const input = await loadInput("mediation", tree.villages[0][0][0]);
    // Not the other township's mediator, not the disabled one, no lawyers.
    expect(input.people.map((p) => p.id)).toEqual([people.townMediator.id]);
    expect(input.people[0]).toMatchObject({ skills: ["邻里"], languages: ["zh", "bo"], isOnDuty: true, load: 0 });
  });

  it("counts open tickets (assigned, in progress, suspended) as load", async () => {
    const input = await loadInput("consultation", tree.townships[0][0]);
    const load = Object.fromEntries(input.people.map((p) => [p.id, p.load]));
    expect(load[people.busyLawyer.id]).toBe(3);
    expect(load[people.freeLawyer.id]).toBe(1);
    expect(load[people.offDutyLawyer.id]).toBe(0);
    expect(load[people.otherCountyLawyer.id]).toBeUndefined();
  });
});

describe("on duty comes from the duty roster", () => {
  it("a lawyer is on duty exactly while a shift of theirs runs (the account has no on-duty flag)", async () => {
    const input = await loadInput("consultation", tree.counties[0]);
    const onDuty = Object.fromEntries(input.people.map((p) => [p.id, p.isOnDuty]));
    expect(onDuty).toEqual({ [people.busyLawyer.id]: true, [people.freeLawyer.id]: true, [people.offDutyLawyer.id]: false });
    // Two hours later the busy lawyer's shift has ended (at that very moment) and the third lawyer's next one has begun.
    const later = await database.db.transaction(async (tx) => loadDispatchInput(tx, { serviceType: "consultation", category: "合同", language: "zh", regionPath: await pathOf(tx, tree.counties[0]) }, new Date(NOW.getTime() + 2 * HOUR)));
    expect(Object.fromEntries(later.people.map((p) => [p.id, p.isOnDuty]))).toMatchObject({ [people.busyLawyer.id]: false, [people.freeLawyer.id]: true, [people.offDutyLawyer.id]: true });
  });

  it("people the roster does not schedule (mediators, reviewers) keep office duty", async () => {
    const input = await loadInput("legal_aid", tree.counties[0]);
    expect(input.people.map((p) => [p.id, p.isOnDuty])).toEqual([[people.cityReviewer.id, true]]);
  });
});

describe("the suggestion on a real tree", () => {
  it("mediation in a village climbs to the township's mediator", async () => {
    const s = await suggest("mediation", tree.villages[0][0][0], "邻里", "bo");
    expect(s).toMatchObject({ unit: { code: tree.townships[0][0] }, assignee: { id: people.townMediator.id }, isClimbed: true });
    expect(s.reason).toContain("会讲藏语");
  });

  it("consultation climbs to the county and picks the on-duty lawyer with the lighter load", async () => {
    const s = await suggest("consultation", tree.villages[0][1][0]);
    expect(s.unit.code).toBe(tree.counties[0]);
    expect(s.candidates.map((c) => c.id)).toEqual([people.freeLawyer.id, people.busyLawyer.id, people.offDutyLawyer.id]);
    expect(s.assignee?.id).toBe(people.freeLawyer.id);
  });

  it("legal aid climbs from the county to the city's reviewer", async () => {
    const s = await suggest("legal_aid", tree.villages[1][0][0]);
    expect(s).toMatchObject({ unit: { code: tree.city }, assignee: { id: people.cityReviewer.id }, isClimbed: true });
  });
});

describe("auto-dispatch at intake, whatever the channel", () => {
  it("an upstream ticket of an auto-dispatched service type is accepted and assigned in its creating transaction", async () => {
    const { id, status, assigneeId } = await database.db.transaction(async (tx) => {
      // Switched on for the city, as its admin would (the setting is inherited by the township).
      const city = await resolveRegion(tx, tree.city);
      const system = systemActor("test");
// Monday 7 December 2026, 10:00 Beijing time: "now" for the dispatch, which the duty roster answers for.
const NOW = new Date("2026-12-07T10:00:00+08:00");
const HOUR = 3_600_000;
      await saveServiceSettings(tx, system, city, "mediation", { checklist: DEFAULT_CHECKLISTS.mediation ?? [], deadlines: DEFAULT_DEADLINES.mediation as { step: "accept" | "resolve"; amount: number; unit: "hours" | "working_days" }[], isAutoDispatch: true }, new Date());
      const [client] = await tx.execute<{ id: string }>(
        // The FK wants a client row; only its id matters here.
        sql`insert into upstream_clients (name, api_key, secret, region_code, region_path, created_at) select '省平台', ${`k-${Date.now()}`}, 's', code, path, now() from regions where code = ${tree.city} returning id`,
      ).then((r) => r.rows);
      const created = await createTicket(
        tx,
        systemActor("upstream:省平台"),
        { channel: "upstream", serviceType: "mediation", category: "邻里", regionCode: tree.townships[0][0], applicant: { name: "上级转来" }, description: "邻里纠纷" },
        new Date(),
        { protector, idempotencyKey: "ext-1", upstream: { clientId: client.id, ref: "ext-1" } },
      );
      const [row] = await tx.select({ status: tickets.status, assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.id, created.id));
      await resetServiceSettings(tx, system, city, "mediation", new Date());
      return { id: created.id, ...row };
    });
    expect(id).toBeTruthy();
    expect(status).toBe("assigned");
    expect(assigneeId).toBe(people.townMediator.id);
  });
});

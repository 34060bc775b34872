/**
 * A ticket counts on the settings and the calendar of its matter's region
 * (issue 6, item 13): intake's deadlines, the checklist shown and checked, and
 * auto-dispatch resolve by the ticket's region path, whatever the actor's region.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../../../test/helpers/factories.ts";
import type { Database } from "../../platform/db/index.ts";
import { createProtector } from "../../platform/personal/protect.ts";
import { resolveRegion } from "../regions/queries/resolve-region.ts";
import { saveServiceSettings } from "../services/commands/save-service-settings.ts";
import { saveRegionalHolidays } from "../calendar/commands/save-regional-holidays.ts";
import { endOfBeijingDay } from "../calendar/working-calendar.ts";
import type { StaffActor } from "../../policies/actor.ts";
import { createTicket } from "./commands/create-ticket.ts";
import { updateTicketMaterials } from "./commands/update-ticket-materials.ts";
import { getTicketRow, presentTickets } from "./queries/present-ticket.ts";
import { ticketDeadlines } from "./tickets.tables.ts";
import type { CreateTicketInput } from "./tickets.types.ts";

let database: Database;
let tree: TestTree;
let cityAdmin: StaffActor;
let cityWindow: StaffActor;
const protector = createProtector(randomBytes(32));

// Friday 20 November 2026, 10:00 Beijing time.
const NOW = new Date("2026-11-20T10:00:00+08:00");

const rules = (resolve: number) => ({
  checklist: [{ key: `proof_${resolve}`, name: `证明${resolve}`, isRequired: true }],
  deadlines: [{ step: "accept" as const, amount: 1, unit: "working_days" as const }, { step: "resolve" as const, amount: resolve, unit: "working_days" as const }],
  isAutoDispatch: false,
});

const setSettings = (regionCode: string, serviceType: "legal_aid" | "mediation", input: ReturnType<typeof rules>) =>
  database.db.transaction(async (tx) => saveServiceSettings(tx, cityAdmin, await resolveRegion(tx, regionCode), serviceType, input, NOW));

const take = (regionCode: string, serviceType: CreateTicketInput["serviceType"] = "legal_aid") =>
  database.db.transaction(async (tx) => {
    const input: CreateTicketInput = { channel: "window", serviceType, category: "劳动争议", regionCode, applicant: { name: "卓玛" }, description: "讨要工资", language: "zh" };
    return (await createTicket(tx, cityWindow, input, NOW, { protector })).id;
  });

const deadlinesOf = async (ticketId: string) =>
  Object.fromEntries((await database.db.select().from(ticketDeadlines).where(eq(ticketDeadlines.ticketId, ticketId))).map((d) => [d.step, d]));

const present = async (ticketId: string) =>
  (await database.db.transaction(async (tx) => presentTickets(tx, cityWindow, protector, [(await getTicketRow(tx, ticketId))!], { isDetailed: true, now: new Date() })))[0];

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  cityAdmin = await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.city));
  cityWindow = await database.db.transaction((tx) => makeStaff(tx, ["window", "dispatcher"], tree.city));
  // The city says 10 working days, county 0 says 5, a township of county 1 says 4.
  await setSettings(tree.city, "legal_aid", rules(10));
  await setSettings(tree.counties[0], "legal_aid", rules(5));
  await setSettings(tree.townships[1][0], "legal_aid", rules(4));
  // County 1 rests on Monday 23 November 2026 (a local holiday).
  await database.db.transaction(async (tx) =>
    saveRegionalHolidays(tx, cityAdmin, await resolveRegion(tx, tree.counties[1]), "2026", { off: [{ name: "本地假日", from: "2026-11-23", to: "2026-11-23" }], work: [] }, NOW),
  );
});

afterAll(async () => {
  await database?.close();
});

describe("a ticket's deadlines come from its matter's region", () => {
  it.each([
    ["a village of county 0 takes county 0's rule", () => tree.villages[0][0][0], 5, "2026-11-27"],
    ["a village of county 1 takes the city's rule, on county 1's calendar", () => tree.villages[1][1][0], 10, "2026-12-07"],
    ["a village under the township with its own takes the township's", () => tree.villages[1][0][1], 4, "2026-11-27"],
    ["the city itself takes its own", () => tree.city, 10, "2026-12-04"],
  ])("%s", async (_case, region, days, lastDay) => {
    const deadlines = await deadlinesOf(await take(region()));
    expect(deadlines.resolve).toMatchObject({ amount: days, unit: "working_days" });
    expect(deadlines.resolve.dueAt.toISOString()).toBe(endOfBeijingDay(lastDay).toISOString());
  });

  it("the local holiday moves county 1's accept deadline from Monday to Tuesday, and nobody else's", async () => {
    expect((await deadlinesOf(await take(tree.villages[1][1][1]))).accept.dueAt.toISOString()).toBe(endOfBeijingDay("2026-11-24").toISOString());
    expect((await deadlinesOf(await take(tree.villages[0][1][1]))).accept.dueAt.toISOString()).toBe(endOfBeijingDay("2026-11-23").toISOString());
  });
});

describe("the checklist comes from the matter's region", () => {
  it("shown on the ticket and checked when materials are recorded", async () => {
    const inCounty0 = await take(tree.villages[0][0][1]);
    const inCounty1 = await take(tree.villages[1][1][1]);
    expect((await present(inCounty0)).materials.map((m) => m.key)).toEqual(["proof_5"]);
    expect((await present(inCounty1)).materials.map((m) => m.key)).toEqual(["proof_10"]);
    await database.db.transaction((tx) => updateTicketMaterials(tx, cityWindow, inCounty0, ["proof_5"], NOW));
    await expect(database.db.transaction((tx) => updateTicketMaterials(tx, cityWindow, inCounty1, ["proof_5"], NOW))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      field: "materialsProvided[0]",
    });
  });
});

describe("auto-dispatch follows the matter's region", () => {
  it("on in county 0 only: county 0's ticket is dispatched, county 1's waits", async () => {
    await database.db.transaction((tx) => makeStaff(tx, ["mediator"], tree.townships[0][0]));
    await database.db.transaction((tx) => makeStaff(tx, ["mediator"], tree.townships[1][0]));
    await setSettings(tree.counties[0], "mediation", { ...rules(20), isAutoDispatch: true });
    const dispatched = await take(tree.villages[0][0][0], "mediation");
    const waiting = await take(tree.villages[1][0][0], "mediation");
    expect((await present(dispatched)).status).toBe("assigned");
    expect((await present(waiting)).status).toBe("submitted");
  });
});

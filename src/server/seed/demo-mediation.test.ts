import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../platform/db/index.ts";
import { systemActor, type Actor } from "../policies/actor.ts";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import { loadStaffActor } from "../modules/accounts/queries/load-staff-actor.ts";
import { findCommittees } from "../modules/mediation/queries/find-committees.ts";
import { findMediators } from "../modules/mediation/queries/find-mediators.ts";
import { findScreenings } from "../modules/mediation/queries/find-screenings.ts";
import { mediationCasePolicy } from "../modules/mediation/mediation.policy.ts";
import { getRegion } from "../modules/regions/queries/find-regions.ts";
import { seedDemo } from "./demo.ts";

// A fresh demo can run a mediation case end to end: committees where the disputes are, and
// demo mediators who may accept their cases (docs/mediation.md, Demo).

let database: Database;
const people: Record<string, Actor> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, new Date("2026-11-18T02:00:00Z")));
  const { rows } = await database.pool.query<{ id: string; username: string }>("select id, username from accounts where username = any($1)", [["mediator", "mediator3", "mediator4", "window"]]);
  for (const row of rows) people[row.username] = (await loadStaffActor(database.db, row.id, null))!;
});

afterAll(async () => {
  await database?.close();
});

it("a dispute in 东关社区 may go before its community's, its township's or the county's labour committee", async () => {
  const committees = await findCommittees(database.db, people.window, { forRegion: "990102001001" });
  expect(committees.map((c) => [c.name, c.kind])).toEqual([
    ["东关社区人民调解委员会", "village"],
    ["东关街道人民调解委员会", "township"],
    ["青川区劳动争议人民调解委员会", "industry"],
  ]);
  expect((await findCommittees(database.db, systemActor("test"), {})).length).toBe(12 + 4 + 1);
});

it("the demo mediators may accept their committees' cases, and not another township's", async () => {
  const at = async (code: string) => ({ regionPath: (await getRegion(database.db, code))!.path, mediatorIds: [] });
  expect(mediationCasePolicy.can(people.mediator, "accept", await at("990102001"))).toBe(true);
  expect(mediationCasePolicy.can(people.mediator, "accept", await at("990102001001"))).toBe(true);
  expect(mediationCasePolicy.can(people.mediator, "accept", await at("990102002"))).toBe(false);
  expect(mediationCasePolicy.can(people.mediator3, "accept", await at("990102002"))).toBe(true);
  expect(mediationCasePolicy.can(people.mediator4, "accept", await at("990102"))).toBe(true);
  const village = await findMediators(database.db, { id: "00000000-0000-4000-8000-000000000000", regionPath: (await at("990102001001")).regionPath });
  expect(village.map((m) => m.displayName)).toEqual(["郑调解"]);
});

it("东关社区 has reported this period's screening", async () => {
  const { items } = await findScreenings(database.db, people.mediator, { limit: 10 }, null);
  expect(items.map((s) => [s.region.code, s.period, s.disputeCount])).toEqual([["990102001001", "2026-11", 1]]);
});

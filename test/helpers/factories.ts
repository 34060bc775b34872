import type { Tx } from "../../src/server/platform/db/index.ts";
import { systemActor, type Role, type StaffActor } from "../../src/server/policies/actor.ts";
import { importRegions } from "../../src/server/modules/regions/commands/import-regions.ts";
import { createAccount } from "../../src/server/modules/accounts/commands/manage-account.ts";
import { createVenue } from "../../src/server/modules/venues/commands/save-venue.ts";
import { loadStaffActor } from "../../src/server/modules/accounts/queries/load-staff-actor.ts";
import type { CreateVenueInput } from "../../src/server/modules/venues/venues.types.ts";
import type { VenueLevel } from "../../src/server/modules/venues/venue-rules.ts";

export const TEST_PASSWORD = "test-pass-123";
const PROVINCE = "980000";
const cityCounters = new WeakMap<object, number>();

export type TestTree = {
  province: string;
  city: string;
  counties: [string, string];
  /** townships[c][t]: township t of county c */
  townships: [[string, string], [string, string]];
  /** villages[c][t][v] */
  villages: [[[string, string], [string, string]], [[string, string], [string, string]]];
};

/**
 * A new city of its own (so tests never depend on each other): 2 counties,
 * 2 townships each, 2 villages each, with valid codes under province 980000.
 */
export async function buildRegionTree(tx: Tx, key: object): Promise<TestTree> {
  const n = (cityCounters.get(key) ?? 0) + 1;
  cityCounters.set(key, n);
  if (n > 99) throw new Error("at most 99 test cities per database");
  const city = `98${String(n).padStart(2, "0")}00`;
  const counties = [city.slice(0, 4) + "02", city.slice(0, 4) + "03"] as [string, string];
  const lines: string[] = [];
  if (n === 1) lines.push(`${PROVINCE},测试省,,province`);
  lines.push(`${city},测试市${n},${PROVINCE},city`);
  const townships = counties.map((county, c) => {
    lines.push(`${county},测试县${n}-${c},${city},county`);
    return [1, 2].map((t) => {
      const township = `${county}00${t}`;
      lines.push(`${township},测试镇${n}-${c}-${t},${county},township`);
      return township;
    });
  }) as TestTree["townships"];
  const villages = townships.map((pair) =>
    pair.map((township) =>
      [1, 2].map((v) => {
        const village = `${township}00${v}`;
        lines.push(`${village},测试村${village.slice(-6)},${township},village`);
        return village;
      }),
    ),
  ) as TestTree["villages"];
  await importRegions(tx, systemActor("test"), lines.join("\n"), new Date());
  return { province: PROVINCE, city, counties, townships, villages };
}

let accountCounter = 0;

/** A staff account with these roles in this region, and its actor. */
export async function makeStaff(tx: Tx, roles: Role[], regionCode: string, username?: string): Promise<StaffActor> {
  accountCounter += 1;
  const name = username ?? `u${roles[0]}${accountCounter}${Math.random().toString(36).slice(2, 6)}`;
  const id = await createAccount(tx, systemActor("test"), { username: name, displayName: name, password: TEST_PASSWORD, roles, regionCode }, new Date());
  return (await loadStaffActor(tx, id, "127.0.0.1"))!;
}

const LEVEL_BY_CODE_LENGTH: Record<number, VenueLevel> = { 12: "room", 9: "station" };

/** A venue in `regionCode`, of the level that region calls for. */
export async function makeVenue(tx: Tx, regionCode: string, overrides: Partial<CreateVenueInput> = {}): Promise<string> {
  const level = LEVEL_BY_CODE_LENGTH[regionCode.length] ?? (regionCode.endsWith("00") ? "hall" : "center");
  return createVenue(tx, systemActor("test"), { name: `场所${regionCode}`, level, regionCode, ...overrides }, new Date());
}

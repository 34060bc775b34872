import { afterAll, beforeAll } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Role, StaffActor } from "../../src/server/policies/actor.ts";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "./database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "./factories.ts";
import { createTestApp, signIn, type Session } from "./http.ts";

export type StaffWorld = {
  database: Database;
  app: FastifyInstance;
  clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
  tree: TestTree;
  /** Each person's signed-in session, by the name given to `person`. */
  as: Record<string, Session>;
  staff: Record<string, StaffActor>;
  /** Makes a staff account with these roles in this region and signs it in as `as[name]`. */
  person(name: string, roles: Role[], region: string): Promise<StaffActor>;
};

/**
 * What the workflow HTTP tests share: a migrated database, the app on a clock fixed at
 * `start`, a region tree, and staff made and signed in by name. Registers its own
 * beforeAll (run before the file's, which then adds its people) and afterAll; the
 * fields are there from that beforeAll on.
 */
export function staffWorld(start: Date): StaffWorld {
  const world = {
    as: {} as Record<string, Session>,
    staff: {} as Record<string, StaffActor>,
    async person(name: string, roles: Role[], region: string) {
      world.staff[name] = await world.database.db.transaction((tx) => makeStaff(tx, roles, region));
      world.as[name] = await signIn(world.app, world.staff[name].username);
      return world.staff[name];
    },
  } as StaffWorld;

  beforeAll(async () => {
    world.database = await createTestDatabase();
    ({ app: world.app, clock: world.clock } = await createTestApp(world.database, start));
    world.tree = await world.database.db.transaction((tx) => buildRegionTree(tx, world.database));
  }, 120_000);

  afterAll(async () => {
    await world.app?.close();
    await world.database?.close();
  });

  return world;
}

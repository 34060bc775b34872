import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../../../../../test/helpers/factories.ts";
import type { Database } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor, Role } from "../../../policies/actor.ts";
import { auditLog } from "../../audit/audit.tables.ts";
import { getVenue, presentVenues } from "../queries/find-venues.ts";
import { venues } from "../venues.tables.ts";
import type { CreateVenueInput } from "../venues.types.ts";
import { createVenue, updateVenue } from "./save-venue.ts";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const newTree = () => database.db.transaction((tx) => buildRegionTree(tx, database));
const staff = (roles: Role[], regionCode: string) => database.db.transaction((tx) => makeStaff(tx, roles, regionCode));
const create = (actor: Actor, input: CreateVenueInput) => database.db.transaction((tx) => createVenue(tx, actor, input, new Date()));

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
}

async function view(actor: Actor, id: string) {
  const row = await getVenue(database.db, id);
  if (!row) return null;
  const [presented] = await presentVenues(database.db, actor, [row]);
  return presented;
}

const venueCount = async () => (await database.db.select({ id: venues.id }).from(venues)).length;

describe("createVenue", () => {
  it("creates a venue whose level matches its region", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.counties[0]);
    const holder = await staff(["window"], tree.townships[0][0]);
    const id = await create(admin, {
      name: " 测试工作站 ",
      level: "station",
      regionCode: tree.townships[0][0],
      windows: [{ name: "法律援助窗口", services: ["legal_aid", "consultation"] }],
      posts: [{ post: "reception", accountIds: [holder.id] }],
    });
    expect(await view(admin, id)).toMatchObject({
      name: "测试工作站",
      level: "station",
      regionCode: tree.townships[0][0],
      windows: [{ name: "法律援助窗口", services: ["legal_aid", "consultation"] }],
      posts: [{ post: "reception", accounts: [{ id: holder.id }] }],
      abilities: { read: true, update: true },
    });
  });

  it.each([
    ["station", "county"],
    ["center", "township"],
    ["hall", "county"],
    ["room", "township"],
  ] as const)("a %s on a %s is VALIDATION_FAILED on the field level", async (level, regionLevel) => {
    const tree = await newTree();
    const regionCode = regionLevel === "county" ? tree.counties[0] : tree.townships[0][0];
    const admin = await staff(["admin"], tree.city);
    const before = await venueCount();
    const error = await failure(create(admin, { name: "错级场所", level, regionCode }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.field).toBe("level");
    expect(await venueCount()).toBe(before);
  });

  it("an unknown region is UNKNOWN_REGION on the field regionCode", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.city);
    const error = await failure(create(admin, { name: "无区划", level: "center", regionCode: `${tree.city.slice(0, 4)}99` }));
    expect(error.code).toBe("UNKNOWN_REGION");
    expect(error.field).toBe("regionCode");
  });

  it("a post holder outside the actor's scope is VALIDATION_FAILED naming posts[i].accountIds[j], and nothing is created", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.counties[0]);
    const inside = await staff(["mediator"], tree.townships[0][1]);
    const outside = await staff(["mediator"], tree.counties[1]);
    const before = await venueCount();
    const error = await failure(
      create(admin, {
        name: "调解工作站",
        level: "station",
        regionCode: tree.townships[0][0],
        posts: [
          { post: "reception", accountIds: [inside.id] },
          { post: "mediation", accountIds: [inside.id, outside.id] },
        ],
      }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.field).toBe("posts[1].accountIds[1]");
    expect(await venueCount()).toBe(before);
  });

  it("an account id that does not exist is reported the same way", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.counties[0]);
    const error = await failure(
      create(admin, { name: "站", level: "station", regionCode: tree.townships[0][0], posts: [{ post: "consultation", accountIds: ["00000000-0000-4000-8000-000000000000"] }] }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.field).toBe("posts[0].accountIds[0]");
  });
});

describe("updateVenue", () => {
  it("changes only the given fields and records venue.update", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.counties[0]);
    const holder = await staff(["lawyer"], tree.counties[0]);
    const id = await database.db.transaction((tx) =>
      makeVenue(tx, tree.counties[0], {
        address: "人民路1号",
        phone: "0816-1234567",
        openingHours: "周一至周五 9:00-17:00",
        floorArea: 120.5,
        isStreetFacingGroundFloor: true,
        equipment: { hasTouchKiosk: true, hasDisplayScreen: false, hasRemoteVideo: true },
        windows: [{ name: "综合窗口", services: ["consultation"] }],
        posts: [{ post: "consultation", accountIds: [holder.id] }],
      }),
    );
    const before = await view(admin, id);
    await database.db.transaction((tx) => updateVenue(tx, admin, id, { name: "新名字", phone: "12348" }, new Date("2030-05-01T08:00:00Z")));
    const after = await view(admin, id);
    expect(after).toEqual({ ...before, name: "新名字", phone: "12348", updatedAt: "2030-05-01T08:00:00.000Z" });
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "venue.update")));
    expect(audit).toMatchObject([{ actorId: admin.id, entityType: "venue", regionPath: `/${tree.province}/${tree.city}/${tree.counties[0]}/`, detail: { changed: ["name", "phone"] } }]);
  });

  it("the change and its audit row share the transaction: a rollback leaves neither", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.counties[0]);
    const id = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0], { name: "原名" }));
    const rollback = new Error("rolled back on purpose");
    await expect(
      database.db.transaction(async (tx) => {
        await updateVenue(tx, admin, id, { name: "改名" }, new Date());
        // Inside the transaction the change and the audit row are both visible…
        const [inside] = await tx.select({ name: venues.name }).from(venues).where(eq(venues.id, id));
        expect(inside.name).toBe("改名");
        expect(await tx.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "venue.update")))).toHaveLength(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    // …and after the rollback neither remains.
    const [row] = await database.db.select({ name: venues.name }).from(venues).where(eq(venues.id, id));
    expect(row.name).toBe("原名");
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "venue.update")))).toEqual([]);
  });

  it("validates the level against the region on update too", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.city);
    const id = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0]));
    const error = await failure(database.db.transaction((tx) => updateVenue(tx, admin, id, { regionCode: tree.townships[0][0] }, new Date())));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.field).toBe("level");
    // Moving with the matching level is fine.
    await database.db.transaction((tx) => updateVenue(tx, admin, id, { regionCode: tree.townships[0][0], level: "station" }, new Date()));
    expect(await view(admin, id)).toMatchObject({ level: "station", regionCode: tree.townships[0][0] });
  });

  it("a non-admin in scope is FORBIDDEN; an admin outside the scope gets NOT_FOUND; nothing changes", async () => {
    const tree = await newTree();
    const id = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0], { name: "不变" }));
    const leader = await staff(["leader", "dispatcher", "window"], tree.counties[0]);
    const siblingAdmin = await staff(["admin"], tree.counties[1]);
    const belowAdmin = await staff(["admin"], tree.townships[0][0]);
    const update = (actor: Actor) => failure(database.db.transaction((tx) => updateVenue(tx, actor, id, { name: "被改" }, new Date())));
    expect((await update(leader)).code).toBe("FORBIDDEN");
    expect((await update(siblingAdmin)).code).toBe("NOT_FOUND");
    expect((await update(belowAdmin)).code).toBe("NOT_FOUND");
    const [row] = await database.db.select({ name: venues.name }).from(venues).where(eq(venues.id, id));
    expect(row.name).toBe("不变");
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "venue.update")))).toEqual([]);
  });

  it("an unknown venue is NOT_FOUND", async () => {
    const tree = await newTree();
    const admin = await staff(["admin"], tree.city);
    const error = await failure(database.db.transaction((tx) => updateVenue(tx, admin, "00000000-0000-4000-8000-000000000001", { name: "x" }, new Date())));
    expect(error.code).toBe("NOT_FOUND");
  });
});

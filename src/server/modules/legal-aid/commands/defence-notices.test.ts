/**
 * Assigned defence's use cases on a migrated database, without HTTP: Art. 36's due time on the
 * calendar of the center's own region (a county's local holiday moves it, the sibling's does
 * not, also when the holiday is added after the notice), Art. 26's refusal from the pool's check, the list's scope, the overdue mark once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { AppError } from "../../../platform/errors.ts";
import { systemActor, type StaffActor } from "../../../policies/actor.ts";
import { fixedTestProtector } from "../../../../../test/helpers/keys.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../../../../test/helpers/factories.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { saveRegionalHolidays } from "../../calendar/commands/save-regional-holidays.ts";
import { approveAidLawyer } from "./approve-aid-lawyer.ts";
import { recordDefenceNotice } from "./record-defence-notice.ts";
import { assignDefenceLawyer } from "./assign-defence-lawyer.ts";
import { informNotifyingBody } from "./inform-notifying-body.ts";
import { markDefenceNoticeOverdue } from "./mark-defence-notice-overdue.ts";
import { findDefenceNotices, findDefenceNoticesToMarkOverdue, loadDefenceNotice } from "../queries/find-defence-notices.ts";
import type { RecordDefenceNoticeInput } from "../defence-notices.types.ts";

let database: Database;
let protector: Protector;
let tree: TestTree;
const people: Record<string, StaffActor> = {};
// Wednesday 2 December 2026, 10:00 Beijing.
const NOW = new Date("2026-12-02T10:00:00+08:00");

beforeAll(async () => {
  database = await createTestDatabase();
  protector = fixedTestProtector();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await database.db.transaction(async (tx) => {
    people.reviewer = await makeStaff(tx, ["reviewer"], tree.counties[0]);
    people.otherReviewer = await makeStaff(tx, ["reviewer"], tree.counties[1]);
    people.senior = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    people.junior = await makeStaff(tx, ["lawyer"], tree.counties[0]);
    for (const [who, since] of [["senior", "2016-01-01"], ["junior", "2025-01-01"]] as const) {
      await approveAidLawyer(tx, people.reviewer, { accountId: people[who].id, centerRegionCode: tree.counties[0], fields: ["criminal_defence"], practiceSince: since }, NOW);
    }
    // County 0 has a local holiday on Thursday 3 December; county 1 does not.
    const county = (await findRegionRefs(tx, [tree.counties[0]])).get(tree.counties[0])!;
    await saveRegionalHolidays(tx, systemActor("test"), county, "2026", { off: [{ name: "本地假日", from: "2026-12-03", to: "2026-12-03" }], work: [] }, NOW);
  });
});

afterAll(async () => {
  await database?.close();
});

const input = (over: Partial<RecordDefenceNoticeInput> = {}): RecordDefenceNoticeInput => ({
  centerRegionCode: tree.counties[0],
  body: "court",
  bodyName: "测试法院",
  documentNo: `（2026）刑${Math.random().toString(36).slice(2, 8)}号`,
  ground: "death_penalty_review",
  caseStage: "death_penalty_review",
  personName: "孙某某",
  ...over,
});
const record = (actor: StaffActor, over: Partial<RecordDefenceNoticeInput> = {}) => database.db.transaction((tx) => recordDefenceNotice(tx, actor, input(over), NOW, protector));
const load = (id: string, actor: StaffActor = people.reviewer, now = NOW) => loadDefenceNotice(database.db, actor, id, now, protector);
const fieldOf = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).field;
};

describe("Art. 36 on the calendar of the center's region", () => {
  it("a local holiday of the center's county moves the due time; the sibling county's does not", async () => {
    const here = await load(await record(people.reviewer));
    // Thu 3 off locally → Fri 4, Mon 7, Tue 8 → Tuesday 8 December 24:00 Beijing.
    expect(here.dueAt).toBe("2026-12-08T16:00:00.000Z");
    const there = await load(await record(people.otherReviewer, { centerRegionCode: tree.counties[1] }), people.otherReviewer);
    expect(there.dueAt).toBe("2026-12-07T16:00:00.000Z");
  });

  it("a holiday the county adds later moves its open notices' due time (audited), not answered ones nor the other county's", async () => {
    const open = await record(people.otherReviewer, { centerRegionCode: tree.counties[1] });
    const answered = await record(people.otherReviewer, { centerRegionCode: tree.counties[1], ground: "minor", body: "police", caseStage: "investigation" });
    await database.db.transaction(async (tx) => {
      await approveAidLawyer(tx, systemActor("test"), { accountId: people.senior.id, centerRegionCode: tree.counties[1], fields: ["criminal_defence"], practiceSince: "2016-01-01" }, NOW);
      await assignDefenceLawyer(tx, people.otherReviewer, answered, people.senior.id, NOW);
      await informNotifyingBody(tx, people.otherReviewer, answered, undefined, NOW);
    });
    const elsewhere = await record(people.reviewer);
    const before = (await load(elsewhere)).dueAt;
    await database.db.transaction(async (tx) => {
      const county = (await findRegionRefs(tx, [tree.counties[1]])).get(tree.counties[1])!;
      await saveRegionalHolidays(tx, systemActor("test"), county, "2026", { off: [{ name: "本地假日", from: "2026-12-04", to: "2026-12-04" }], work: [] }, NOW);
    });
    // Thu 3, (Fri 4 now off), Mon 7, Tue 8 → Tuesday 8 December 24:00.
    expect((await load(open, people.otherReviewer)).dueAt).toBe("2026-12-08T16:00:00.000Z");
    expect((await load(answered, people.otherReviewer)).dueAt).toBe("2026-12-07T16:00:00.000Z");
    expect((await load(elsewhere)).dueAt).toBe(before);
    const { rows } = await database.pool.query<{ action: string }>("select action from audit_log where entity_id = $1 order by seq", [open]);
    expect(rows.map((r) => r.action)).toEqual(["defence_notice.record", "defence_notice.due_moved"]);
  });
});

describe("assignment through the pool", () => {
  it("Art. 26: a lawyer of under three years is refused on lawyerId; the senior one is assigned", async () => {
    const id = await record(people.reviewer);
    const assign = (lawyer: StaffActor) => database.db.transaction((tx) => assignDefenceLawyer(tx, people.reviewer, id, lawyer.id, NOW));
    const error = await assign(people.junior).then(() => null, (e: unknown) => e as AppError);
    expect(error?.field).toBe("lawyerId");
    expect(error?.message).toContain("第二十六条");
    await assign(people.senior);
    expect((await load(id)).lawyer?.id).toBe(people.senior.id);
  });

  it("another county's reviewer neither sees nor assigns the notice", async () => {
    const id = await record(people.reviewer);
    const denied = await database.db.transaction((tx) => assignDefenceLawyer(tx, people.otherReviewer, id, people.senior.id, NOW)).then(() => null, (e: unknown) => e as AppError);
    expect(denied?.code).toBe("NOT_FOUND");
    const theirs = await findDefenceNotices(database.db, people.otherReviewer, {}, NOW, protector);
    expect(theirs.items.every((n) => n.center.code === tree.counties[1])).toBe(true);
    expect(await fieldOf(record(people.reviewer, { body: "police", ground: "trial_in_absentia", caseStage: "investigation" }))).toBe("ground");
  });
});

describe("the overdue mark", () => {
  it("marks a notice past its limit once, and never one answered", async () => {
    const late = await database.db.transaction((tx) => recordDefenceNotice(tx, people.reviewer, input({ receivedAt: "2026-11-23T09:00:00+08:00" }), NOW, protector));
    const answered = await database.db.transaction((tx) => recordDefenceNotice(tx, people.reviewer, input({ receivedAt: "2026-11-23T09:00:00+08:00" }), NOW, protector));
    await database.db.transaction(async (tx) => {
      await assignDefenceLawyer(tx, people.reviewer, answered, people.senior.id, NOW);
      await informNotifyingBody(tx, people.reviewer, answered, undefined, NOW);
    });
    const found = await findDefenceNoticesToMarkOverdue(database.db, NOW, 100);
    expect(found).toContain(late);
    expect(found).not.toContain(answered);
    const scheduler = systemActor("scheduler");
    expect(await database.db.transaction((tx) => markDefenceNoticeOverdue(tx, scheduler, late, NOW))).toBe(true);
    expect(await database.db.transaction((tx) => markDefenceNoticeOverdue(tx, scheduler, late, NOW))).toBe(false);
    expect(await database.db.transaction((tx) => markDefenceNoticeOverdue(tx, scheduler, answered, NOW))).toBe(false);
    expect(await findDefenceNoticesToMarkOverdue(database.db, NOW, 100)).not.toContain(late);
    expect((await load(answered)).deadlineState).toBe("missed");
  });
});

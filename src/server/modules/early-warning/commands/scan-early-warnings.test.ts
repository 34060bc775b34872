/**
 * The early-warning scan on a real database: tickets taken in through the tickets
 * module make a counterparty cluster; the scan raises one alert with its tickets,
 * sends it to the township office and the township's mediation committee (in-app,
 * through the outbox) and audits it; re-running adds tickets instead of
 * duplicating; a closed alert stays closed until a ticket arrives after its closure.
 * The clock moves; nothing sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../platform/db/index.ts";
import { createProtector, type Protector } from "../../../platform/personal/protect.ts";
import { ephemeralKeyring } from "../../../platform/keys.ts";
import { systemActor, type StaffActor } from "../../../policies/actor.ts";
import { createTestDatabase } from "../../../../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../../../../test/helpers/factories.ts";
import { notifications } from "../../notifications/notifications.tables.ts";
import { createTicket } from "../../tickets/commands/create-ticket.ts";
import { saveCommittee } from "../../mediation/commands/save-committee.ts";
import { earlyWarningAlerts, earlyWarningAlertRecipients, earlyWarningAlertTickets } from "../early-warning.tables.ts";
import { scanEarlyWarnings } from "./scan-early-warnings.ts";
import { actOnAlert } from "./act-on-alert.ts";
import { findAlerts } from "../queries/find-alerts.ts";

let database: Database;
let protector: Protector;
let tree: TestTree;
let window: StaffActor;
const people: Record<string, StaffActor> = {};
let committeeId: string;

// Tuesday 1 December 2026, 10:00 Beijing time.
const START = new Date("2026-12-01T10:00:00+08:00");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(START.getTime() + hours * HOUR);
let phoneCounter = 0;

async function ticket(when: Date, overrides: { counterparty?: string; regionCode?: string; phone?: string | null } = {}): Promise<string> {
  phoneCounter += 1;
  const phone = overrides.phone === undefined ? `1390000${String(phoneCounter).padStart(4, "0")}` : overrides.phone;
  const { id } = await database.db.transaction((tx) =>
    createTicket(
      tx,
      window,
      {
        channel: phoneCounter % 2 ? "window" : "hotline",
        serviceType: phoneCounter % 3 ? "consultation" : "mediation",
        // Categories vary, so the village has no burst of one category (that would be a second, "place" alert).
        category: (["劳动争议", "合同", "借贷"] as const)[phoneCounter % 3],
        regionCode: overrides.regionCode ?? tree.villages[0][0][0],
        applicant: { name: "李工人", ...(phone ? { phone } : {}) },
        ...(overrides.counterparty ? { counterparty: { name: overrides.counterparty, phone: "13800001111" } } : {}),
        description: "拖欠工资",
      },
      when,
      { protector },
    ),
  );
  return id;
}

const scan = (now: Date) => database.db.transaction((tx) => scanEarlyWarnings(tx, now, { protector }));
const alertsOf = (key: string) => database.db.select().from(earlyWarningAlerts).where(eq(earlyWarningAlerts.key, key)).orderBy(earlyWarningAlerts.createdAt);
const ticketsOf = async (alertId: string) =>
  (await database.db.select({ id: earlyWarningAlertTickets.ticketId }).from(earlyWarningAlertTickets).where(eq(earlyWarningAlertTickets.alertId, alertId))).map((r) => r.id).sort();

beforeAll(async () => {
  database = await createTestDatabase();
  protector = createProtector(ephemeralKeyring());
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await database.db.transaction(async (tx) => {
    window = await makeStaff(tx, ["window"], tree.counties[0]);
    people.townshipSupervisor = await makeStaff(tx, ["supervisor"], tree.townships[0][0]);
    people.townshipMediator = await makeStaff(tx, ["mediator"], tree.townships[0][0]);
    people.villageMediator = await makeStaff(tx, ["mediator"], tree.villages[0][0][0]);
    people.otherTownship = await makeStaff(tx, ["supervisor"], tree.townships[0][1]);
    people.countyLeader = await makeStaff(tx, ["leader"], tree.counties[0]);
    people.townshipWindow = await makeStaff(tx, ["window"], tree.townships[0][0]);
    committeeId = await saveCommittee(tx, systemActor("test"), null, { name: "测试镇人民调解委员会", kind: "township", regionCode: tree.townships[0][0] }, START);
  });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("scanEarlyWarnings", () => {
  const KEY = "counterparty:宏达建筑";
  const first: string[] = [];

  it("raises nothing below the threshold", async () => {
    first.push(await ticket(at(0), { counterparty: "宏达建筑有限公司" }));
    first.push(await ticket(at(1), { counterparty: "宏达建筑 有限责任公司" }));
    // The same person again: still two people.
    first.push(await ticket(at(2), { counterparty: "宏达建筑公司", phone: "13900000001" }));
    const report = await scan(at(3));
    expect(report.raised).toBe(0);
    expect(await alertsOf(KEY)).toEqual([]);
  });

  it("raises one alert with its tickets when enough people name the same employer, and tells the township office and committee", async () => {
    first.push(await ticket(at(4), { counterparty: "（宏达）建筑" }));
    first.push(await ticket(at(5), { counterparty: "宏达建筑", phone: null }));
    const report = await scan(at(6));
    expect(report).toMatchObject({ raised: 1, updated: 0 });
    const [alert] = await alertsOf(KEY);
    expect(alert).toMatchObject({ kind: "counterparty", state: "open", regionCode: tree.villages[0][0][0], ticketCount: 5, applicantCount: 4, counterpartyName: "宏达建筑有限公司" });
    expect(await ticketsOf(alert.id)).toEqual([...first].sort());
    const recipients = await database.db.select().from(earlyWarningAlertRecipients).where(eq(earlyWarningAlertRecipients.alertId, alert.id));
    const accounts = recipients.filter((r) => r.accountId).map((r) => r.accountId);
    // The township's and the village's handlers; not the window clerk, not the neighbouring township, not the county.
    expect(new Set(accounts)).toEqual(new Set([people.townshipSupervisor.id, people.townshipMediator.id, people.villageMediator.id]));
    expect(recipients.filter((r) => r.committeeId).map((r) => r.committeeId)).toEqual([committeeId]);
    const sent = await database.db.select().from(notifications).where(and(eq(notifications.template, "early_warning"), sql`${notifications.payload}->>'alertId' = ${alert.id}`));
    expect(sent).toHaveLength(3);
    expect(sent.every((n) => n.channel === "in_app")).toBe(true);
    // The payload names the cluster, never a phone.
    const payloads = JSON.stringify(sent.map((n) => n.payload));
    expect(payloads).not.toContain("13800001111");
    expect(payloads).not.toMatch(/139000\d{5}/);
    const audit = await database.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'early_warning_alert' and entity_id = ${alert.id}`);
    expect(audit.rows.map((r) => r.action)).toEqual(["early_warning.raised"]);
  });

  it("is idempotent: a second scan changes nothing; a new ticket joins the live alert", async () => {
    expect(await scan(at(7))).toMatchObject({ raised: 0, updated: 0 });
    expect(await alertsOf(KEY)).toHaveLength(1);
    const later = await ticket(at(8), { counterparty: "宏达建筑有限公司" });
    expect(await scan(at(9))).toMatchObject({ raised: 0, updated: 1, notified: 0 });
    const [alert] = await alertsOf(KEY);
    expect(alert.ticketCount).toBe(6);
    expect(alert.applicantCount).toBe(5);
    expect(await ticketsOf(alert.id)).toContain(later);
  });

  it("shows the alert to the township's staff and the county's, not to a neighbouring township", async () => {
    const seen = async (who: StaffActor) => (await findAlerts(database.db, who, {})).items.map((a) => a.key);
    expect(await seen(people.townshipSupervisor)).toContain(KEY);
    expect(await seen(people.countyLeader)).toContain(KEY);
    expect(await seen(people.otherTownship)).not.toContain(KEY);
  });

  it("a closed alert is not reopened by the same tickets, only by one after its closure", async () => {
    const [alert] = await alertsOf(KEY);
    await database.db.transaction((tx) => actOnAlert(tx, people.townshipSupervisor, alert.id, { action: "acknowledge" }, at(10)));
    await database.db.transaction((tx) => actOnAlert(tx, people.townshipSupervisor, alert.id, { action: "close", note: "已约谈企业负责人，承诺月底前结清" }, at(11)));
    expect(await scan(at(12))).toMatchObject({ raised: 0, updated: 0 });
    expect((await alertsOf(KEY)).map((a) => a.state)).toEqual(["closed"]);
    await ticket(at(13), { counterparty: "宏达建筑" });
    expect(await scan(at(14))).toMatchObject({ raised: 1 });
    const [closed, reopened] = await alertsOf(KEY);
    expect(closed.state).toBe("closed");
    expect(reopened).toMatchObject({ state: "open", previousId: closed.id });
  });

  it("two scans at once raise one alert (the scan is serialized)", async () => {
    for (let i = 0; i < 4; i += 1) await ticket(at(20 + i), { counterparty: "顺风物流有限公司", regionCode: tree.townships[0][1] });
    const reports = await Promise.all([scan(at(25)), scan(at(25))]);
    expect(reports.map((r) => r.raised).sort()).toEqual([0, 1]);
    expect(await alertsOf("counterparty:顺风物流")).toHaveLength(1);
  });
});

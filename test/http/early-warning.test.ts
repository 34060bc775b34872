/**
 * 矛盾纠纷预警 over HTTP: the scan on demand (idempotent), the alert list and detail
 * by region scope, the handling steps (签收, 处置, 办结 with a note), validation
 * naming the field, 409 on a step the state does not allow, and the permission
 * matrix — every role × in the alert's region or not × list, detail, act, scan.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { ROLES, type Role } from "../../src/server/policies/actor.ts";
import { createTicket } from "../../src/server/modules/tickets/commands/create-ticket.ts";
import { createProtector } from "../../src/server/platform/personal/protect.ts";
import { ephemeralKeyring } from "../../src/server/platform/keys.ts";
import { staffWorld } from "../helpers/staff-world.ts";
import { makeStaff } from "../helpers/factories.ts";
import { signIn, type Session } from "../helpers/http.ts";

// Tuesday 1 December 2026, 10:00 Beijing time.
const START = new Date("2026-12-01T10:00:00+08:00");
const HOUR = 3_600_000;
const world = staffWorld(START);
const READERS: Role[] = ["leader", "supervisor", "dispatcher", "mediator", "admin"];
const HANDLERS: Role[] = ["leader", "supervisor", "dispatcher", "mediator"];
const SCANNERS: Role[] = ["admin", "supervisor"];

/** Each role twice: in the alert's township, and in the other county. */
const matrix: { role: Role; isInScope: boolean; session: Session }[] = [];
let alertId: string;

beforeAll(async () => {
  const { tree, database } = world;
  await world.person("supervisor", ["supervisor"], tree.townships[0][0]);
  await world.person("mediator", ["mediator"], tree.townships[0][0]);
  await world.person("admin", ["admin"], tree.city);
  await world.person("window", ["window"], tree.townships[0][0]);
  for (const role of ROLES) {
    for (const isInScope of [true, false]) {
      const actor = await database.db.transaction((tx) => makeStaff(tx, [role], isInScope ? tree.townships[0][0] : tree.counties[1]));
      matrix.push({ role, isInScope, session: await signIn(world.app, actor.username) });
    }
  }
  // Six workers of one employer in the last two weeks, at the township's villages, by window and hotline.
  const protector = createProtector(ephemeralKeyring());
  const window = world.staff.window;
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < 6; i += 1) {
      await createTicket(
        tx,
        window,
        {
          channel: i % 2 ? "hotline" : "window",
          serviceType: i % 3 ? "consultation" : "mediation",
          category: (["劳动争议", "合同", "借贷"] as const)[i % 3],
          regionCode: tree.villages[0][0][i % 2],
          applicant: { name: `王工人${i}`, phone: `1370000000${i}` },
          counterparty: { name: i % 2 ? "鑫源建材有限公司" : "鑫源建材", phone: "13811112222" },
          description: "拖欠工资三个月",
        },
        new Date(START.getTime() - (i + 1) * 24 * HOUR),
        { protector },
      );
    }
  });
}, 180_000);

describe("scan", () => {
  it("raises the alert once; a second scan is a no-op", async () => {
    const first = await world.as.supervisor.request("POST", "/api/early-warnings/scan");
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ raised: 1, updated: 0 });
    const again = await world.as.admin.request("POST", "/api/early-warnings/scan");
    expect(again.json()).toMatchObject({ raised: 0, updated: 0 });
    const list = await world.as.supervisor.get("/api/early-warnings");
    expect(list.json().total).toBe(1);
    alertId = list.json().items[0].id;
    expect(list.json().items[0]).toMatchObject({ kind: "counterparty", counterpartyName: "鑫源建材有限公司", state: "open", ticketCount: 6, applicantCount: 6, region: { code: world.tree.villages[0][0][0].slice(0, 9) } });
  });
});

describe("permission matrix", () => {
  it("list: readers see it in their region only; other roles are refused", async () => {
    for (const { role, isInScope, session } of matrix) {
      const response = await session.get("/api/early-warnings?state=all");
      const label = `${role} ${isInScope ? "in" : "out of"} scope`;
      if (!READERS.includes(role)) {
        expect(response.statusCode, label).toBe(403);
        continue;
      }
      expect(response.statusCode, label).toBe(200);
      expect(response.json().items.map((a: { id: string }) => a.id), label).toEqual(isInScope ? [alertId] : []);
    }
  });

  it("detail: readers in scope 200 with abilities, everyone else 404", async () => {
    for (const { role, isInScope, session } of matrix) {
      const response = await session.get(`/api/early-warnings/${alertId}`);
      const label = `${role} ${isInScope ? "in" : "out of"} scope`;
      if (!(READERS.includes(role) && isInScope)) {
        expect(response.statusCode, label).toBe(404);
        continue;
      }
      expect(response.statusCode, label).toBe(200);
      expect(response.json().abilities, label).toEqual({ acknowledge: HANDLERS.includes(role), handle: false, close: false });
    }
  });

  it("act: handlers in scope may, an admin in scope is refused (403), the rest see nothing (404)", async () => {
    const allowed = matrix.filter((m) => HANDLERS.includes(m.role) && m.isInScope);
    for (const { role, isInScope, session } of matrix.filter((m) => !allowed.includes(m))) {
      const response = await session.request("POST", `/api/early-warnings/${alertId}/actions`, { action: "acknowledge" });
      expect(response.statusCode, `${role} ${isInScope ? "in" : "out of"} scope`).toBe(READERS.includes(role) && isInScope ? 403 : 404);
    }
    // The first handler acknowledges; for the others the step is no longer open.
    const statuses = [];
    for (const { session } of allowed) statuses.push((await session.request("POST", `/api/early-warnings/${alertId}/actions`, { action: "acknowledge" })).statusCode);
    expect(statuses).toEqual([200, ...allowed.slice(1).map(() => 409)]);
  });

  it("scan: admins and supervisors only", async () => {
    for (const { role, session } of matrix) {
      const response = await session.request("POST", "/api/early-warnings/scan");
      expect(response.statusCode, role).toBe(SCANNERS.includes(role) ? 200 : 403);
    }
  });
});

describe("validation", () => {
  it.each([
    ["an unknown action", { action: "escalate" }, "action"],
    ["no action", { note: "x" }, "action"],
    ["an unknown field", { action: "handle", colour: "red" }, "colour"],
    ["a note too long", { action: "handle", note: "长".repeat(1001) }, "note"],
  ])("POST actions with %s → 400 naming the field", async (_label, body, field) => {
    const response = await world.as.supervisor.request("POST", `/api/early-warnings/${alertId}/actions`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });

  it.each([
    ["/api/early-warnings?state=burning", "state"],
    ["/api/early-warnings?kind=rumour", "kind"],
    ["/api/early-warnings?regionCode=12", "regionCode"],
    ["/api/early-warnings?limit=0", "limit"],
    ["/api/early-warnings/not-a-uuid", "id"],
  ])("GET %s → 400 naming %s", async (url, field) => {
    const response = await world.as.supervisor.get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });

  it("an unknown region is 422 naming regionCode; an unknown alert 404", async () => {
    const region = await world.as.supervisor.get("/api/early-warnings?regionCode=989999");
    expect(region.statusCode).toBe(422);
    expect(region.json().field).toBe("regionCode");
    expect((await world.as.supervisor.get("/api/early-warnings/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });
});

describe("lifecycle", () => {
  it("handles and closes with a note; a close without one is 400 naming note; a closed alert takes no step (409)", async () => {
    const s = world.as.mediator;
    const url = `/api/early-warnings/${alertId}/actions`;
    expect((await s.request("POST", url, { action: "acknowledge" })).statusCode).toBe(409);
    const handling = await s.request("POST", url, { action: "handle", note: "已联系企业" });
    expect(handling.statusCode).toBe(200);
    expect(handling.json()).toMatchObject({ state: "handling", abilities: { acknowledge: false, handle: false, close: true } });
    const noNote = await s.request("POST", url, { action: "close", note: "   " });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json()).toMatchObject({ field: "note" });
    const closed = await s.request("POST", url, { action: "close", note: "企业已结清工资，调解结案" });
    expect(closed.statusCode).toBe(200);
    const detail = closed.json();
    expect(detail.state).toBe("closed");
    expect(detail.closed.by.id).toBe(world.staff.mediator.id);
    expect(detail.notes.map((n: { action: string }) => n.action)).toEqual(["acknowledge", "handle", "close"]);
    expect(detail.notes[2].note).toBe("企业已结清工资，调解结案");
    expect((await s.request("POST", url, { action: "close", note: "again" })).statusCode).toBe(409);
    const audit = await world.database.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'early_warning_alert' and entity_id = ${alertId} order by seq`);
    expect(audit.rows.map((r) => r.action)).toEqual(["early_warning.raised", "early_warning.acknowledged", "early_warning.handling", "early_warning.closed"]);
  });

  it("the detail lists the tickets with numbers and masked applicants, and no phone", async () => {
    const response = await world.as.supervisor.get(`/api/early-warnings/${alertId}`);
    const detail = response.json();
    expect(detail.tickets).toHaveLength(6);
    for (const t of detail.tickets) {
      expect(t.number).toMatch(/\d/);
      expect(t.applicantName).toMatch(/^王\*+$/);
    }
    expect(response.body).not.toMatch(/13700000|13811112222|王工人/);
    expect(detail.recipients.accounts.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([world.staff.supervisor.id, world.staff.mediator.id]));
  });

  it("closed alerts leave the default list and show under state=closed; a scan does not reopen them", async () => {
    expect((await world.as.supervisor.get("/api/early-warnings")).json().total).toBe(0);
    expect((await world.as.supervisor.get("/api/early-warnings?state=closed&kind=counterparty")).json().total).toBe(1);
    expect((await world.as.supervisor.request("POST", "/api/early-warnings/scan")).json().raised).toBe(0);
    expect((await world.as.supervisor.get(`/api/early-warnings?state=all&regionCode=${world.tree.townships[0][1]}`)).json().total).toBe(0);
  });
});

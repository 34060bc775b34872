/**
 * A legal aid application is a legal aid case from its intake (issue 10;
 * docs/legal-aid-flow.md, "Opening the case"): whatever the channel, the ticket's
 * intake transaction opens the case (the `ticket.created` subscriber), once; a
 * retry or a later click on "open" answers with the same case; other service types
 * open none.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "../../src/server/modules/upstream/signature.ts";
import { staffWorld } from "../helpers/staff-world.ts";
import { signInCitizen } from "../helpers/citizens.ts";

const START = new Date("2026-11-20T10:00:00+08:00");
const world = staffWorld(START);
const { as, staff, person } = world;

beforeAll(async () => {
  await person("stationWindow", ["window"], world.tree.townships[0][0]);
  await person("operator", ["operator"], world.tree.counties[0]);
  await person("dispatcher", ["dispatcher"], world.tree.counties[0]);
  await person("reviewer", ["reviewer"], world.tree.counties[0]);
  await person("admin", ["admin"], world.tree.city);
});

const application = (extra: Record<string, unknown> = {}) => ({
  channel: "window", serviceType: "legal_aid", category: "劳动争议", regionCode: world.tree.townships[0][0],
  applicant: { name: "李四", phone: "13912345678" }, description: "公司拖欠工资三个月，申请法律援助", ...extra,
});

async function casesOf(ticketId: string): Promise<{ id: string; status: string; created_by: string | null }[]> {
  const { rows } = await world.database.pool.query<{ id: string; status: string; created_by: string | null }>("select id, status, created_by from aid_cases where ticket_id = $1", [ticketId]);
  return rows;
}

async function openAudit(caseId: string) {
  const { rows } = await world.database.pool.query<{ actor_kind: string | null; detail: Record<string, unknown> }>(
    "select detail from audit_log where entity_type = 'aid_case' and entity_id = $1 and action = 'aid_case.open'", [caseId]);
  return rows;
}

describe("intake opens the legal aid case", () => {
  it("at the window of a township station: the case is the station's to pre-check, the ticket is with the center", async () => {
    const created = await as.stationWindow.request("POST", "/api/tickets", application(), { "idempotency-key": "aid-intake-window-1" });
    expect(created.statusCode, created.body).toBe(201);
    const ticketId = created.json().id as string;
    const [opened] = await casesOf(ticketId);
    expect(opened).toMatchObject({ status: "submitted", created_by: staff.stationWindow.id });
    const view = (await as.stationWindow.get(`/api/legal-aid/cases/by-ticket/${ticketId}`)).json();
    expect(view).toMatchObject({ id: opened.id, station: { code: world.tree.townships[0][0] }, center: { code: world.tree.counties[0] } });
    // Art. 43's 7 days run from the application.
    expect(view.deadlines).toEqual([expect.objectContaining({ step: "aid_decision", state: "running" })]);
    expect(view.abilities.precheck).toBe(true);
    const ticket = (await as.stationWindow.get(`/api/tickets/${ticketId}`)).json();
    expect(ticket.status).toBe("assigned");
    const trail = (await as.stationWindow.get(`/api/tickets/${ticketId}/audit`)).json();
    expect(trail.verified).toBe(true);
    expect(trail.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["ticket.created", "aid_case.opened"]));
    // The answer to the intake is the ticket as it is now (handed to the center), not as first written.
    expect(created.json().status).toBe("assigned");
    const [audit] = await openAudit(opened.id);
    expect(audit.detail).toMatchObject({ onIntake: true, channel: "window", ticketId });

    // A retry of the same intake is the same ticket, still one case.
    const retried = await as.stationWindow.request("POST", "/api/tickets", application(), { "idempotency-key": "aid-intake-window-1" });
    expect(retried.json().id).toBe(ticketId);
    expect(await casesOf(ticketId)).toHaveLength(1);
    // Staff opening it by hand afterwards get the same case (200, not a second one).
    const manual = await as.stationWindow.request("POST", "/api/legal-aid/cases", { ticketId });
    expect(manual.statusCode).toBe(200);
    expect(manual.json().id).toBe(opened.id);
    expect(await casesOf(ticketId)).toHaveLength(1);
    expect(await openAudit(opened.id)).toHaveLength(1);
  });

  it("on the hotline at the county: no station, straight to the center's review", async () => {
    const created = await as.operator.request("POST", "/api/tickets", application({ channel: "hotline" }));
    expect(created.statusCode, created.body).toBe(201);
    const ticketId = created.json().id as string;
    const view = (await as.reviewer.get(`/api/legal-aid/cases/by-ticket/${ticketId}`)).json();
    expect(view).toMatchObject({ status: "under_review", station: null, center: { code: world.tree.counties[0] } });
    expect(view.abilities.review).toBe(true);
  });

  it("on the portal: opened by the system for the citizen's application, no station", async () => {
    const citizen = await signInCitizen(world.app);
    const sent = await citizen.request("POST", "/api/portal/requests", {
      kind: "legal_aid", category: "劳动争议", regionCode: world.tree.townships[0][0], applicantName: "李桂兰", description: "老板拖欠三个月工资不给，申请法律援助",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const ticketId = sent.json().id as string;
    const [opened] = await casesOf(ticketId);
    expect(opened).toMatchObject({ status: "under_review", created_by: null });
    const [audit] = await openAudit(opened.id);
    expect(audit.detail).toMatchObject({ onIntake: true, channel: "portal", station: null });
    expect((await as.stationWindow.get(`/api/legal-aid/cases/by-ticket/${ticketId}`)).json().id).toBe(opened.id);
  });

  it("from an upstream platform", async () => {
    const client = (await as.admin.request("POST", "/api/upstream-clients", { name: "省12348平台", regionCode: world.tree.counties[0] })).json();
    const body = JSON.stringify({ ...application(), channel: undefined, externalRef: "prov-aid-0001" });
    const sent = await world.app.inject({
      method: "POST",
      url: "/api/upstream/tickets",
      payload: body,
      headers: { "content-type": "application/json", ...signedHeaders(client.apiKey, client.secret, body, world.clock.now()) },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const ticketId = sent.json().id as string;
    expect(await casesOf(ticketId)).toEqual([expect.objectContaining({ status: "under_review", created_by: null })]);
    // The platform's retry of the same reference: the same ticket, one case.
    const again = await world.app.inject({
      method: "POST",
      url: "/api/upstream/tickets",
      payload: body,
      headers: { "content-type": "application/json", ...signedHeaders(client.apiKey, client.secret, body, world.clock.now()) },
    });
    expect(again.statusCode).toBeLessThan(300);
    expect(again.json().id).toBe(ticketId);
    expect(await casesOf(ticketId)).toHaveLength(1);
  });

  it("taken in by staff who may not open a case themselves (a dispatcher): opened by the system, intake not refused", async () => {
    const created = await as.dispatcher.request("POST", "/api/tickets", application({ regionCode: world.tree.counties[0] }));
    expect(created.statusCode, created.body).toBe(201);
    expect(await casesOf(created.json().id)).toEqual([expect.objectContaining({ status: "under_review", created_by: null })]);
  });

  it("other service types open no legal aid case", async () => {
    for (const serviceType of ["consultation", "mediation"]) {
      const created = await as.stationWindow.request("POST", "/api/tickets", application({ serviceType }));
      expect(created.statusCode, created.body).toBe(201);
      const ticketId = created.json().id as string;
      expect(await casesOf(ticketId), serviceType).toEqual([]);
      expect((await as.stationWindow.get(`/api/legal-aid/cases/by-ticket/${ticketId}`)).statusCode).toBe(404);
      expect((await as.stationWindow.get(`/api/tickets/${ticketId}`)).json().status).toBe("submitted");
    }
  });
});

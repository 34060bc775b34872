/**
 * 普法与公告 and 办事指南 over HTTP: who writes, publishes and withdraws (role × region),
 * that the portal never shows a draft or a withdrawn article and answers 404 to any bad id,
 * validation naming the field, the audit entries, covers (images only, public once
 * published), and that a guide's materials are the window's checklist at a region with its
 * own settings.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { attachmentRoot } from "../../src/server/modules/attachments/attachment-store.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
const s: Record<string, Session> = {};
const articleIds: string[] = [];

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake png body")]);
const GIF = Buffer.from("GIF89a fake gif");

const anonymous = (method: "GET" | "POST", url: string, payload?: object) => app.inject({ method, url, ...(payload ? { payload } : {}) });

const draft = {
  kind: "legal_education",
  category: "labour",
  title: "农民工讨薪，这些途径要知道",
  summary: "拖欠工资怎么办",
  body: "## 先协商\n\n与用人单位协商。\n\n- 保留工资条\n- 保留考勤记录\n\n<script>alert(1)</script>",
};

async function write(who: Session, overrides: Record<string, unknown> = {}) {
  const response = await who.request("POST", "/api/articles", { ...draft, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  articleIds.push(response.json().id);
  return response.json() as { id: string; status: string; region: { code: string }; abilities: Record<string, boolean> };
}

const act = (who: Session, id: string, action: string) => who.request("POST", `/api/articles/${id}/actions`, { action });

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, new Date("2026-11-18T10:00:00+08:00")));
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const make = async (key: string, roles: Parameters<typeof makeStaff>[1], region: string) => {
    const actor = await database.db.transaction((tx) => makeStaff(tx, roles, region));
    s[key] = await signIn(app, actor.username);
  };
  await make("cityAdmin", ["admin"], tree.city);
  await make("admin", ["admin"], tree.counties[0]);
  await make("leader", ["leader"], tree.counties[0]);
  await make("otherAdmin", ["admin"], tree.counties[1]);
  await make("window", ["window"], tree.counties[0]);
  await make("supervisor", ["supervisor"], tree.counties[0]);
  await make("townshipAdmin", ["admin"], tree.townships[0][0]);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  for (const id of articleIds) await rm(join(attachmentRoot({ dataDir: null }), id), { recursive: true, force: true });
});

describe("writing (role × region)", () => {
  it("an admin writes a draft, filed under their own region", async () => {
    const article = await write(s.admin);
    expect(article).toMatchObject({ status: "draft", region: { code: tree.counties[0] }, abilities: { read: true, update: true, publish: true, withdraw: true } });
  });

  it.each(["admin", "leader"])("a %s may write and publish", async (key) => {
    const article = await write(s[key]);
    expect((await act(s[key], article.id, "publish")).json()).toMatchObject({ status: "published", allowedActions: ["withdraw"] });
  });

  it.each(["window", "supervisor"])("a %s may not write (403) but reads the drafts of the scope without abilities", async (key) => {
    expect((await s[key].request("POST", "/api/articles", draft)).statusCode).toBe(403);
    const article = await write(s.admin);
    const seen = await s[key].get(`/api/articles/${article.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ abilities: { read: true, update: false, publish: false }, allowedActions: [] });
    expect((await s[key].request("PATCH", `/api/articles/${article.id}`, { title: "改" })).statusCode).toBe(403);
    expect((await act(s[key], article.id, "publish")).statusCode).toBe(403);
  });

  it("an admin of another county, or of a township below, cannot see or edit it (404)", async () => {
    const article = await write(s.admin);
    for (const key of ["otherAdmin", "townshipAdmin"]) {
      expect((await s[key].get(`/api/articles/${article.id}`)).statusCode).toBe(404);
      expect((await s[key].request("PATCH", `/api/articles/${article.id}`, { title: "越权修改" })).statusCode).toBe(404);
      expect((await act(s[key], article.id, "publish")).statusCode).toBe(404);
      expect((await s[key].request("PUT", `/api/articles/${article.id}/cover`, PNG as unknown as object, { "content-type": "image/png" })).statusCode).toBe(404);
      const list = (await s[key].get("/api/articles?limit=200")).json();
      expect(list.items.map((a: { id: string }) => a.id)).not.toContain(article.id);
    }
  });

  it("the city's admin above edits and publishes it", async () => {
    const article = await write(s.admin);
    const edited = await s.cityAdmin.request("PATCH", `/api/articles/${article.id}`, { title: "  市里改过的标题 " });
    expect(edited.json()).toMatchObject({ title: "市里改过的标题", status: "draft" });
    expect((await act(s.cityAdmin, article.id, "publish")).statusCode).toBe(200);
  });

  it("staff routes refuse anonymous callers (401)", async () => {
    const article = await write(s.admin);
    expect((await anonymous("GET", "/api/articles")).statusCode).toBe(401);
    expect((await anonymous("GET", `/api/articles/${article.id}`)).statusCode).toBe(401);
    expect((await anonymous("POST", "/api/articles", draft)).statusCode).toBe(401);
    expect((await anonymous("POST", `/api/articles/${article.id}/actions`, { action: "publish" })).statusCode).toBe(401);
  });

  it("the status filter lists only that status", async () => {
    const published = await write(s.admin);
    await act(s.admin, published.id, "publish");
    const drafts = (await s.admin.get("/api/articles?status=draft&limit=200")).json();
    expect(drafts.items.every((a: { status: string }) => a.status === "draft")).toBe(true);
    expect(drafts.items.map((a: { id: string }) => a.id)).not.toContain(published.id);
  });
});

describe("validation", () => {
  it.each([
    [{ ...draft, title: "   " }, "title"],
    [{ ...draft, category: "婚姻家庭" }, "category"],
    [{ ...draft, kind: "news" }, "kind"],
    [{ kind: "notice", category: "other", title: "无正文" }, "body"],
    [{ ...draft, body: "x".repeat(20_001) }, "body"],
    [{ ...draft, isPinned: true }, "isPinned"],
  ])("%j → 400 naming %s", async (body, field) => {
    const response = await s.admin.request("POST", "/api/articles", body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
  });

  it("an empty edit and an unknown action are 400 naming the field; a withdraw of a draft is 409", async () => {
    const article = await write(s.admin);
    expect((await s.admin.request("PATCH", `/api/articles/${article.id}`, {})).statusCode).toBe(400);
    expect((await act(s.admin, article.id, "delete")).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "action" });
    expect((await act(s.admin, article.id, "withdraw")).json()).toMatchObject({ code: "INVALID_TRANSITION", allowed: ["publish"] });
  });

  it("a body is stored as text: <script> comes back as a paragraph's text, never as markup", async () => {
    const article = await write(s.admin);
    await act(s.admin, article.id, "publish");
    const shown = (await anonymous("GET", `/api/public/articles/${article.id}`)).json();
    expect(shown.blocks).toEqual([
      { type: "heading", text: "先协商" },
      { type: "paragraph", text: "与用人单位协商。" },
      { type: "list", items: ["保留工资条", "保留考勤记录"] },
      { type: "paragraph", text: "<script>alert(1)</script>" },
    ]);
  });
});

describe("the portal", () => {
  it("never shows a draft or a withdrawn article, and answers 404 to unknown and malformed ids", async () => {
    const article = await write(s.admin);
    const url = `/api/public/articles/${article.id}`;
    expect((await anonymous("GET", url)).statusCode).toBe(404);
    expect((await anonymous("GET", "/api/public/articles?limit=50")).json().items.map((a: { id: string }) => a.id)).not.toContain(article.id);
    await act(s.admin, article.id, "publish");
    const shown = await anonymous("GET", url);
    expect(shown.statusCode).toBe(200);
    // Nothing internal: no author, no status, no body source, no abilities.
    expect(Object.keys(shown.json()).sort()).toEqual(["blocks", "category", "coverUrl", "id", "kind", "publishedAt", "region", "summary", "title", "updatedAt"]);
    await act(s.admin, article.id, "withdraw");
    expect((await anonymous("GET", url)).statusCode).toBe(404);
    for (const bad of ["00000000-0000-0000-0000-000000000000", "not-an-id", "1", "%E4%B8%AD", "x".repeat(100)]) {
      expect((await anonymous("GET", `/api/public/articles/${bad}`)).statusCode, bad).toBe(404);
      expect((await anonymous("GET", `/api/public/articles/${bad}/cover`)).statusCode, bad).toBe(404);
    }
  });

  it("shows a visitor the articles of their region and its ancestors, newest first; all without a region", async () => {
    const county = await write(s.admin, { title: "县里的公告", kind: "notice", category: "public_notice" });
    await act(s.admin, county.id, "publish");
    // The app's clock stands still: move it, so the city's article is really published later.
    clock.advance(60_000);
    const city = await write(s.cityAdmin, { title: "市里的普法", kind: "legal_education" });
    await act(s.cityAdmin, city.id, "publish");
    const other = await write(s.otherAdmin, { title: "另一个县的公告", kind: "notice", category: "public_notice" });
    await act(s.otherAdmin, other.id, "publish");
    const ids = async (query: string) => (await anonymous("GET", `/api/public/articles?limit=50${query}`)).json().items.map((a: { id: string }) => a.id);
    const village = await ids(`&regionCode=${tree.villages[0][0][0]}`);
    expect(village).toEqual(expect.arrayContaining([county.id, city.id]));
    expect(village).not.toContain(other.id);
    // Newest first: the city's went out after the county's.
    expect(village.indexOf(city.id)).toBeLessThan(village.indexOf(county.id));
    expect(await ids("")).toEqual(expect.arrayContaining([county.id, city.id, other.id]));
    const notices = await ids(`&kind=notice&regionCode=${tree.counties[0]}`);
    expect(notices).toContain(county.id);
    expect(notices).not.toContain(city.id);
    expect(await ids("&category=public_notice")).not.toContain(city.id);
    expect((await anonymous("GET", "/api/public/articles?regionCode=989999")).json()).toMatchObject({ code: "UNKNOWN_REGION", field: "regionCode" });
    expect((await anonymous("GET", "/api/public/articles?limit=51")).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "limit" });
  });
});

describe("covers", () => {
  it("takes a PNG, refuses what is not a picture (415), and serves it publicly only once published", async () => {
    const article = await write(s.admin);
    const refused = await s.admin.request("PUT", `/api/articles/${article.id}/cover`, GIF as unknown as object, { "content-type": "image/png" });
    expect(refused.statusCode).toBe(415);
    expect(refused.json()).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", field: "body" });
    const set = await s.admin.request("PUT", `/api/articles/${article.id}/cover`, PNG as unknown as object, { "content-type": "application/octet-stream" });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().cover).toMatchObject({ mediaType: "image/png", size: PNG.length });
    const preview = await s.admin.get(set.json().cover.url);
    expect(preview.statusCode).toBe(200);
    expect(preview.rawPayload.equals(PNG)).toBe(true);
    expect((await anonymous("GET", `/api/public/articles/${article.id}/cover`)).statusCode).toBe(404);
    await act(s.admin, article.id, "publish");
    const listed = (await anonymous("GET", `/api/public/articles/${article.id}`)).json();
    const image = await anonymous("GET", listed.coverUrl);
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.rawPayload.equals(PNG)).toBe(true);
    const removed = await s.admin.request("DELETE", `/api/articles/${article.id}/cover`);
    expect(removed.json().cover).toBeNull();
    expect((await anonymous("GET", `/api/public/articles/${article.id}`)).json().coverUrl).toBeNull();
  });
});

describe("the audit log", () => {
  it("records each change of an article with its title as the name", async () => {
    const article = await write(s.admin);
    await s.admin.request("PATCH", `/api/articles/${article.id}`, { summary: "新的摘要" });
    await s.admin.request("PUT", `/api/articles/${article.id}/cover`, PNG as unknown as object, { "content-type": "image/png" });
    await act(s.admin, article.id, "publish");
    await act(s.admin, article.id, "withdraw");
    const log = (await s.admin.get(`/api/audit?entityType=article&entityId=${article.id}`)).json();
    expect(log.items.map((e: { action: string }) => e.action).reverse()).toEqual(["article.create", "article.update", "article.cover_set", "article.publish", "article.withdraw"]);
    expect(log.items[0]).toMatchObject({ entityLabel: draft.title, actorName: expect.any(String) });
    // The other county's admin does not see these entries.
    expect((await s.otherAdmin.get(`/api/audit?entityType=article&entityId=${article.id}`)).json().items).toEqual([]);
  });
});

describe("service guides", () => {
  it("a guide's materials are the window's checklist at a region with its own settings, and its venues serve the region", async () => {
    const checklist = [
      { key: "id_card", name: "申请人身份证明", isRequired: true },
      { key: "income_proof", name: "本县经济困难证明（县里自定）", isRequired: true },
    ];
    const saved = await s.admin.request("PUT", `/api/settings/services/legal_aid?regionCode=${tree.counties[0]}`, {
      checklist,
      deadlines: [{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 5, unit: "working_days" }],
      isAutoDispatch: false,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const village = tree.villages[0][0][0];
    // The window takes a legal aid request in at that village: the checklist its ticket shows.
    const ticket = await s.window.request("POST", "/api/tickets", {
      channel: "window",
      serviceType: "legal_aid",
      category: "劳动争议",
      regionCode: village,
      applicant: { name: "李四" },
      description: "被拖欠工资，申请法律援助",
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const materials = (await s.window.get(`/api/tickets/${ticket.json().id}`)).json().materials.map(({ key, name, isRequired }: Record<string, unknown>) => ({ key, name, isRequired }));
    expect(materials).toEqual(checklist);

    const hall = await database.db.transaction((tx) => makeVenue(tx, tree.counties[0], { name: "测试县法律援助中心", address: "县城大道 1 号", phone: "0999-1234567", openingHours: "周一至周五 9:00-17:00", windows: [{ name: "法律援助窗口", services: ["legal_aid"] }] }));
    const noAid = await database.db.transaction((tx) => makeVenue(tx, tree.townships[0][0], { windows: [{ name: "调解窗口", services: ["mediation"] }] }));
    const elsewhere = await database.db.transaction((tx) => makeVenue(tx, tree.counties[1], { windows: [{ name: "法律援助窗口", services: ["legal_aid"] }] }));

    const guide = await anonymous("GET", `/api/public/guides/legal_aid?regionCode=${village}`);
    expect(guide.statusCode, guide.body).toBe(200);
    expect(guide.json()).toMatchObject({ serviceType: "legal_aid", fee: "free", materials: checklist, settingsSource: { regionCode: tree.counties[0] } });
    expect(guide.json().deadlines).toEqual([{ step: "accept", amount: 1, unit: "working_days" }, { step: "resolve", amount: 5, unit: "working_days" }]);
    const venueIds = guide.json().venues.map((v: { id: string }) => v.id);
    expect(venueIds).toContain(hall);
    expect(venueIds).not.toContain(noAid);
    expect(venueIds).not.toContain(elsewhere);
    const venue = guide.json().venues.find((v: { id: string }) => v.id === hall);
    expect(venue).toMatchObject({ phone: "0999-1234567", openingHours: "周一至周五 9:00-17:00", windows: ["法律援助窗口"] });
    expect(venue.mapUrl).toMatch(/^https:\/\/uri\.amap\.com\/search\?keyword=/);
    expect(decodeURIComponent(venue.mapUrl)).toContain("县城大道 1 号");

    // The other county keeps the shipped checklist.
    const other = (await anonymous("GET", `/api/public/guides/legal_aid?regionCode=${tree.villages[1][0][0]}`)).json();
    expect(other.settingsSource).toBe("default");
    expect(other.materials.map((m: { key: string }) => m.key)).toContain("hardship_declaration");
  });

  it("lists every service type, and answers bad input with a 4xx naming the field", async () => {
    const list = (await anonymous("GET", "/api/public/guides")).json();
    expect(list.items).toHaveLength(10);
    expect(list.items.find((g: { serviceType: string }) => g.serviceType === "notarization")).toMatchObject({ fee: "charged" });
    expect((await anonymous("GET", "/api/public/guides/teleportation")).json()).toMatchObject({ code: "VALIDATION_FAILED", field: "serviceType" });
    expect((await anonymous("GET", "/api/public/guides/mediation?regionCode=989999")).json()).toMatchObject({ code: "UNKNOWN_REGION", field: "regionCode" });
    expect((await anonymous("GET", "/api/public/guides/mediation?regionCode=abc")).statusCode).toBe(400);
  });

  it("public regions: the children of a node and a node's chain", async () => {
    const children = (await anonymous("GET", `/api/public/regions?parentCode=${tree.city}`)).json();
    expect(children.items.map((r: { code: string }) => r.code)).toEqual(tree.counties);
    const chain = (await anonymous("GET", `/api/public/regions/${tree.villages[0][0][0]}`)).json();
    expect(chain.chain.map((r: { code: string }) => r.code)).toEqual([tree.province, tree.city, tree.counties[0], tree.townships[0][0], tree.villages[0][0][0]]);
    expect((await anonymous("GET", "/api/public/regions/989999")).statusCode).toBe(404);
  });
});

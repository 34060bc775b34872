/**
 * The consultation assistant over HTTP, on a database holding a few real
 * statutes: a citizen's question → category and service type from its words,
 * the articles the search finds, next steps from the guide at their region and
 * the request form filled in; validation and the per-address limit; a language
 * model's draft against a fake OpenAI-compatible endpoint started here (grounded
 * in the retrieved articles, given up after the timeout); and the staff routes
 * beside a ticket, which follow the ticket's read rule.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import type { LlmConfig } from "../../src/server/platform/config.ts";
import { ASSISTANT_LIMITS } from "../../src/server/modules/assistant/assistant.routes.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, makeVenue, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn } from "../helpers/http.ts";
import { testAddress } from "../helpers/citizens.ts";
import { importLawTexts, SAMPLE_LAWS } from "../helpers/laws.ts";

// With the sample laws (test/helpers/laws.ts): an excerpt of a real statute, as LawRefBook writes it.
const ROAD_TRAFFIC_LAW = `# 中华人民共和国道路交通安全法

2003年10月28日 第十届全国人民代表大会常务委员会第五次会议通过

<!-- INFO END -->

## 第五章 交通事故处理

第七十条 在道路上发生交通事故，车辆驾驶人应当立即停车，保护现场；造成人身伤亡的，车辆驾驶人应当立即抢救受伤人员，并迅速报告执勤的交通警察或者公安机关交通管理部门。因抢救受伤人员变动现场的，应当标明位置。乘车人、过往车辆驾驶人、过往行人应当予以协助。

第七十五条 医疗机构对交通事故中的受伤人员应当及时抢救，不得因抢救费用未及时支付而拖延救治。肇事车辆参加机动车第三者责任强制保险的，由保险公司在责任限额范围内支付抢救费用；抢救费用超过责任限额的，未参加机动车第三者责任强制保险或者肇事后逃逸的，由道路交通事故社会救助基金先行垫付部分或者全部抢救费用，道路交通事故社会救助基金管理机构有权向交通事故责任人追偿。

第七十六条 机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在机动车第三者责任强制保险责任限额范围内予以赔偿；不足的部分，按照下列规定承担赔偿责任：
`;

const WAGES = "老板拖欠我三个月工资不给，我没钱请律师，怎么办？";
/** The ticket's description: the question, and a phone number that must not reach the model. */
const TICKET_TEXT = `${WAGES}我的电话13912345678。`;
const CRASH = "骑电动车被机动车撞了，对方司机肇事后逃逸，抢救费用谁出？";

let database: Database;
let tree: TestTree;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let ticketId: string;
let countyLawyer: string;
let otherCountyLawyer: string;
const apps: FastifyInstance[] = [];

/** The fake model: answers from the prompt it gets (citing its first article and one it was not given), or never. */
let fake: Server;
let fakeBase: string;
let fakeMode: "cite" | "never" = "cite";
const prompts: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  await importLawTexts(database, { ...SAMPLE_LAWS, "行政法/道路交通安全法(2021-04-29).md": ROAD_TRAFFIC_LAW });
  ({ app, clock } = await createTestApp(database, new Date("2030-05-06T09:00:00+08:00")));
  const [window, lawyer, outsider] = await database.db.transaction(async (tx) => {
    await makeVenue(tx, tree.counties[0], {
      name: "测试县法律援助中心",
      address: "县城大道 1 号",
      phone: "0999-1234567",
      openingHours: "周一至周五 9:00-17:00",
      windows: [{ name: "法律援助窗口", services: ["legal_aid"] }],
    });
    return [
      await makeStaff(tx, ["window"], tree.townships[0][0]),
      await makeStaff(tx, ["lawyer"], tree.counties[0]),
      await makeStaff(tx, ["lawyer"], tree.counties[1]),
    ];
  });
  countyLawyer = lawyer.username;
  otherCountyLawyer = outsider.username;
  const created = await (await signIn(app, window.username)).request("POST", "/api/tickets", {
    channel: "window",
    serviceType: "consultation",
    category: "劳动争议",
    regionCode: tree.townships[0][0],
    applicant: { name: "李桂兰", phone: "13912345678" },
    description: TICKET_TEXT,
  });
  expect(created.statusCode, created.body).toBe(201);
  ticketId = created.json().id;

  fake = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { messages: { role: string; content: string }[] };
      const prompt = body.messages.map((m) => m.content).join("\n");
      prompts.push(prompt);
      if (request.url !== "/v1/chat/completions" || fakeMode === "never") return;
      const first = /\[1\] 《([^》]+)》(第[^：]+条)/.exec(prompt);
      const content = first
        ? `依照《${first[1]}》${first[2]}，您可以主张权利。拒不支付的，还可能构成犯罪（《中华人民共和国刑法》第二百七十六条之一）。`
        : "无法回答。";
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content } }] }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  fakeBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const other of apps) await other.close();
  await app?.close();
  fake?.closeAllConnections();
  await new Promise((resolve) => fake?.close(resolve));
  await database?.close();
});

/** Another app on the same database, with a language model configured. */
async function appWithModel(llm: Partial<LlmConfig> = {}) {
  const built = (await createTestApp(database, new Date("2030-05-06T09:00:00+08:00"), { llm: { url: fakeBase, model: "fake", apiKey: "k", timeoutMs: 5_000, ...llm } })).app;
  apps.push(built);
  return built;
}

const ask = (body: unknown, on: FastifyInstance = app, remoteAddress = testAddress()) =>
  on.inject({ method: "POST", url: "/api/assistant/ask", payload: body as object, remoteAddress });

describe("POST /api/assistant/ask", () => {
  it("places two different questions in different categories, from their words, with the articles that apply", async () => {
    const wages = await ask({ question: WAGES });
    const crash = await ask({ question: CRASH });
    expect(wages.statusCode, wages.body).toBe(200);
    expect(crash.statusCode, crash.body).toBe(200);
    expect(wages.json()).toMatchObject({ category: "劳动争议", serviceType: "legal_aid", draft: null });
    expect(crash.json()).toMatchObject({ category: "交通事故", serviceType: "consultation", draft: null });
    expect(wages.json().articles.map((a: { lawTitle: string; articleNo: string }) => `${a.lawTitle}${a.articleNo}`)).toContain("中华人民共和国劳动合同法第三十条");
    expect(crash.json().articles[0]).toMatchObject({ lawTitle: "中华人民共和国道路交通安全法", articleNo: expect.stringMatching(/^第七十[五六]条$/), anchor: expect.any(String), lawId: expect.any(String) });
    expect(crash.json().articles.map((a: { lawTitle: string }) => a.lawTitle)).not.toContain("中华人民共和国劳动合同法");
  });

  it("says when it cannot tell, instead of a default category", async () => {
    const response = await ask({ question: "你好你好" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ category: null, serviceType: null, isUncertain: true, confidence: { category: 0 }, articles: [] });
    expect(response.json().nextSteps.map((s: { kind: string }) => s.kind)).toEqual(["describe_more", "hotline", "online_request"]);
  });

  it("legal aid at the person's region: eligibility, the window's checklist, the nearest center, the time limit, the form filled in", async () => {
    const response = await ask({ question: WAGES, regionCode: tree.villages[0][0][0] });
    const { nextSteps, prefill } = response.json();
    expect(prefill).toEqual({ serviceType: "legal_aid", category: "劳动争议", description: WAGES });
    const step = (kind: string) => nextSteps.find((s: { kind: string }) => s.kind === kind);
    expect(step("eligibility").title).toBe("您可能符合法律援助条件");
    expect(step("materials").materials).toContainEqual({ name: "申请人身份证明", isRequired: true });
    expect(step("venue")).toMatchObject({ title: "就近办理：测试县法律援助中心", venue: { address: "县城大道 1 号", phone: "0999-1234567" } });
    expect(step("time_limit").deadline).toEqual({ amount: 7, unit: "working_days" });
    const form = new URL(step("online_request").href, "http://portal");
    expect(form.pathname).toBe("/requests/new/legal_aid");
    expect(Object.fromEntries(form.searchParams)).toEqual({ category: "劳动争议", description: WAGES });
    expect(step("guide").href).toBe("/guides/legal_aid");
  });

  it.each([
    ["no question", {}, 400, "question"],
    ["a question of one character", { question: "问" }, 400, "question"],
    ["one character inside spaces", { question: "  问  " }, 400, "question"],
    ["only spaces", { question: "    " }, 400, "question"],
    ["a question over 1000 characters", { question: "问".repeat(1001) }, 400, "question"],
    ["a NUL character", { question: "工资\u0000被拖欠" }, 400, "question"],
    ["an unpaired surrogate", { question: "工资\ud800被拖欠" }, 400, "question"],
    ["a question that is not text", { question: 42 }, 400, "question"],
    ["an unknown field", { question: "工资被拖欠", colour: "red" }, 400, "colour"],
    ["a malformed region code", { question: "工资被拖欠", regionCode: "12" }, 400, "regionCode"],
    ["an unknown region", { question: "工资被拖欠", regionCode: "999999" }, 422, "regionCode"],
  ])("refuses %s naming the field", async (_label, body, status, field) => {
    const response = await ask(body);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().field).toBe(field);
  });

  it(`answers ${ASSISTANT_LIMITS.asksPerAddress.max} questions per address per window, then 429 with Retry-After until the window ends`, async () => {
    const address = testAddress();
    for (let i = 0; i < ASSISTANT_LIMITS.asksPerAddress.max; i++) expect((await ask({ question: "工资被拖欠" }, app, address)).statusCode).toBe(200);
    const refused = await ask({ question: "工资被拖欠" }, app, address);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(ASSISTANT_LIMITS.asksPerAddress.windowMs / 1000);
    expect(refused.json()).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfter: Number(refused.headers["retry-after"]) });
    // Another address is not held back, and this one is served again once the window is over.
    expect((await ask({ question: "工资被拖欠" })).statusCode).toBe(200);
    clock.advance(ASSISTANT_LIMITS.asksPerAddress.windowMs);
    expect((await ask({ question: "工资被拖欠" }, app, address)).statusCode).toBe(200);
  });
});

describe("with a language model", () => {
  it("drafts from the retrieved articles only: a citation of anything else is dropped, with its sentence", async () => {
    fakeMode = "cite";
    const response = await ask({ question: WAGES }, await appWithModel());
    expect(response.statusCode, response.body).toBe(200);
    const { draft, articles } = response.json();
    // The prompt carried the retrieved articles with their law and number.
    expect(prompts.at(-1)).toContain(`[1] 《${articles[0].lawTitle}》${articles[0].articleNo}：`);
    expect(draft).toEqual({
      text: `依照《${articles[0].lawTitle}》${articles[0].articleNo}，您可以主张权利。`,
      citations: [{ lawTitle: articles[0].lawTitle, articleNo: articles[0].articleNo }],
      isMachineDrafted: true,
    });
  });

  it("answers without a draft when the model does not answer in time", async () => {
    fakeMode = "never";
    const asked = prompts.length;
    const response = await ask({ question: WAGES }, await appWithModel({ timeoutMs: 300 }));
    expect(response.statusCode, response.body).toBe(200);
    expect(prompts.length).toBe(asked + 1);
    expect(response.json()).toMatchObject({ category: "劳动争议", draft: null });
    expect(response.json().articles.length).toBeGreaterThan(0);
    fakeMode = "cite";
  });

  it("does not ask the model when the search found nothing to ground a draft on", async () => {
    const asked = prompts.length;
    const response = await ask({ question: "你好你好" }, await appWithModel());
    expect(response.json().draft).toBeNull();
    expect(prompts.length).toBe(asked);
  });
});

describe("staff beside a ticket", () => {
  it("suggestions: the assistant's answer to the ticket's description, for staff who may read the ticket only", async () => {
    const reader = await signIn(app, countyLawyer);
    const response = await reader.get(`/api/tickets/${ticketId}/suggestions`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ category: "劳动争议", serviceType: "legal_aid", draft: null, prefill: { description: TICKET_TEXT } });
    // The next steps are at the matter's region: its county's center.
    expect(response.json().nextSteps.find((s: { kind: string }) => s.kind === "venue").title).toBe("就近办理：测试县法律援助中心");

    expect((await (await signIn(app, otherCountyLawyer)).get(`/api/tickets/${ticketId}/suggestions`)).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: `/api/tickets/${ticketId}/suggestions` })).statusCode).toBe(401);
    expect((await reader.get("/api/tickets/00000000-0000-4000-8000-000000000000/suggestions")).statusCode).toBe(404);
  });

  it("a draft for the ticket: none without a model (saying why), grounded with one, 404 for a ticket the staff member may not read", async () => {
    const without = await (await signIn(app, countyLawyer)).request("POST", "/api/assistant/draft", { ticketId });
    expect(without.statusCode).toBe(200);
    expect(without.json()).toEqual({ draft: null, reason: "not_configured" });

    const modelled = await appWithModel();
    fakeMode = "cite";
    const drafted = await (await signIn(modelled, countyLawyer)).request("POST", "/api/assistant/draft", { ticketId });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect(drafted.json()).toMatchObject({ reason: null, draft: { isMachineDrafted: true, citations: [{ lawTitle: expect.any(String), articleNo: expect.any(String) }] } });
    expect(drafted.json().draft.text).not.toContain("刑法");
    // The description went to the model, the phone number in it did not.
    expect(prompts.at(-1)).toContain(`${WAGES}我的电话[phone]。`);
    expect(prompts.at(-1)).not.toContain("13912345678");

    fakeMode = "never";
    const late = await (await signIn(await appWithModel({ timeoutMs: 300 }), countyLawyer)).request("POST", "/api/assistant/draft", { ticketId });
    expect(late.json()).toEqual({ draft: null, reason: "timeout" });
    fakeMode = "cite";

    const refused = await (await signIn(modelled, otherCountyLawyer)).request("POST", "/api/assistant/draft", { ticketId });
    expect(refused.statusCode).toBe(404);
    const malformed = await (await signIn(modelled, countyLawyer)).request("POST", "/api/assistant/draft", { ticketId: "nope" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe("ticketId");
  });
});

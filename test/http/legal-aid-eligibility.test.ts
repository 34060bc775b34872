/**
 * 法律援助 eligibility over HTTP (docs/legal-aid.md): the public self-check's
 * exact contract under the standard the province has in force on the date, each
 * rule linked to the law reader once the law is imported, validation naming the
 * field (never a 5xx), the per-address limit, and the province standards'
 * permission matrix: only an admin or leader of the whole province adds one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { systemActor } from "../../src/server/policies/actor.ts";
import { importRegions } from "../../src/server/modules/regions/commands/import-regions.ts";
import { LEGAL_AID_LIMITS } from "../../src/server/modules/legal-aid/legal-aid.routes.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { importLawTexts } from "../helpers/laws.ts";

/** The articles the answers cite, in the LawRefBook format (the corpus is not needed). */
const LEGAL_AID_LAW = `# 中华人民共和国法律援助法

2021年8月20日 第十三届全国人民代表大会常务委员会第三十次会议通过

<!-- INFO END -->

## 第三章  形式和范围

第三十一条 下列事项的当事人，因经济困难没有委托代理人的，可以向法律援助机构申请法律援助：

（四）请求给付赡养费、抚养费、扶养费；

第三十二条 有下列情形之一，当事人申请法律援助的，不受经济困难条件的限制：

（二）因见义勇为行为主张相关民事权益；

第三十四条 经济困难的标准，由省、自治区、直辖市人民政府根据本行政区域经济发展状况和法律援助工作需要确定，并实行动态调整。

## 第四章  程序和实施

第四十一条 因经济困难申请法律援助的，申请人应当如实说明经济困难状况。
`;

let database: Database;
let app: FastifyInstance;
let clock: Awaited<ReturnType<typeof createTestApp>>["clock"];
let tree: TestTree;
let s: Record<"provAdmin" | "provLeader" | "provWindow" | "cityAdmin" | "cityLeader" | "countyWindow" | "otherAdmin", Session>;
let address = 1;
/** Each test from an address of its own, so only the limit test meets the limit. */
const check = (body: unknown, from = `10.7.0.${address}`) => app.inject({ method: "POST", url: "/api/legal-aid/eligibility", payload: body as object, remoteAddress: from });
const standard = (over: Record<string, unknown> = {}) => ({
  provinceCode: "980000",
  effectiveFrom: "2026-01-01",
  incomeLinePerMember: 1800,
  extraMatters: [
    { key: "land_contract", label: "农村土地承包经营纠纷", isHardshipRequired: true },
    { key: "veteran_rights", label: "退役军人维护合法权益", isHardshipRequired: false },
  ],
  basis: "测试数据",
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, clock } = await createTestApp(database, new Date("2026-11-30T10:00:00+08:00")));
  const staff = await database.db.transaction(async (tx) => {
    tree = await buildRegionTree(tx, database);
    await importRegions(tx, systemActor("test"), "970000,乙省,,province", new Date());
    return {
      provAdmin: await makeStaff(tx, ["admin"], "980000"),
      provLeader: await makeStaff(tx, ["leader"], "980000"),
      provWindow: await makeStaff(tx, ["window"], "980000"),
      cityAdmin: await makeStaff(tx, ["admin"], tree.city),
      cityLeader: await makeStaff(tx, ["leader"], tree.city),
      countyWindow: await makeStaff(tx, ["window"], tree.counties[0]),
      otherAdmin: await makeStaff(tx, ["admin"], "970000"),
    };
  });
  s = Object.fromEntries(await Promise.all(Object.entries(staff).map(async ([k, a]) => [k, await signIn(app, a.username)]))) as typeof s;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("POST /api/legal-aid/eligibility", () => {
  it("before the province has a standard, a hardship matter is for the center to review; Art. 32 needs none", async () => {
    address++;
    const village = tree.villages[0][0][0];
    const response = await check({ matter: "support_payment", regionCode: village, applicant: { householdSize: 3, householdMonthlyIncome: 3000 } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ outcome: "needs_review", hardshipCheck: "required", standard: null, asOf: "2026-11-30" });
    expect(response.json().rules.map((r: { articleNo: string }) => r.articleNo)).toContain("第三十四条");
    expect((await check({ matter: "good_samaritan", regionCode: village })).json()).toMatchObject({ outcome: "eligible", hardshipCheck: "not_applicable", hardshipEvidence: "none" });
  });

  it("answers the exact contract under the province's standard: eligible, not eligible, needs review", async () => {
    address++;
    expect((await s.provAdmin.request("POST", "/api/legal-aid/standards", standard())).statusCode).toBe(201);
    const village = tree.villages[1][1][1];
    const eligible = await check({ matter: "support_payment", regionCode: village, applicant: { groups: [], householdSize: 3, householdMonthlyIncome: 5400 } });
    expect(eligible.statusCode, eligible.body).toBe(200);
    const body = eligible.json();
    expect(body).toMatchObject({ outcome: "eligible", hardshipCheck: "required", hardshipEvidence: "self_declaration", incomePerMember: 1800 });
    expect(body.standard).toEqual({ provinceCode: "980000", provinceName: "测试省", effectiveFrom: "2026-01-01", incomeLinePerMember: 1800, basis: "测试数据" });
    expect(Object.keys(body).sort()).toEqual(["asOf", "evidenceNote", "hardshipCheck", "hardshipEvidence", "incomePerMember", "outcome", "related", "rules", "standard"]);
    for (const rule of body.rules) {
      expect(rule.lawTitle).toBe("中华人民共和国法律援助法");
      expect(rule.articleNo).toMatch(/^第[一二三四五六七八九十]+条$/);
      expect(rule.explanation.length).toBeGreaterThan(10);
      expect(rule.anchor).toBe(rule.articleNo);
    }
    expect(body.rules.map((r: { articleNo: string }) => r.articleNo)).toEqual(["第三十一条", "第三十四条", "第四十一条"]);
    expect(body.evidenceNote).toContain("诚信承诺");

    expect((await check({ matter: "support_payment", regionCode: village, applicant: { householdSize: 3, householdMonthlyIncome: 5401 } })).json()).toMatchObject({ outcome: "not_eligible", hardshipCheck: "required" });
    expect((await check({ matter: "support_payment", regionCode: village })).json()).toMatchObject({ outcome: "needs_review", hardshipCheck: "required" });
    expect((await check({ matter: "support_payment", regionCode: village, applicant: { groups: ["social_assistance_recipient"] } })).json()).toMatchObject({ outcome: "eligible", hardshipCheck: "waived", hardshipEvidence: "group_proof" });
    const migrant = await check({ matter: "support_payment", regionCode: village, applicant: { groups: ["migrant_worker"], householdSize: 1, householdMonthlyIncome: 9000 } });
    expect(migrant.json()).toMatchObject({ outcome: "not_eligible", hardshipCheck: "required" });
    expect((await check({ matter: "personal_injury", injuryKind: "work_injury", regionCode: village, applicant: { groups: ["migrant_worker"], householdSize: 1, householdMonthlyIncome: 9000 } })).json()).toMatchObject({ outcome: "eligible", hardshipCheck: "waived" });
    // The province's own matters (Art. 31 (9), Art. 32 (5)) come from its standard.
    expect((await check({ matter: "land_contract", regionCode: village, applicant: { householdSize: 1, householdMonthlyIncome: 1000 } })).json()).toMatchObject({ outcome: "eligible", hardshipCheck: "required" });
    expect((await check({ matter: "veteran_rights", regionCode: village })).json()).toMatchObject({ outcome: "eligible", hardshipCheck: "not_applicable" });
    // The region code may be the province itself or any node below it.
    expect((await check({ matter: "veteran_rights", regionCode: "980000" })).statusCode).toBe(200);
  });

  it("applies the standard in force on the date: a new line from its effective date, asOf for what-if", async () => {
    address++;
    expect((await s.provLeader.request("POST", "/api/legal-aid/standards", standard({ effectiveFrom: "2027-01-01", incomeLinePerMember: 2500, extraMatters: [] }))).statusCode).toBe(201);
    const ask = { matter: "support_payment", regionCode: tree.city, applicant: { householdSize: 2, householdMonthlyIncome: 4400 } };
    expect((await check(ask)).json()).toMatchObject({ outcome: "not_eligible", standard: { effectiveFrom: "2026-01-01" } });
    expect((await check({ ...ask, asOf: "2027-01-01" })).json()).toMatchObject({ outcome: "eligible", standard: { effectiveFrom: "2027-01-01", incomeLinePerMember: 2500 }, asOf: "2027-01-01" });
    // The added matters are those of the standard in force: gone from 2027 on.
    expect((await check({ matter: "land_contract", regionCode: tree.city, asOf: "2027-02-01" })).statusCode).toBe(400);
    // Today in Beijing moves with the clock: at 00:30 on 1 January 2027 Beijing time (still 2026 in UTC).
    clock.set("2027-01-01T00:30:00+08:00");
    try {
      expect((await check(ask)).json()).toMatchObject({ outcome: "eligible", asOf: "2027-01-01" });
    } finally {
      clock.set("2026-11-30T10:00:00+08:00");
    }
    // The public reading for the form's matter picker.
    const reading = await app.inject({ method: "GET", url: `/api/legal-aid/standard?regionCode=${tree.villages[0][1][0]}`, remoteAddress: `10.7.0.${address}` });
    expect(reading.statusCode, reading.body).toBe(200);
    expect(reading.json()).toMatchObject({ standard: { incomeLinePerMember: 1800 }, extraMatters: [{ key: "land_contract" }, { key: "veteran_rights" }] });
  });

  it("links each rule to the law reader once the law is imported", async () => {
    address++;
    const report = await importLawTexts(database, { "行政法/法律援助法(2021-08-20).md": LEGAL_AID_LAW });
    expect(report.failed).toEqual([]);
    const body = (await check({ matter: "support_payment", regionCode: tree.city, applicant: { householdSize: 1, householdMonthlyIncome: 100 } })).json();
    const lawIds = new Set(body.rules.map((r: { lawId: string | null }) => r.lawId));
    expect(lawIds.size).toBe(1);
    const [lawId] = lawIds as Set<string>;
    expect(lawId).toMatch(/^[0-9a-f-]{36}$/);
    const law = (await app.inject({ method: "GET", url: `/api/laws/${lawId}`, remoteAddress: `10.7.0.${address}` })).json();
    const anchors = law.articles.map((a: { anchor: string }) => a.anchor);
    for (const rule of body.rules) expect(anchors).toContain(rule.anchor);
  });

  it("answers bad input with a 4xx naming the field, never a 5xx", async () => {
    address++;
    const good = { matter: "support_payment", regionCode: tree.city, applicant: { householdSize: 2, householdMonthlyIncome: 1000 } };
    const cases: [unknown, number, string][] = [
      [{ ...good, matter: "lottery_win" }, 400, "matter"],
      [{ ...good, matter: "Support Payment" }, 400, "matter"],
      [{ regionCode: tree.city }, 400, "matter"],
      [{ ...good, applicant: { householdSize: 2, householdMonthlyIncome: -1 } }, 400, "householdMonthlyIncome"],
      [{ ...good, applicant: { householdSize: 0, householdMonthlyIncome: 100 } }, 400, "householdSize"],
      [{ ...good, applicant: { householdSize: 1.5, householdMonthlyIncome: 100 } }, 400, "householdSize"],
      [{ ...good, applicant: { householdSize: 2, householdMonthlyIncome: "lots" } }, 400, "householdMonthlyIncome"],
      [{ ...good, applicant: { groups: ["rich"] } }, 400, "groups"],
      [{ ...good, applicant: { groups: ["migrant_worker", "migrant_worker"] } }, 400, "groups"],
      [{ ...good, injuryKind: "sunburn" }, 400, "injuryKind"],
      [{ ...good, regionCode: "abc" }, 400, "regionCode"],
      [{ ...good, regionCode: "970100" }, 404, "regionCode"],
      [{ ...good, asOf: "2026-13-01" }, 400, "asOf"],
      [{ ...good, asOf: "2026-02-30" }, 400, "asOf"],
      [{ ...good, asOf: "0000-01-01" }, 400, "asOf"],
      [{ ...good, surprise: 1 }, 400, "surprise"],
    ];
    for (const [body, status, field] of cases) {
      const response = await check(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.body, JSON.stringify(body)).toContain(field);
    }
    const garbled = await app.inject({ method: "POST", url: "/api/legal-aid/eligibility", payload: "{not json", headers: { "content-type": "application/json" }, remoteAddress: `10.7.0.${address}` });
    expect(garbled.statusCode).toBe(400);
  });

  it(`limits each address to ${LEGAL_AID_LIMITS.checksPerMinute.max} checks a minute, with Retry-After`, async () => {
    const from = "10.7.9.9";
    const body = { matter: "good_samaritan", regionCode: tree.city };
    for (let i = 0; i < LEGAL_AID_LIMITS.checksPerMinute.max; i++) expect((await check(body, from)).statusCode).toBe(200);
    const refused = await check(body, from);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await check(body, "10.7.9.10")).statusCode).toBe(200);
    clock.advance(LEGAL_AID_LIMITS.checksPerMinute.windowMs + 1000);
    expect((await check(body, from)).statusCode).toBe(200);
  });
});

describe("province standards: who reads, who adds", () => {
  it("staff of the province read its standards; only an admin or leader of the whole province may add (matrix)", async () => {
    const matrix: [keyof typeof s, number, number][] = [
      // who, GET status, POST status
      ["provAdmin", 200, 201],
      ["provLeader", 200, 201],
      ["provWindow", 200, 403],
      ["cityAdmin", 200, 403],
      ["cityLeader", 200, 403],
      ["countyWindow", 200, 403],
      ["otherAdmin", 404, 404],
    ];
    let day = 1;
    for (const [who, readStatus, addStatus] of matrix) {
      const list = await s[who].get("/api/legal-aid/standards?provinceCode=980000");
      expect(list.statusCode, `${who} reads`).toBe(readStatus);
      if (readStatus === 200) expect(list.json().abilities.add, `${who} abilities`).toBe(addStatus === 201);
      const added = await s[who].request("POST", "/api/legal-aid/standards", standard({ effectiveFrom: `2028-01-${String(day++).padStart(2, "0")}` }));
      expect(added.statusCode, `${who} adds: ${added.body}`).toBe(addStatus);
    }
    // The other province's admin manages their own.
    expect((await s.otherAdmin.request("POST", "/api/legal-aid/standards", standard({ provinceCode: "970000" }))).statusCode).toBe(201);
    expect((await s.otherAdmin.get("/api/legal-aid/standards")).json().province.code).toBe("970000");
    expect((await s.cityAdmin.get("/api/legal-aid/standards")).json().province.code).toBe("980000");
    const anonymous = await app.inject({ method: "GET", url: "/api/legal-aid/standards" });
    expect(anonymous.statusCode).toBe(401);
  });

  it("lists newest first and marks the one in force today", async () => {
    const body = (await s.countyWindow.get("/api/legal-aid/standards")).json();
    const dates = body.items.map((i: { effectiveFrom: string }) => i.effectiveFrom);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(body.items.filter((i: { isInForce: boolean }) => i.isInForce).map((i: { effectiveFrom: string }) => i.effectiveFrom)).toEqual(["2026-01-01"]);
  });

  it("refuses bad standards naming the field, and a second one for the same date", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ incomeLinePerMember: 0 }, 400, "incomeLinePerMember"],
      [{ incomeLinePerMember: -5 }, 400, "incomeLinePerMember"],
      [{ effectiveFrom: "1 January" }, 400, "effectiveFrom"],
      [{ effectiveFrom: "2027-02-29" }, 400, "effectiveFrom"],
      [{ effectiveFrom: "0000-01-01" }, 400, "effectiveFrom"],
      [{ provinceCode: "980100" }, 400, "provinceCode"],
      [{ provinceCode: "960000" }, 422, "provinceCode"],
      [{ basis: "   " }, 400, "basis"],
      [{ extraMatters: [{ key: "support_payment", label: "重复", isHardshipRequired: true }] }, 400, "extraMatters[0].key"],
      [{ extraMatters: [{ key: "Bad Key", label: "x", isHardshipRequired: true }] }, 400, "key"],
      [{ effectiveFrom: "2026-01-01" }, 409, "effectiveFrom"],
    ];
    for (const [over, status, field] of cases) {
      const response = await s.provAdmin.request("POST", "/api/legal-aid/standards", standard({ effectiveFrom: "2029-06-01", ...over }));
      expect(response.statusCode, `${JSON.stringify(over)}: ${response.body}`).toBe(status);
      expect(response.body).toContain(field);
    }
  });

  it("audits each standard added, in the province's region", async () => {
    const { rows } = await database.db.execute<{ action: string; region_path: string; actor_username: string }>(
      sql`select action, region_path, actor_username from audit_log where action = 'legal_aid.standard_add' order by seq`,
    );
    expect(rows.map((r) => r.region_path)).toEqual(["/980000/", "/980000/", "/980000/", "/980000/", "/970000/"]);
    expect(rows[0].actor_username).toBe(s.provAdmin.username);
  });
});

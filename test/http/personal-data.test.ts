/**
 * Personal data at rest (issue 6, item 10): no key in the database (a backup
 * must not carry the key that opens it), a key set later does not break reading
 * what an earlier key sealed (ticket lists answered 500), a value no key opens
 * shows a marker instead of failing the list, and the counterparty's phone is
 * sealed like the applicant's.
 */
import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/platform/db/index.ts";
import { createTestDatabase } from "../helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../helpers/factories.ts";
import { createTestApp, signIn, type Session } from "../helpers/http.ts";

const PHONE = "13812345678";
const ID_NUMBER = "11010519491231002X";
const COUNTERPARTY_PHONE = "13698765432";
const START = new Date("2026-11-20T10:00:00+08:00");

let database: Database;
let tree: TestTree;
const apps: FastifyInstance[] = [];
let windowUser: string;
let reviewerUser: string;

/** The format before key ids (v1), as the earlier version sealed and hashed. */
function legacySeal(key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}
const legacyHash = (key: Buffer, value: string) => createHmac("sha256", createHmac("sha256", key).update("santai/lookup").digest()).update(value).digest("base64url");

/** An app built with these variables in the environment (the keys are read when the app is built). */
async function appWithEnv(env: Record<string, string>) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const built = await createTestApp(database, START);
    apps.push(built.app);
    return built.app;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const walkIn = (overrides: Record<string, unknown> = {}) => ({
  channel: "window",
  serviceType: "consultation",
  category: "劳动争议",
  regionCode: tree.townships[0][0],
  applicant: { name: "张三", phone: PHONE, idNumber: ID_NUMBER },
  counterparty: { name: "某建筑公司", phone: COUNTERPARTY_PHONE, note: "项目经理" },
  description: "工地拖欠工资",
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase();
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  windowUser = (await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.counties[0]))).username;
  reviewerUser = (await database.db.transaction((tx) => makeStaff(tx, ["reviewer"], tree.counties[0]))).username;
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.close();
});

describe("keys stay out of the database", () => {
  let app: FastifyInstance;
  let window: Session;

  beforeAll(async () => {
    app = (await createTestApp(database, START)).app;
    apps.push(app);
    window = await signIn(app, windowUser);
    expect((await window.request("POST", "/api/tickets", walkIn())).statusCode).toBe(201);
  });

  it("after a start and a ticket with personal data, platform_secrets is empty", async () => {
    const { rows } = await database.pool.query("select * from platform_secrets");
    expect(rows).toEqual([]);
  });

  it("no table holds any key of the keyring (a backup of the database alone opens nothing)", async () => {
    const keys = [...app.ctx.keys.dataKeys, app.ctx.keys.audit].flatMap((k) => [k.key.toString("base64"), k.key.toString("hex"), k.key.toString("base64url")]);
    const { rows: tables } = await database.pool.query<{ name: string }>(
      "select quote_ident(table_name) as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    expect(tables.length).toBeGreaterThan(15);
    for (const { name } of tables) {
      const { rows } = await database.pool.query<{ row: string }>(`select t::text as row from ${name} t`);
      for (const { row } of rows) for (const key of keys) expect(row, `table ${name}`).not.toContain(key);
    }
  });

  it("the counterparty's phone is sealed in the database and shown masked", async () => {
    const { rows } = await database.pool.query<{ counterparty: string }>("select counterparty::text as counterparty from tickets");
    expect(rows.length).toBeGreaterThan(0);
    for (const { counterparty } of rows) {
      expect(counterparty).not.toContain(COUNTERPARTY_PHONE);
      expect(counterparty).toContain("某建筑公司");
    }
    const listed = (await window.get("/api/tickets?queue=all&limit=1")).json().items[0];
    expect(listed.counterparty).toEqual({ name: "某建筑公司", phone: "136****5432", note: "项目经理" });
  });
});

describe("a key set later (the scenario of the issue)", () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  let ticketId: string;

  beforeAll(async () => {
    // An install from before keys left the database: its generated key in platform_secrets,
    // a ticket and its message sealed under it in the old format, the counterparty's phone in clear.
    const seeding = await appWithEnv({ SANTAI_DATA_KEY: randomBytes(32).toString("base64") });
    const window = await signIn(seeding, windowUser);
    ticketId = (await window.request("POST", "/api/tickets", walkIn({ applicant: { name: "李四", phone: "13700001111", idNumber: ID_NUMBER } }))).json().id;
    await database.db.execute(sql`insert into platform_secrets (name, value) values ('data_key', ${oldKey.toString("base64")}) on conflict (name) do update set value = excluded.value`);
    await database.db.execute(sql`
      update tickets set
        applicant_phone_enc = ${legacySeal(oldKey, "13700001111")}, applicant_phone_hash = ${legacyHash(oldKey, "13700001111")},
        applicant_id_enc = ${legacySeal(oldKey, ID_NUMBER)}, applicant_id_hash = ${legacyHash(oldKey, ID_NUMBER)},
        counterparty = ${JSON.stringify({ name: "某公司", phone: COUNTERPARTY_PHONE })}::jsonb
      where id = ${ticketId}`);
    await database.db.execute(sql`update notifications set recipient = ${legacySeal(oldKey, "13700001111")} where ticket_id = ${ticketId}`);
  });

  it("with SANTAI_DATA_KEY set to a new key, lists still answer 200 and read the old rows", async () => {
    const app = await appWithEnv({ SANTAI_DATA_KEY: newKey.toString("base64") });
    const window = await signIn(app, windowUser);
    const list = await window.get("/api/tickets?queue=all&limit=200");
    expect(list.statusCode).toBe(200);
    const old = list.json().items.find((t: { id: string }) => t.id === ticketId);
    expect(old.applicant.phone).toBe("13700001111");
    expect(old.counterparty.phone).toBe("136****5432");
    // The old row's lookup hash was made with the old key: it is still found.
    const found = await window.get("/api/tickets?phone=13700001111");
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((t: { id: string }) => t.id)).toEqual([ticketId]);
    const reviewer = await signIn(app, reviewerUser);
    expect((await reviewer.get(`/api/tickets/${ticketId}`)).json().applicant.idNumber).toBe(ID_NUMBER);
    // New values are sealed under the new key, with its id.
    const fresh = (await window.request("POST", "/api/tickets", walkIn())).json();
    const { rows } = await database.pool.query<{ applicant_phone_enc: string }>("select applicant_phone_enc from tickets where id = $1", [fresh.id]);
    expect(rows[0].applicant_phone_enc).toMatch(new RegExp(`^v2\\.${app.ctx.keys.data.id}\\.`));
  });

  it("a value under a key this server does not have shows a marker; the list stays 200", async () => {
    const unknown = randomBytes(32);
    await database.db.execute(sql`update tickets set applicant_phone_enc = ${legacySeal(unknown, "13700001111")} where id = ${ticketId}`);
    try {
      const app = await appWithEnv({ SANTAI_DATA_KEY: newKey.toString("base64") });
      const window = await signIn(app, windowUser);
      const list = await window.get("/api/tickets?queue=all&limit=200");
      expect(list.statusCode).toBe(200);
      expect(list.json().items.find((t: { id: string }) => t.id === ticketId).applicant.phone).toBe("（无法解密）");
      const detail = await window.get(`/api/tickets/${ticketId}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().applicant.phone).toBe("（无法解密）");
      expect((await window.get("/api/tickets/export.xlsx?queue=all")).statusCode).toBe(200);
    } finally {
      await database.db.execute(sql`update tickets set applicant_phone_enc = ${legacySeal(oldKey, "13700001111")} where id = ${ticketId}`);
    }
  });
});

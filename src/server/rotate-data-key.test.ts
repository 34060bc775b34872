/**
 * `santai rotate-data-key` on a real database (the embedded one, or a server
 * with DATABASE_URL): every sealed value re-sealed under a new key with its
 * lookup hash, the key an earlier version kept in the database moved out, a run
 * again does nothing, an interrupted rotation is continued rather than begun
 * anew, and nothing is retired while a value cannot be opened.
 */
import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Database } from "./platform/db/index.ts";
import { loadConfig } from "./platform/config.ts";
import { fixedClock } from "./platform/clock.ts";
import { generateKey, openKeyring, readKeyFile, resolveKeySettings, writeKeyFile, type KeySettings } from "./platform/keys.ts";
import { createProtector } from "./platform/personal/protect.ts";
import { buildApp } from "./app.ts";
import { rotateDataKey } from "./rotate-data-key.ts";
import { createTestDatabase } from "../../test/helpers/database.ts";
import { buildRegionTree, makeStaff, type TestTree } from "../../test/helpers/factories.ts";
import { signIn, type Session } from "../../test/helpers/http.ts";
import { requestOneTimeCode, signInCitizen } from "../../test/helpers/citizens.ts";

const START = new Date("2026-11-20T10:00:00+08:00");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR 身份证扫描件")]);

let database: Database;
let tree: TestTree;
let dataDir: string;
let settings: KeySettings;
const config = () => loadConfig({}, { dataDir, webRoot: null, databaseUrl: null });
const apps: FastifyInstance[] = [];
const legacyKey = randomBytes(32);
let usernames: { window: string; reviewer: string; admin: string };
const ids: Record<string, string> = {};

function legacySeal(key: Buffer, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}
const legacyHash = (key: Buffer, value: string) => createHmac("sha256", createHmac("sha256", key).update("santai/lookup").digest()).update(value).digest("base64url");

/** The app on this database and data directory, with the keys as the key file holds them now. */
async function startApp(): Promise<FastifyInstance> {
  const keys = await openKeyring(settings, database, dataDir);
  const app = await buildApp({ config: config(), database, clock: fixedClock(START), keys });
  apps.push(app);
  return app;
}

const sealedColumns = async () =>
  (
    await database.db.execute<{ phone: string | null; id_number: string | null; counterparty: Record<string, string> | null; phone_hash: string | null }>(
      sql`select applicant_phone_enc as phone, applicant_id_enc as id_number, counterparty, applicant_phone_hash as phone_hash from tickets`,
    )
  ).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), "santai-rotate-"));
  settings = resolveKeySettings({ dataDir, databaseUrl: null }, {});
  tree = await database.db.transaction((tx) => buildRegionTree(tx, database));
  const window = await database.db.transaction((tx) => makeStaff(tx, ["window"], tree.counties[0]));
  const reviewer = await database.db.transaction((tx) => makeStaff(tx, ["reviewer"], tree.counties[0]));
  const admin = await database.db.transaction((tx) => makeStaff(tx, ["admin"], tree.city));
  usernames = { window: window.username, reviewer: reviewer.username, admin: admin.username };

  // An install from before keys left the database: its key in platform_secrets.
  await database.db.execute(sql`insert into platform_secrets (name, value) values ('data_key', ${legacyKey.toString("base64")})`);
  const app = await startApp();
  const s = await signIn(app, usernames.window);
  const ticket = (phone: string) => ({
    channel: "window",
    serviceType: "legal_aid",
    category: "劳动争议",
    regionCode: tree.townships[0][0],
    applicant: { name: "张三", phone, idNumber: "11010519491231002X" },
    counterparty: { name: "某公司", phone: "13698765432" },
    description: "申请法律援助",
  });
  ids.current = (await s.request("POST", "/api/tickets", ticket("13812345678"))).json().id;
  ids.legacy = (await s.request("POST", "/api/tickets", ticket("13700001111"))).json().id;
  // The second as the earlier version left it: sealed in the old format under the legacy key, the counterparty's phone in clear.
  await database.db.execute(sql`
    update tickets set applicant_phone_enc = ${legacySeal(legacyKey, "13700001111")}, applicant_phone_hash = ${legacyHash(legacyKey, "13700001111")},
      applicant_id_enc = ${legacySeal(legacyKey, "11010519491231002X")}, applicant_id_hash = ${legacyHash(legacyKey, "11010519491231002X")},
      counterparty = ${JSON.stringify({ name: "某公司", phone: "13698765432" })}::jsonb
    where id = ${ids.legacy}`);
  const upload = await s.request("POST", `/api/tickets/${ids.current}/attachments?fileName=id.png`, PNG as unknown as object, { "content-type": "image/png" });
  expect(upload.statusCode).toBe(201);
  ids.attachment = upload.json().id;
  const admin_ = await signIn(app, usernames.admin);
  expect((await admin_.request("POST", "/api/upstream-clients", { name: "省平台", regionCode: tree.counties[0] })).statusCode).toBe(201);
  // A citizen of the portal with a name and an ID number on their profile.
  const citizen = await signInCitizen(app, "13900002222");
  expect((await citizen.request("PATCH", "/api/portal/me", { name: "卓玛", idNumber: "11010519491231002X" })).statusCode).toBe(200);
  ids.citizen = citizen.citizenId;
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("rotate-data-key", () => {
  let firstKeyId: string;

  it("the key an earlier version kept in the database moved to the key file on start", async () => {
    expect((await database.pool.query("select * from platform_secrets")).rows).toEqual([]);
    const file = readKeyFile(join(dataDir, "keys.json"))!;
    expect(file.data!.retired).toEqual([legacyKey.toString("base64")]);
    firstKeyId = (await openKeyring(settings, database, dataDir)).data.id;
  });

  it("re-seals every value under a new key, with its lookup hash; retires the old key and keeps it", async () => {
    const report = await rotateDataKey(database, settings, config(), { isNewKey: true, isForgettingRetired: false });
    expect(report.isNewKey).toBe(true);
    expect(report.isComplete).toBe(true);
    expect(report.keyId).not.toBe(firstKeyId);
    expect(report.tickets).toEqual({ resealed: 2, current: 0, unreadable: 0 });
    expect(report.upstreamClients).toEqual({ resealed: 1, current: 0, unreadable: 0 });
    expect(report.attachments).toEqual({ resealed: 1, current: 0, unreadable: 0, missing: 0 });
    expect(report.notifications.resealed).toBeGreaterThanOrEqual(2);
    expect(report.citizens).toEqual({ resealed: 1, current: 0, unreadable: 0 });

    const file = readKeyFile(join(dataDir, "keys.json"))!;
    expect(file.rotation).toBeUndefined();
    const keys = await openKeyring(settings, database, dataDir);
    expect(keys.data.id).toBe(report.keyId);
    expect(keys.dataKeys.map((k) => k.id).slice(1)).toEqual(report.retiredKeyIds);
    expect(report.retiredKeyIds).toContain(firstKeyId);

    const protector = createProtector(keys);
    for (const row of await sealedColumns()) {
      if (!row.phone) continue;
      expect(row.phone.startsWith(`v2.${report.keyId}.`)).toBe(true);
      expect(row.id_number!.startsWith(`v2.${report.keyId}.`)).toBe(true);
      expect(row.phone_hash).toBe(protector.lookupHash(protector.decrypt(row.phone)));
      // The counterparty's phone, in clear before, is sealed now.
      expect(Object.keys(row.counterparty!).sort()).toEqual(["name", "phoneEnc"]);
      expect(row.counterparty!.phoneEnc.startsWith(`v2.${report.keyId}.`)).toBe(true);
    }
    const { rows } = await database.pool.query<{ recipient: string }>("select recipient from notifications");
    expect(rows.every((r) => r.recipient.startsWith(`v2.${report.keyId}.`))).toBe(true);
    const file_ = readFileSync(join(dataDir, "attachments", ids.current, ids.attachment));
    expect(file_.subarray(0, 26).toString("latin1")).toBe(`SANTAI-SEALED-v2.${report.keyId}.`);
  });

  it("the app reads everything back, and finds the person by phone and ID number under the new hashes", async () => {
    const app = await startApp();
    const window: Session = await signIn(app, usernames.window);
    expect((await window.get(`/api/tickets/${ids.legacy}`)).json().applicant.phone).toBe("13700001111");
    expect((await window.get("/api/tickets?phone=13700001111")).json().items.map((t: { id: string }) => t.id)).toEqual([ids.legacy]);
    const reviewer = await signIn(app, usernames.reviewer);
    expect((await reviewer.get("/api/tickets?idNumber=11010519491231002X")).json().total).toBe(2);
    const download = await window.get(`/api/attachments/${ids.attachment}`);
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
    // The citizen signs in again by the same phone (its hash remade under the new key): the same citizen, profile intact.
    const code = await requestOneTimeCode(app, "13900002222");
    const again = await app.inject({ method: "POST", url: "/api/portal/auth/sign-in", payload: { phone: "13900002222", code } });
    expect(again.json()).toMatchObject({ isNew: false, citizen: { id: ids.citizen, name: "卓玛", idNumber: "110105********002X" } });
  });

  it("a run again finds nothing to do", async () => {
    const report = await rotateDataKey(database, settings, config(), { isNewKey: false, isForgettingRetired: false });
    expect(report.tickets).toEqual({ resealed: 0, current: 2, unreadable: 0 });
    expect(report.attachments).toEqual({ resealed: 0, current: 1, unreadable: 0, missing: 0 });
  });

  it("an interrupted rotation is continued, not begun again with yet another key", async () => {
    // As a run leaves the file when stopped after making its key, before re-sealing.
    const path = join(dataDir, "keys.json");
    const file = readKeyFile(path)!;
    const next = generateKey();
    writeKeyFile(path, { ...file, data: { current: next.key.toString("base64"), retired: [file.data!.current!, ...file.data!.retired] }, rotation: { to: next.id, startedAt: START.toISOString() } });
    const messages: string[] = [];
    const report = await rotateDataKey(database, settings, config(), { isNewKey: true, isForgettingRetired: false, log: (m) => messages.push(m) });
    expect(messages[0]).toContain(`Continuing the rotation to key ${next.id}`);
    expect(report.isNewKey).toBe(false);
    expect(report.keyId).toBe(next.id);
    expect(report.tickets).toEqual({ resealed: 2, current: 0, unreadable: 0 });
    expect(readKeyFile(path)!.rotation).toBeUndefined();
  });

  it("a value no key opens: counted, and nothing is retired or forgotten", async () => {
    const foreign = legacySeal(randomBytes(32), "13700001111");
    const { rows } = await database.pool.query<{ applicant_phone_enc: string }>("select applicant_phone_enc from tickets where id = $1", [ids.legacy]);
    await database.pool.query("update tickets set applicant_phone_enc = $1 where id = $2", [foreign, ids.legacy]);
    try {
      const path = join(dataDir, "keys.json");
      const retiredBefore = readKeyFile(path)!.data!.retired;
      const report = await rotateDataKey(database, settings, config(), { isNewKey: true, isForgettingRetired: true });
      expect(report.isComplete).toBe(false);
      expect(report.tickets.unreadable).toBe(1);
      expect(report.forgottenKeyIds).toEqual([]);
      const after = readKeyFile(path)!;
      // The new key's rotation stays open, to be continued once the missing key is added.
      expect(after.rotation?.to).toBe(report.keyId);
      expect(after.data!.retired.slice(1)).toEqual(retiredBefore);
    } finally {
      await database.pool.query("update tickets set applicant_phone_enc = $1 where id = $2", [rows[0].applicant_phone_enc, ids.legacy]);
    }
    const finished = await rotateDataKey(database, settings, config(), { isNewKey: true, isForgettingRetired: true });
    expect(finished.isComplete).toBe(true);
    expect(finished.isNewKey).toBe(false);
    expect(finished.forgottenKeyIds.length).toBeGreaterThanOrEqual(3);
    expect(readKeyFile(join(dataDir, "keys.json"))!.data!.retired).toEqual([]);
    const app = await startApp();
    const window = await signIn(app, usernames.window);
    expect((await window.get(`/api/tickets/${ids.legacy}`)).json().applicant.phone).toBe("13700001111");
  });
});

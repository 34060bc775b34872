import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildKeyring, ensureKeyFile, KeyConfigError, keyIdOf, parseKey, readKeyFile, resolveKeySettings } from "./keys.ts";

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "santai-keyring-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const b64 = () => randomBytes(32).toString("base64");
const embedded = (dataDir: string | null) => ({ dataDir, databaseUrl: null });
const server = { dataDir: "/var/lib/santai", databaseUrl: "postgres://santai@db/santai" };

describe("key ids", () => {
  it("are the first 8 hex digits of SHA-256('santai-key-id' ‖ key): stable, and not the key's own hash", () => {
    const key = Buffer.alloc(32, 9);
    expect(keyIdOf(key)).toBe(createHash("sha256").update(Buffer.concat([Buffer.from("santai-key-id"), key])).digest("hex").slice(0, 8));
    expect(keyIdOf(key)).not.toBe(createHash("sha256").update(key).digest("hex").slice(0, 8));
    expect(keyIdOf(Buffer.alloc(32, 9))).toBe(keyIdOf(key));
  });
});

describe("where the keys come from", () => {
  it("a malformed key names its variable", () => {
    expect(() => resolveKeySettings(embedded(null), { SANTAI_DATA_KEY: "c2hvcnQ=" })).toThrow("SANTAI_DATA_KEY must be base64 of 32 random bytes");
    expect(() => resolveKeySettings(embedded(null), { SANTAI_DATA_KEYS_RETIRED: `${b64()},nonsense!` })).toThrow("SANTAI_DATA_KEYS_RETIRED (key 2)");
    expect(() => parseKey("", "SANTAI_AUDIT_KEY")).toThrow(KeyConfigError);
  });

  it("on a PostgreSQL server without keys: refuses, saying what to set", () => {
    expect(() => resolveKeySettings(server, {})).toThrow(/SANTAI_DATA_KEY and SANTAI_AUDIT_KEY.*SANTAI_KEY_FILE/);
    expect(() => resolveKeySettings(server, { SANTAI_DATA_KEY: b64() })).toThrow(/set SANTAI_AUDIT_KEY \(/);
  });

  it("on a server: both keys from the environment, or a key file named by SANTAI_KEY_FILE", () => {
    const fromEnv = resolveKeySettings(server, { SANTAI_DATA_KEY: b64(), SANTAI_AUDIT_KEY: b64() });
    expect(fromEnv).toMatchObject({ file: null, isFileNeeded: false, isEphemeral: false });
    const fromFile = resolveKeySettings(server, { SANTAI_KEY_FILE: "/etc/santai/keys.json" });
    expect(fromFile).toMatchObject({ file: "/etc/santai/keys.json", isFileNeeded: true, isEphemeral: false });
  });

  it("embedded: <dataDir>/keys.json by default; in memory, keys made for the process", () => {
    expect(resolveKeySettings(embedded("/srv/santai"), {})).toMatchObject({ file: "/srv/santai/keys.json", isFileNeeded: true });
    expect(resolveKeySettings(embedded(null), {})).toMatchObject({ file: null, isEphemeral: true });
  });
});

describe("the key file", () => {
  it("is made on first start with mode 0600 in a 0700 directory, and read back the same", () => {
    const dataDir = join(newDir(), "data");
    const settings = resolveKeySettings(embedded(dataDir), {});
    const file = ensureKeyFile(settings, dataDir)!;
    const path = join(dataDir, "keys.json");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readKeyFile(path)).toMatchObject({ data: file.data, audit: file.audit });
    const again = ensureKeyFile(settings, dataDir)!;
    expect(again.data).toEqual(file.data);
    const ring = buildKeyring(settings, again);
    expect(ring.data.key.toString("base64")).toBe(file.data!.current);
    expect(ring.audit.key.toString("base64")).toBe(file.audit);
    expect(ring.data.id).not.toBe(ring.audit.id);
  });

  it("a file other users may read is refused", () => {
    const dir = newDir();
    const path = join(dir, "keys.json");
    writeFileSync(path, JSON.stringify({ audit: b64() }), { mode: 0o644 });
    chmodSync(path, 0o644);
    expect(() => readKeyFile(path)).toThrow(/readable by other users \(mode 644\): `chmod 600/);
  });

  it("the environment wins per kind; the file's keys still open what they sealed", () => {
    const dataDir = newDir();
    const first = ensureKeyFile(resolveKeySettings(embedded(dataDir), {}), dataDir)!;
    const envKey = b64();
    const settings = resolveKeySettings(embedded(dataDir), { SANTAI_DATA_KEY: envKey });
    const ring = buildKeyring(settings, ensureKeyFile(settings, dataDir));
    expect(ring.data.key.toString("base64")).toBe(envKey);
    expect(ring.dataKeys.map((k) => k.key.toString("base64"))).toEqual([envKey, first.data!.current]);
    expect(ring.audit.key.toString("base64")).toBe(first.audit);
  });

  it("the environment giving everything needs no file, and makes none", () => {
    const dataDir = newDir();
    const settings = resolveKeySettings(embedded(dataDir), { SANTAI_DATA_KEY: b64(), SANTAI_AUDIT_KEY: b64() });
    expect(ensureKeyFile(settings, dataDir)).toBeNull();
    expect(() => readFileSync(join(dataDir, "keys.json"))).toThrow(/ENOENT/);
  });
});

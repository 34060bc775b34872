/**
 * `santai verify-audit` (docs/audit-trail.md): a summary, exit 0 on an intact
 * trail and 1 on a tampered one — here an audit log entry edited in SQL by
 * someone with access to the database files but not the key file's key.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/platform/db/index.ts";

const BIN = join(process.cwd(), "bin/santai.js");
const dir = mkdtempSync(join(tmpdir(), "santai-verify-"));
const env = { ...process.env, SANTAI_DATA_DIR: dir, DATABASE_URL: "", SANTAI_DEMO_HISTORY: "0", SANTAI_AUDIT_KEY: "", SANTAI_KEY_FILE: "" };
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 300_000 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("santai verify-audit", () => {
  it("passes on an intact trail and fails, naming the entry, on a tampered one", async () => {
    const seeded = run("seed", "--demo");
    expect(seeded.status, seeded.stderr).toBe(0);

    const intact = run("verify-audit");
    expect(intact.status, intact.stdout + intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/Audit log: \d+ entries checked, intact/);
    expect(intact.stdout).toContain("The audit trail verifies.");

    // The insider: the database files, triggers off, one entry's action rewritten.
    const database = await openDatabase({ databaseUrl: null, dataDir: dir });
    try {
      const client = await database.pool.connect();
      try {
        await client.query("begin");
        await client.query("set local session_replication_role = replica");
        await client.query("update audit_log set action = 'account.view' where seq = 2");
        await client.query("commit");
      } finally {
        client.release();
      }
    } finally {
      await database.close();
    }

    const tampered = run("verify-audit");
    expect(tampered.status, tampered.stdout + tampered.stderr).toBe(1);
    expect(tampered.stdout).toContain("BROKEN audit log at seq 2: content");
    expect(tampered.stdout).toContain("The audit trail does NOT verify.");
    // `seed --demo` waits for the whole lived-in demo (two months of tickets): 38 s in the CI check's PostgreSQL phase.
  }, 180_000);
});

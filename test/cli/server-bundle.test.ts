/**
 * The compiled server (scripts/build-server.mjs, which `npm start` runs): built into a
 * directory of its own, it serves on a new data directory — so the files its modules find
 * through import.meta.url (the embedded database's worker, the migrations, the Chinese labels)
 * are found from the bundle — and stops cleanly on Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";

const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("the compiled server", () => {
  it("builds, serves on a new data directory from the bundle, and stops on SIGINT", async () => {
    const dir = mkdtempSync(join(tmpdir(), "santai-bundle-"));
    dirs.push(dir);
    // Inside the checkout, where the bundle's packages (node_modules) are found, as for dist/server.
    mkdirSync("dist", { recursive: true });
    const outdir = mkdtempSync(join(process.cwd(), "dist", "server-test-"));
    dirs.push(outdir);
    const built = spawnSync(process.execPath, ["scripts/build-server.mjs", "--outdir", outdir], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    expect(existsSync(join(outdir, "main.js"))).toBe(true);

    const port = await freePort();
    const env = { ...process.env, SANTAI_DATA_DIR: join(dir, "data"), PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: "", SANTAI_DEMO_HISTORY: "0", SANTAI_LOG: "0" };
    const child = spawn(process.execPath, [join(outdir, "main.js"), "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    // The server says when it listens; then health answers from the migrated embedded database.
    await new Promise<void>((resolve, reject) => {
      const check = () => (output.includes("Santai is running on") ? resolve() : undefined);
      child.stdout!.on("data", check);
      child.stderr!.on("data", check);
      void exited.then((code) => reject(new Error(`the bundle exited (${code}) before listening:\n${output}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status, output).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "embedded" });
    // A demo account's sign-in goes through the app's modules (and their Chinese labels).
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: "santai-demo" }) });
    expect(login.status, output).toBe(200);

    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});

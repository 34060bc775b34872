/**
 * `santai import-laws` as an operator runs it (docs/laws.md): a LawRefBook folder
 * or a JSONL file into the embedded database, progress on stderr, the report on
 * stdout, exit 1 when something could not be imported; and `serve` loading the
 * core set on first start.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/platform/db/index.ts";

const BIN = join(process.cwd(), "bin/santai.js");
const FIXTURES = join(process.cwd(), "test/fixtures/laws/lawrefbook");
const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const dataDir = tempDir("santai-import-laws-");
const env = { ...process.env, SANTAI_DATA_DIR: dataDir, DATABASE_URL: "", SANTAI_DEMO_HISTORY: "0", SANTAI_AUDIT_KEY: "", SANTAI_KEY_FILE: "" };
// Each command starts the embedded database (seconds, far more on a busy machine): generous timeouts.
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 300_000 });

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function countLaws(dir: string): Promise<{ laws: number; current: number }> {
  const database = await openDatabase({ databaseUrl: null, dataDir: dir });
  try {
    const { rows } = await database.pool.query<{ laws: number; current: number }>("select count(*)::int as laws, count(*) filter (where is_current)::int as current from laws");
    return rows[0];
  } finally {
    await database.close();
  }
}

describe("santai import-laws", () => {
  it("is in the help, and says what it needs", () => {
    const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(help.stdout).toContain("import-laws DIR");
    expect(help.stdout).toContain("--jsonl FILE");
    const bare = run("import-laws");
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain("import-laws needs a LawRefBook folder, or --jsonl FILE");
  }, 300_000);

  it("imports a folder with progress and a report, and a second time finds everything unchanged", () => {
    const first = run("import-laws", FIXTURES);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stderr).toContain(`Reading ${FIXTURES}…`);
    expect(first.stderr).toMatch(/^ {2}stored 8\/8 \(100 %\) in [\d.]+ s$/mu);
    expect(first.stdout).toMatch(/^Imported 8 of 8 files in [\d.]+ s: 8 created, 0 updated, 0 unchanged; \d+ articles stored; \d+ dictionary terms\.$/mu);
    expect(first.stdout).toContain("Notes (1):\n  司法解释/最高人民法院关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的批复.md: no numbered article: indexed as one passage (全文)");

    const second = run("import-laws", FIXTURES);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/: 0 created, 0 updated, 8 unchanged; 0 articles stored;/u);
  }, 300_000);

  it("lists every file it could not import, imports the rest, and exits 1", async () => {
    const dir = tempDir("santai-lawrefbook-");
    cpSync(FIXTURES, dir, { recursive: true });
    mkdirSync(join(dir, "其他"));
    writeFileSync(join(dir, "其他/无标题(2020-01-01).md"), "第一条 没有标题行的文本。\n");
    writeFileSync(join(dir, "民法商法/新法(2024-01-01).md"), "# 中华人民共和国新法\n\n2024年1月1日 施行\n\n<!-- INFO END -->\n\n第一条 为了测试导入，制定本法。\n");
    const result = run("import-laws", dir);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^Imported 9 of 10 files in [\d.]+ s: 1 created, 0 updated, 8 unchanged;/mu);
    expect(result.stdout).toContain("Could not import 1 file:\n  其他/无标题(2020-01-01).md: no `# title` line");
    expect(await countLaws(dataDir)).toEqual({ laws: 9, current: 8 });
  }, 300_000);

  it("imports JSONL, naming each bad line by number and field", () => {
    const file = join(tempDir("santai-jsonl-"), "laws.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({ id: "l-1", title: "某市养犬管理条例", level: "local_regulation", regionCode: "410100", publishedOn: "2020-06-01", articles: [{ articleNo: "第一条", body: "为了规范养犬行为，制定本条例。", headings: ["第一章 总则"] }] }),
        JSON.stringify({ id: "l-2", title: "某市物业管理条例", level: "regulation", articles: [{ articleNo: "第一条", body: "为了规范物业管理，制定本条例。" }] }),
        "{broken",
      ].join("\n"),
    );
    const result = run("import-laws", "--jsonl", file);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^Imported 1 of 3 lines in [\d.]+ s: 1 created, 0 updated, 0 unchanged;/mu);
    expect(result.stdout).toContain(`Could not import 2 lines:\n  ${file}:2: level: must be one of`);
    expect(result.stdout).toMatch(new RegExp(`\\n  ${file.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}:3: not JSON: `, "u"));
  }, 300_000);

  it("refuses a path that is not there", () => {
    const result = run("import-laws", join(dataDir, "no-such-folder"));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("does not exist");
  }, 300_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("santai serve on a new data directory", () => {
  it("answers first and loads the core laws in the background; a restart does not load them again", async () => {
    const dir = tempDir("santai-serve-laws-");
    const start = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [BIN, "serve"], { env: { ...env, SANTAI_DATA_DIR: dir, PORT: String(port), SANTAI_LOG: "0" }, stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      let output = "";
      const waiters: { pattern: RegExp; resolve: () => void }[] = [];
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        for (const w of waiters.splice(0)) if (w.pattern.test(output)) w.resolve();
        else waiters.push(w);
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      /** Resolves once the server has printed a line matching `pattern` (or rejects when it exits first). */
      const printed = (pattern: RegExp) =>
        Promise.race([
          new Promise<void>((resolve) => (pattern.test(output) ? resolve() : waiters.push({ pattern, resolve }))),
          exited.then(() => {
            if (!pattern.test(output)) throw new Error(`the server exited before printing ${pattern}: ${output}`);
          }),
        ]);
      return { child, exited, printed, output: () => output };
    };

    const first = await start();
    await first.printed(/^Santai is running on /mu);
    await first.printed(/^Core laws ready: \d+ laws, \d+ articles in [\d.]+ s/mu);
    // Running before the laws were loaded: the server did not wait for them.
    expect(first.output().indexOf("Santai is running on")).toBeLessThan(first.output().indexOf("Core laws ready"));
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    const { laws, current } = await countLaws(dir);
    expect(laws).toBeGreaterThan(80);
    expect(current).toBe(laws);

    const second = await start();
    await second.printed(/^Santai is running on /mu);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
    expect(second.output()).not.toMatch(/core laws/iu);
  }, 300_000);
});

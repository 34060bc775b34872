import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeLock } from "./embedded.ts";

// The lock's liveness check reads /proc, so these cases are Linux's; elsewhere
// the lock falls back to kill(pid, 0).
const onLinux = describe.runIf(process.platform === "linux");

const children: ChildProcess[] = [];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "santai-lock-"));
});

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const stat = (pid: number) => {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], startTime: fields[19] };
};

/** Reads a line "<name>=<value>" that a child prints. */
function lineFrom(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve) => {
    let output = "";
    child.stdout!.on("data", (d) => {
      output += d;
      const match = new RegExp(`^${name}=(\\S+)$`, "m").exec(output);
      if (match) resolve(match[1]);
    });
  });
}

async function waitForState(pid: number, state: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (stat(pid).state !== state) {
    if (Date.now() > deadline) throw new Error(`process ${pid} never reached state ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until process `pid` runs `command` (its /proc comm), as after an exec. */
async function waitForCommand(pid: number, command: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== command) {
    if (Date.now() > deadline) throw new Error(`process ${pid} never became ${command}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A live process that is not Santai, standing in for whoever holds a pid. */
async function otherProcess(): Promise<number> {
  const child = spawn("/bin/sh", ["-c", "echo pid=$$; exec sleep 3600"], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  return Number(await lineFrom(child, "pid"));
}

let lockCount = 0;
const lockFile = (content: string) => {
  const path = join(dir, `santai-${++lockCount}.lock`);
  writeFileSync(path, content);
  return path;
};

onLinux("takeLock", () => {
  it("writes this process's pid and start time", () => {
    const path = join(dir, "fresh.lock");
    takeLock(path);
    expect(readFileSync(path, "utf8")).toBe(`${process.pid} ${stat(process.pid).startTime}`);
  });

  it("refuses while the process that wrote the lock runs", async () => {
    const pid = await otherProcess();
    const path = lockFile(`${pid} ${stat(pid).startTime}`);
    expect(() => takeLock(path)).toThrow(`in use by process ${pid}`);
    // An older lock holding only a pid trusts that pid.
    expect(() => takeLock(lockFile(String(pid)))).toThrow(`in use by process ${pid}`);
  });

  it("takes over a lock whose pid now belongs to another program (different start time)", async () => {
    const pid = await otherProcess();
    const path = lockFile(`${pid} ${Number(stat(pid).startTime) - 1}`);
    takeLock(path);
    expect(readFileSync(path, "utf8")).toBe(`${process.pid} ${stat(process.pid).startTime}`);
  });

  // `sh -c '… & exec sleep'`: sleep inherits the background child and never
  // reaps it, so once that child exits it stays a zombie until sleep ends.
  it("takes over a lock held by a killed process its parent has not reaped (a zombie)", async () => {
    const parent = spawn("/bin/sh", ["-c", 'sleep 3600 & echo pid=$!; exec sleep 3600'], { stdio: ["ignore", "pipe", "ignore"] });
    children.push(parent);
    const pid = Number(await lineFrom(parent, "pid"));
    // Until the shell has become `sleep` it may still reap its child (then no zombie is left to test
    // with: CI once found /proc/<pid> gone); after the exec nothing reaps it.
    await waitForCommand(parent.pid!, "sleep");
    const path = lockFile(`${pid} ${stat(pid).startTime}`);
    process.kill(pid, "SIGKILL");
    await waitForState(pid, "Z");
    expect(() => process.kill(pid, 0)).not.toThrow();
    takeLock(path);
    expect(readFileSync(path, "utf8")).toBe(`${process.pid} ${stat(process.pid).startTime}`);
  });

  it("takes over a lock whose process is gone", () => {
    // Pids are below /proc/sys/kernel/pid_max (at most 2^22), so this one never runs.
    const path = lockFile("4194305 12345");
    takeLock(path);
    expect(readFileSync(path, "utf8")).toBe(`${process.pid} ${stat(process.pid).startTime}`);
  });
});

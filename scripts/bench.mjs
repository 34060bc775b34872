#!/usr/bin/env node
// `npm run bench -- NAME [args…]`: runs bench/NAME.ts through tsx, passing the
// remaining arguments and the environment through, and exits with its status.
// Each bench prints progress to stderr and one JSON line last on stdout.
// With no name (or an unknown one) it lists the benches.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node:child_process";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = join(root, "bench");
const benches = existsSync(benchDir)
  ? readdirSync(benchDir).filter((f) => f.endsWith(".ts") && !f.startsWith("_")).map((f) => f.slice(0, -3)).sort()
  : [];

const [name, ...args] = process.argv.slice(2);
if (!name || name === "--help" || name === "-h" || name === "--list") {
  console.log(`Usage: npm run bench -- NAME [args…]\n\nBenches:\n${benches.map((b) => `  ${b}`).join("\n") || "  (none)"}`);
  process.exit(0);
}
if (!benches.includes(name)) {
  console.error(`bench: no bench named ${JSON.stringify(name)}; there are: ${benches.join(", ") || "(none)"}`);
  process.exit(2);
}

const child = spawn(process.execPath, ["--import", "tsx", join(benchDir, `${name}.ts`), ...args], {
  cwd: root,
  env: process.env,
  stdio: "inherit",
});
// Let the bench handle Ctrl-C itself (it stops its servers); we just wait for it.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`bench: could not start ${name}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (signal) console.error(`bench: ${name} was ended by ${signal}`);
  process.exit(code ?? 1);
});

// Builds the web app into dist/web when it is missing or older than its sources,
// so `npm start` and `npm test` work on a fresh clone without a separate build step.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const out = "dist/web/index.html";
// Written by the same build; a build from before they existed is rebuilt (the server serves its
// .br/.gz twins, the tests and `npm run bench -- delivery` read the manifests).
const alsoOut = ["dist/web/.vite/manifest.json", "dist/web/.vite/modules.json"];
const sources = ["src/web", "vite.config.ts", "package-lock.json"];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (!existsSync("src/web/index.html")) process.exit(0);
if (existsSync(out) && alsoOut.every((path) => existsSync(path)) && statSync(out).mtimeMs >= Math.max(...sources.map(newest))) process.exit(0);
console.log("Building the web app (dist/web)…");
const result = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
process.exit(result.status ?? 1);

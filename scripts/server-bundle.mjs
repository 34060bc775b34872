// Where the compiled server lives (scripts/build-server.mjs writes it, bin/santai.js runs it),
// and whether it is up to date: newer than every file under src/server (and the build script).
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_BUNDLE = join(root, "dist", "server", "main.js");
const SOURCES = [join(root, "src", "server"), join(root, "scripts", "build-server.mjs")];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** True when dist/server/main.js exists and no server source changed after it was built. */
export function isServerBundleFresh() {
  if (!existsSync(SERVER_BUNDLE)) return false;
  const built = statSync(SERVER_BUNDLE).mtimeMs;
  return SOURCES.every((path) => !existsSync(path) || newest(path) <= built);
}

// Compiles the server (src/server/main.ts and everything it imports) into ES modules,
// dist/server/main.js and its chunks, with esbuild; packages stay in node_modules. bin/santai.js
// runs it when it is newer than every server source, and src/server through tsx otherwise, so a
// checkout works without it. `npm start` builds it first (skipped when up to date): start-up then
// skips tsx's loader and its compiling and resolving of ~150 TypeScript files
// (docs/architecture.md, "Delivery").
//
// Usage: node scripts/build-server.mjs [--force] [--outdir DIR]   (DIR: for tests; default dist/server)
//
// Three modules find files beside their source through import.meta.url (the migrations, the
// embedded database's worker, the Chinese labels). In the bundle, import.meta.url is the
// chunk's, so for those modules it is rewritten to the URL of their source file, relative to
// the output directory: src/ stays where it is in every install.
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { isServerBundleFresh, SERVER_BUNDLE } from "./server-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { force: { type: "boolean", default: false }, outdir: { type: "string" } } });
const outdir = resolve(values.outdir ?? dirname(SERVER_BUNDLE));
if (!values.force && !values.outdir && isServerBundleFresh()) process.exit(0);

const sourceRelativeUrls = {
  name: "source-relative-import-meta-url",
  setup(esbuild) {
    esbuild.onLoad({ filter: /src[\\/]server[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const fromOutput = relative(outdir, args.path).split("\\").join("/");
      return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`), loader: "ts" };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, "src/server/main.ts")],
  outdir,
  // main.ts imports the app while the embedded database starts in its worker: the dynamic
  // imports stay chunks of their own, loaded then, not before the database is asked to start.
  splitting: true,
  chunkNames: "[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [sourceRelativeUrls],
});

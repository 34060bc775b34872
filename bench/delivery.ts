// Delivery bench: kilobytes a browser downloads on a first visit to the portal (/), the sign-in
// page (/login) and the workbench (/workbench, signed in), read from the web build's manifest:
// index.html, the entry, the page's lazy route chunks and everything they import statically.
// Sizes raw, gzip and brotli (what the server sends to a browser that accepts br: the
// precompressed .br file beside each asset, or the file compressed at brotli's top quality when
// there is none). Builds nothing: run `npx vite build` first (or `npm start` / `npm test` do).
// Usage: npm run bench -- delivery [WEB_ROOT]   (default dist/web)
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { hasManifest, PAGES, pageFiles, readManifest } from "../test/helpers/web-manifest.ts";

const webRoot = resolve(process.argv[2] ?? "dist/web");
if (!hasManifest(webRoot)) {
  process.stderr.write(`[delivery] no ${webRoot}/.vite/manifest.json: build the web app first (npx vite build)\n`);
  process.exit(1);
}
const manifest = readManifest(webRoot);
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

type Sizes = { raw: number; gzip: number; brotli: number };
function sizesOf(file: string): Sizes {
  const path = join(webRoot, file);
  const body = readFileSync(path);
  const brotli = existsSync(`${path}.br`)
    ? readFileSync(`${path}.br`).length
    : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const gzip = existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`).length : gzipSync(body, { level: 9 }).length;
  return { raw: body.length, gzip, brotli };
}

const pages: Record<string, { files: number; rawKB: number; gzipKB: number; brotliKB: number; largestFile: string; largestBrotliKB: number }> = {};
for (const page of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
  const files = ["index.html", ...pageFiles(webRoot, manifest, page)];
  const total: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  let largest = { file: "", brotli: 0 };
  for (const file of files) {
    const sizes = sizesOf(file);
    total.raw += sizes.raw;
    total.gzip += sizes.gzip;
    total.brotli += sizes.brotli;
    if (sizes.brotli > largest.brotli) largest = { file, brotli: sizes.brotli };
    process.stderr.write(`[delivery] ${page} ${file}: ${kb(sizes.raw)} KB, br ${kb(sizes.brotli)} KB\n`);
  }
  pages[page] = { files: files.length, rawKB: kb(total.raw), gzipKB: kb(total.gzip), brotliKB: kb(total.brotli), largestFile: largest.file, largestBrotliKB: kb(largest.brotli) };
}
process.stdout.write(`${JSON.stringify({ bench: "delivery", webRoot, pages })}\n`);

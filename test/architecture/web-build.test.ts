/**
 * The built web app (dist/web, made by `npm test` / `npm start` when missing or stale), read
 * from Vite's manifest and .vite/modules.json without running it (docs/architecture.md,
 * "Delivery"):
 * - a first visit to the portal (/) or the sign-in page loads no workbench code: walking the
 *   static imports of the entry and of the page's lazy route, no chunk holds a module of
 *   src/web/workbench or of a workbench page's module;
 * - every script and style sheet has its brotli and gzip twin, which the server sends;
 * - index.html has no inline script, which the Content Security Policy would refuse.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ENTRY, hasManifest, PAGES, readChunkModules, readManifest, staticClosure } from "../helpers/web-manifest.ts";

const WEB_ROOT = resolve("dist/web");
const isBuilt = hasManifest(WEB_ROOT);
if (!isBuilt) console.warn(`web-build tests skipped: no ${WEB_ROOT}/.vite/manifest.json (npx vite build, or npm test, makes it)`);

/** Source files that belong to the workbench: its shell and every staff module's pages (sign-in's API client is the app's). */
function isWorkbenchSource(source: string): boolean {
  if (source.startsWith("web/workbench/") || source === "web/app/WorkbenchApp.tsx") return true;
  return source.startsWith("web/modules/") && !source.startsWith("web/modules/auth/");
}

function sourcesLoadedBy(page: keyof typeof PAGES): string[] {
  const manifest = readManifest(WEB_ROOT);
  const modules = readChunkModules(WEB_ROOT);
  const keys = staticClosure(manifest, [ENTRY, ...PAGES[page]], WEB_ROOT);
  return [...keys].flatMap((key) => modules[manifest[key].file] ?? []);
}

describe.skipIf(!isBuilt)("the web build", () => {
  it("the portal's first load carries no workbench code", () => {
    const sources = sourcesLoadedBy("/");
    expect(sources).toContain("web/portal/PortalHome.tsx");
    expect(sources.filter(isWorkbenchSource)).toEqual([]);
  });

  it("nor a citizen's sign-in page's", () => {
    const sources = sourcesLoadedBy("/sign-in");
    expect(sources).toContain("web/portal/SignInPage.tsx");
    expect(sources).toContain("web/portal/PortalLayout.tsx");
    expect(sources.filter(isWorkbenchSource)).toEqual([]);
  });

  it("neither does the sign-in page's", () => {
    const sources = sourcesLoadedBy("/login");
    expect(sources).toContain("web/modules/auth/LoginPage.tsx");
    expect(sources.filter(isWorkbenchSource)).toEqual([]);
  });

  it("the workbench's first load has its shell (the check above sees workbench code where it is)", () => {
    const sources = sourcesLoadedBy("/workbench");
    expect(sources).toContain("web/workbench/WorkbenchLayout.tsx");
    expect(sources.filter(isWorkbenchSource).length).toBeGreaterThan(0);
  });

  it("writes a .br and a .gz beside every script and style sheet worth compressing", () => {
    const manifest = readManifest(WEB_ROOT);
    // Scripts and style sheets: fonts (the Tibetan web font) come compressed already.
    const files = [...new Set(Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])]))].filter((f) => /\.(js|css)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    // Below a kilobyte the build may keep no twin when it would not be smaller.
    for (const file of files.filter((f) => statSync(join(WEB_ROOT, f)).size >= 1024)) {
      expect(existsSync(join(WEB_ROOT, `${file}.br`)), `${file}.br`).toBe(true);
      expect(existsSync(join(WEB_ROOT, `${file}.gz`)), `${file}.gz`).toBe(true);
    }
  });

  it("index.html loads its scripts from files only (script-src 'self', no inline script)", () => {
    const html = readFileSync(join(WEB_ROOT, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

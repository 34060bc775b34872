// Reads the web build's Vite manifest (dist/web/.vite/manifest.json) to answer "what does a
// browser download for this page?": the entry, the lazy route chunks the page renders, and every
// chunk they import statically (Vite preloads those), with their CSS. Used by the delivery test
// (the portal pulls in no workbench code) and by `npm run bench -- delivery` (bytes per page).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One entry of Vite's build manifest (the fields used here). */
export type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};

export type Manifest = Record<string, ManifestChunk>;

/** The manifest key of the HTML entry (the root is src/web, so it is "index.html"). */
export const ENTRY = "index.html";

/**
 * What each face downloads on a first visit: the entry plus the lazy route modules the router
 * renders for that path (manifest keys, relative to src/web).
 */
export const PAGES = {
  "/": ["portal/PortalLayout.tsx", "portal/PortalHome.tsx"],
  "/sign-in": ["portal/PortalLayout.tsx", "portal/SignInPage.tsx"],
  "/login": ["modules/auth/LoginPage.tsx"],
  "/workbench": ["app/WorkbenchApp.tsx", "workbench/WorkbenchHome.tsx"],
} as const satisfies Record<string, readonly string[]>;

export function manifestPath(webRoot: string): string {
  return join(webRoot, ".vite", "manifest.json");
}

export function hasManifest(webRoot: string): boolean {
  return existsSync(manifestPath(webRoot));
}

export function readManifest(webRoot: string): Manifest {
  return JSON.parse(readFileSync(manifestPath(webRoot), "utf8")) as Manifest;
}

/** For each built file, the source files in it (src/web/… as "web/…"): .vite/modules.json, written by vite.config.ts. */
export function readChunkModules(webRoot: string): Record<string, string[]> {
  return JSON.parse(readFileSync(join(webRoot, ".vite", "modules.json"), "utf8")) as Record<string, string[]>;
}

/**
 * The manifest key of the chunk that holds `source` (relative to src/web): the source itself
 * when it is an entry of its own, or else (a dynamic import of a module other chunks share) the
 * chunk whose file contains it.
 */
function keyOf(manifest: Manifest, source: string, modules: () => Record<string, string[]>): string {
  if (manifest[source]) return source;
  const file = Object.entries(modules()).find(([, sources]) => sources.includes(`web/${source}`))?.[0];
  const key = file && Object.keys(manifest).find((k) => manifest[k].file === file);
  if (!key) throw new Error(`the web build has no chunk with ${source}`);
  return key;
}

/** The manifest keys reached from `sources` through static imports (their own chunks included). */
export function staticClosure(manifest: Manifest, sources: readonly string[], webRoot?: string): Set<string> {
  let modules: Record<string, string[]> | null = null;
  const chunkModules = () => {
    if (!webRoot) throw new Error("staticClosure needs the web root to find a shared chunk");
    return (modules ??= readChunkModules(webRoot));
  };
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the web build's manifest has no ${key}`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const source of sources) visit(keyOf(manifest, source, chunkModules));
  return seen;
}

/** The asset files (JS and CSS, paths under the web root) a browser fetches for these chunks. */
export function filesOf(manifest: Manifest, keys: Iterable<string>): string[] {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return [...files].sort();
}

/** Every file a first visit to `page` downloads besides index.html. */
export function pageFiles(webRoot: string, manifest: Manifest, page: keyof typeof PAGES): string[] {
  return filesOf(manifest, staticClosure(manifest, [ENTRY, ...PAGES[page]], webRoot));
}

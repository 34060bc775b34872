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
  "/": ["portal/PortalHome.tsx"],
  "/login": ["modules/auth/LoginPage.tsx"],
  "/workbench": ["workbench/WorkbenchLayout.tsx", "workbench/WorkbenchHome.tsx"],
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

/** The manifest keys reached from `keys` through static imports (the keys themselves included). */
export function staticClosure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the web build's manifest has no ${key}`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const key of keys) visit(key);
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
export function pageFiles(manifest: Manifest, page: keyof typeof PAGES): string[] {
  return filesOf(manifest, staticClosure(manifest, [ENTRY, ...PAGES[page]]));
}

// How the built web app (dist/web) and every other response leave the server: security headers
// on all of them, and the static files precompressed and cached by what they are. The reasons are
// in docs/architecture.md ("Delivery").
import { sep } from "node:path";
import type { FastifyInstance } from "fastify";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";

/** Vite writes every built file it names by content hash here; nothing else lives in it. */
export const ASSETS_PREFIX = "/assets/";

/** A hashed file never changes under its name: a year, and no revalidation. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html (and any unhashed file) is revalidated on every load, so a new build is picked up at once. */
export const REVALIDATE = "no-cache";

/**
 * The Content Security Policy of every response. Scripts only from this origin (the built
 * index.html has no inline script); styles also inline, because Ant Design's CSS-in-JS inserts
 * <style> elements at run time (a nonce would need index.html rendered per request). No framing
 * by anyone (clickjacking on the workbench's buttons).
 */
export function contentSecurityPolicy(isSecure: boolean): Record<string, string[] | null> {
  return {
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "connect-src": ["'self'"],
    "font-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "img-src": ["'self'", "data:", "blob:"],
    "object-src": ["'none'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    // Only over HTTPS: on plain http (the demo on a LAN address) it would break every request.
    "upgrade-insecure-requests": isSecure ? [] : null,
  };
}

/**
 * Security headers on every response (pages, files and API JSON alike): CSP, no framing,
 * nosniff, a referrer kept within the site, and HSTS only when the platform is configured for
 * HTTPS (SANTAI_SECURE_COOKIES=1) — sent over plain http, HSTS would lock browsers out of a
 * demo install.
 */
export async function installSecurityHeaders(app: FastifyInstance, { isSecure }: { isSecure: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(isSecure) },
    // "no-referrer" would also send `Origin: null` on the app's own POSTs; same-origin keeps
    // ticket ids in workbench addresses from leaking to other sites all the same.
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: isSecure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: "deny" },
  });
}

/**
 * Serves the built web app from `webRoot`: each file is registered as a route at start-up (no
 * file-system lookup for unknown paths); a request that accepts br or gzip gets the file
 * precompressed at build time (file.br, file.gz beside it) with `Vary: Accept-Encoding`;
 * hashed assets are immutable for a year, everything else (index.html) is revalidated.
 */
export async function installWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const assetsDir = `${webRoot.replace(/[\\/]+$/, "")}${sep}assets${sep}`;
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: ["index.html"],
    preCompressed: true,
    // The compressed twins are found through preCompressed, never asked for by name; the
    // manifest under .vite/ is for tests and benches (dot files are not globbed at all).
    globIgnore: ["**/*.br", "**/*.gz"],
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader("cache-control", path.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
      res.setHeader("vary", "accept-encoding");
    },
  });
}

/**
 * Delivery of the web app (docs/architecture.md, "Delivery"): hashed assets precompressed and
 * cached for a year, index.html and the client-side routes revalidated, a missing asset a 404,
 * security headers on pages and API answers alike, HSTS only when configured for HTTPS.
 *
 * The app serves a small web root made here (a hashed asset with its .br and .gz twins, as the
 * build writes them), so these tests do not depend on a build; test/architecture/web-build.test.ts
 * checks that the real build (dist/web) writes the twins.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../src/server/platform/db/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/platform/config.ts";
import { fixedClock } from "../../src/server/platform/clock.ts";
import { ephemeralKeyring } from "../../src/server/platform/keys.ts";
import { createTestDatabase } from "../helpers/database.ts";

const ASSET = "/assets/index-Ab12Cd34.js";
const SCRIPT = `export const greeting = ${JSON.stringify("三台 ".repeat(400))};\n`;
const INDEX = `<!doctype html><html lang="zh-CN"><head><script type="module" crossorigin src="${ASSET}"></script></head><body><div id="root"></div></body></html>\n`;

let webRoot: string;
let database: Database;
let app: FastifyInstance;
let secureApp: FastifyInstance;

function writeWithTwins(path: string, body: string) {
  writeFileSync(path, body);
  writeFileSync(`${path}.br`, brotliCompressSync(body));
  writeFileSync(`${path}.gz`, gzipSync(body));
}

async function appWith(isSecureCookie: boolean) {
  const config = loadConfig({}, { dataDir: null, webRoot, isSecureCookie });
  return buildApp({ config, database, clock: fixedClock(new Date("2026-12-01T09:00:00+08:00")), keys: ephemeralKeyring() });
}

const get = (url: string, headers: Record<string, string> = {}, on = app) => on.inject({ method: "GET", url, headers });

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), "santai-web-"));
  mkdirSync(join(webRoot, "assets"));
  mkdirSync(join(webRoot, ".vite"));
  writeWithTwins(join(webRoot, "index.html"), INDEX);
  writeWithTwins(join(webRoot, ASSET.slice(1)), SCRIPT);
  writeFileSync(join(webRoot, ".vite", "manifest.json"), "{}");
  database = await createTestDatabase();
  app = await appWith(false);
  secureApp = await appWith(true);
});

afterAll(async () => {
  await app?.close();
  await secureApp?.close();
  await database?.close();
  if (webRoot) rmSync(webRoot, { recursive: true, force: true });
});

function expectSecurityHeaders(response: LightMyRequestResponse) {
  const csp = String(response.headers["content-security-policy"]);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["referrer-policy"]).toBe("same-origin");
  expect(response.headers["x-frame-options"]).toBe("DENY");
}

describe("hashed assets", () => {
  it("are cached for a year as immutable, brotli-compressed for a browser that accepts br", async () => {
    const response = await get(ASSET, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it("are gzip-compressed for a browser that accepts only gzip", async () => {
    const response = await get(ASSET, { "accept-encoding": "gzip" });
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it("are sent as they are to a client that accepts no encoding", async () => {
    for (const headers of [{}, { "accept-encoding": "identity" }] as Record<string, string>[]) {
      const response = await get(ASSET, headers);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.body).toBe(SCRIPT);
    }
  });

  it("a missing asset is a 404, not the app's page (a stale chunk must fail as a script)", async () => {
    for (const url of ["/assets/index-Gone0000.js", "/assets/no-extension", "/assets/"]) {
      const response = await get(url, { "accept-encoding": "br" });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"], url).toMatch(/^application\/json/);
    }
  });

  it("the compressed twins and the build manifest are not files of their own", async () => {
    for (const url of [`${ASSET}.br`, `${ASSET}.gz`, "/.vite/manifest.json"]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });
});

describe("index.html and the client-side routes", () => {
  it("are revalidated on every load, compressed, with the security headers", async () => {
    for (const url of ["/", "/index.html", "/workbench/tickets", "/login?next=%2Fworkbench"]) {
      const response = await get(url, { "accept-encoding": "br" });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"], url).toMatch(/^text\/html/);
      expect(response.headers["cache-control"], url).toBe("no-cache");
      expect(response.headers["content-encoding"], url).toBe("br");
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(INDEX);
      expectSecurityHeaders(response);
    }
  });

  it("revalidate with the validator: an unchanged index.html is a 304", async () => {
    const first = await get("/", { "accept-encoding": "br" });
    expect(first.headers.etag).toBeTruthy();
    const again = await get("/", { "accept-encoding": "br", "if-none-match": String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
  });
});

describe("security headers", () => {
  it("API answers carry nosniff and the same policy", async () => {
    const response = await get("/api/health");
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response);
    const missing = await get("/api/nothing-here");
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing);
  });

  it("HSTS and upgrade-insecure-requests only when configured for HTTPS (SANTAI_SECURE_COOKIES=1)", async () => {
    const plain = await get("/");
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
    expect(String(plain.headers["content-security-policy"])).not.toContain("upgrade-insecure-requests");
    const secure = await get("/", {}, secureApp);
    expect(secure.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(String(secure.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
    expectSecurityHeaders(secure);
  });
});

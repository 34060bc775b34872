// Portal bench: what a citizen's phone downloads and waits for on a first visit to the portal home.
//
// - initialJsGzipKB / initialCssGzipKB: the JavaScript and CSS of the home's first load (the entry,
//   the portal layout and home route chunks and everything they import statically; read from the
//   web build's manifest), gzip-compressed as the server sends them. Aim: JS ≤ 250 KB.
// - fcpMs: first contentful paint of `/` in headless Chromium with the network throttled to
//   1.6 Mbps down / 750 kbps up / 150 ms round trip and the CPU slowed 4× (Chrome DevTools'
//   "slow 4G" on a low-end phone), a cold cache each time; the median of RUNS visits to a real
//   server (buildApp on the embedded database with the demo city). Aim: ≤ 2,500 ms.
//
// Builds nothing: run `npx vite build` first (npm start and npm test do). Needs Chromium
// (CHROMIUM_PATH, default /usr/bin/chromium). Progress on stderr; the last stdout line is JSON.
//
//   npm run bench -- portal [--runs 5]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/platform/config.ts";
import { seedDemo } from "../src/server/seed/demo.ts";
import { hasManifest, pageFiles, readManifest } from "../test/helpers/web-manifest.ts";
import { logger, numberArg, onceCleanup, openBenchDatabase, percentile, round } from "./_bench-database.ts";

const log = logger("portal");
const RUNS = numberArg("runs", 5);
const AIM = { initialJsGzipKB: 250, fcpMs: 2500 };
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** DevTools' "slow 4G" figures: bytes per second and milliseconds. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

const webRoot = resolve("dist/web");
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

function gzipBytes(file: string): number {
  const path = join(webRoot, file);
  return existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`).length : gzipSync(readFileSync(path), { level: 9 }).length;
}

async function main() {
  if (!hasManifest(webRoot)) throw new Error(`no ${webRoot}/.vite/manifest.json: build the web app first (npx vite build)`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const files = pageFiles(webRoot, readManifest(webRoot), "/");
  const js = files.filter((f) => f.endsWith(".js"));
  const css = files.filter((f) => f.endsWith(".css"));
  const initialJsGzipKB = kb(js.reduce((sum, f) => sum + gzipBytes(f), 0));
  const initialCssGzipKB = kb(css.reduce((sum, f) => sum + gzipBytes(f), 0));
  log(`initial load of /: ${js.length} JS files ${initialJsGzipKB} KB gzip, ${css.length} CSS files ${initialCssGzipKB} KB gzip`);

  const cleanup = onceCleanup(log);
  try {
    const database = await openBenchDatabase("portal", 4);
    cleanup.add(() => database.close());
    await database.db.transaction((tx) => seedDemo(tx, new Date()));
    const app = await buildApp({ config: loadConfig({}, { dataDir: null, webRoot, host: "127.0.0.1", port: 0 }), database });
    cleanup.add(() => app.close());
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    cleanup.add(() => browser.close());

    const fcps: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      // A new context each time: an empty cache, as on a first visit.
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", NETWORK);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      await page.goto(url, { waitUntil: "load", timeout: 120_000 });
      // First contentful paint as the browser recorded it; waits on the entry, which a painted page has.
      const fcp = await page.evaluate(
        () =>
          new Promise<number>((resolvePaint) => {
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName("first-contentful-paint")[0];
              if (entry) resolvePaint(entry.startTime);
            }).observe({ type: "paint", buffered: true });
          }),
      );
      log(`run ${run}: FCP ${fcp.toFixed(0)} ms`);
      fcps.push(fcp);
      await context.close();
    }
    const result = {
      bench: "portal",
      initialJsGzipKB,
      initialCssGzipKB,
      fcpMs: round(percentile(fcps, 50), 0),
      fcpMsRuns: fcps.map((v) => Math.round(v)),
      network: "1.6 Mbps down, 750 kbps up, 150 ms RTT",
      cpuSlowdown: CPU_SLOWDOWN,
      runs: RUNS,
    };
    const misses = [
      result.initialJsGzipKB > AIM.initialJsGzipKB && `JS ${result.initialJsGzipKB} KB > ${AIM.initialJsGzipKB} KB`,
      result.fcpMs > AIM.fcpMs && `FCP ${result.fcpMs} ms > ${AIM.fcpMs} ms`,
    ].filter(Boolean);
    if (misses.length) log(`note: over the aim: ${misses.join(", ")}`);
    await cleanup.run();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);

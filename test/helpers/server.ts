import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.ts";
import { systemClock, type Clock } from "../../src/server/platform/clock.ts";
import { loadConfig } from "../../src/server/platform/config.ts";
import { seedDemo } from "../../src/server/seed/demo.ts";
import { createTestDatabase } from "./database.ts";

/**
 * A real server on a random port, on a fresh database with the demo city,
 * serving the built web app (dist/web): what the browser tests drive. A test that needs a known
 * "now" passes a fixed clock (and gives the browser the same one).
 */
export async function startTestServer({ clock = systemClock }: { clock?: Clock } = {}): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const database = await createTestDatabase();
  await database.db.transaction((tx) => seedDemo(tx, clock.now()));
  const config = loadConfig({}, { port: 0, host: "127.0.0.1", dataDir: null, webRoot: resolve("dist/web") });
  const app = await buildApp({ config, database, clock });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

import type { Database } from "./db/index.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";

/** What every route and command may use: the database, the clock, the settings. */
export type AppContext = { database: Database; clock: Clock; config: Config };

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

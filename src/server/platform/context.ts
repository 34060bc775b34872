import type { Database } from "./db/index.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Protector } from "./personal/protect.ts";

/** What every route and command may use: the database, the clock, the settings, the personal-data protector. */
export type AppContext = { database: Database; clock: Clock; config: Config; protector: Protector };

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

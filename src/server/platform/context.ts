import type { Database } from "./db/index.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Keyring } from "./keys.ts";
import type { Protector } from "./personal/protect.ts";

/**
 * What every route and command may use: the database, the clock, the settings,
 * the keyring (kept outside the database: docs/keys.md), the personal-data
 * protector over its data keys.
 */
export type AppContext = { database: Database; clock: Clock; config: Config; keys: Keyring; protector: Protector };

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

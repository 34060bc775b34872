import { resolve } from "node:path";
import { LOG_LEVELS, type LogLevel } from "./logging.ts";

export type Config = {
  port: number;
  host: string;
  /** Embedded database directory; null means in memory (tests). */
  dataDir: string | null;
  /** Set when a PostgreSQL server is used instead of the embedded database. */
  databaseUrl: string | null;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after sign-in at which a session ends however active it is. */
  sessionAbsoluteHours: number;
  /** Failed sign-ins in a row that lock an account, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Sets the Secure flag on cookies; on when served over HTTPS. */
  isSecureCookie: boolean;
  /** Where the built web app lives; null serves no static files. */
  webRoot: string | null;
  /** pino level of the request and error log; "silent" turns it off. See docs/configuration.md. */
  logLevel: LogLevel;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: integer(env.PORT, 3000),
    host: env.HOST ?? "0.0.0.0",
    dataDir: resolve(env.SANTAI_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    sessionIdleMinutes: integer(env.SANTAI_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: integer(env.SANTAI_SESSION_ABSOLUTE_HOURS, 12),
    lockoutThreshold: integer(env.SANTAI_LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: integer(env.SANTAI_LOCKOUT_MINUTES, 15),
    bodyLimit: integer(env.SANTAI_BODY_LIMIT, 1024 * 1024),
    isSecureCookie: env.SANTAI_SECURE_COOKIES === "1",
    webRoot: resolve(env.SANTAI_WEB_ROOT ?? "./dist/web"),
    logLevel: logLevel(env),
    ...overrides,
  };
}

/** SANTAI_LOG=0 (or false, off) silences the log; SANTAI_LOG_LEVEL, else LOG_LEVEL, sets its level (default info). */
function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  if (["0", "false", "off", "no"].includes((env.SANTAI_LOG ?? "").trim().toLowerCase())) return "silent";
  const level = (env.SANTAI_LOG_LEVEL?.trim() || env.LOG_LEVEL?.trim() || "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`SANTAI_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(level)}`);
  return level as LogLevel;
}

function integer(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) throw new Error(`Expected an integer, got ${JSON.stringify(value)}`);
  return parsed;
}

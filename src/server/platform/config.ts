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
  /**
   * Failed sign-ins of one username from one client address within
   * `lockoutMinutes` after which that address must wait `lockoutMinutes` before
   * trying that username again. Other addresses are not affected, so a stranger's
   * guesses do not keep the owner out.
   */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /**
   * Failed sign-ins of one username from all addresses within `lockoutMinutes`
   * that lock the account for everyone for `lockoutMinutes` (an administrator
   * can unlock by resetting the password). Much higher than `lockoutThreshold`:
   * it stops guessing spread over many addresses, and takes many addresses to abuse.
   */
  accountLockoutThreshold: number;
  /** Failed sign-ins from one client address (any usernames) per `signInRateLimitMinutes`; then 429. */
  signInRateLimit: number;
  signInRateLimitMinutes: number;
  /**
   * Whether X-Forwarded-For names the client (behind a reverse proxy): false;
   * true (SANTAI_TRUST_PROXY=1) to believe any proxy; or the proxies' addresses
   * and CIDR ranges (SANTAI_TRUST_PROXY=10.0.0.5,10.1.0.0/16), which is safer.
   * Without it behind a proxy every client has the proxy's address, and the
   * sign-in throttle counts them all together.
   */
  trustProxy: boolean | string;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Sets the Secure flag on cookies; on when served over HTTPS. */
  isSecureCookie: boolean;
  /** Where the built web app lives; null serves no static files. */
  webRoot: string | null;
  /** pino level of the request and error log; "silent" turns it off. See docs/configuration.md. */
  logLevel: LogLevel;
  /**
   * How long an SMS or WeChat gateway may take to accept a message before the
   * attempt counts as failed and is retried later (SANTAI_GATEWAY_TIMEOUT_MS).
   */
  gatewayTimeoutMs: number;
  /** Searches by a phone or ID number one account may make per window (SANTAI_LOOKUP_LIMIT, SANTAI_LOOKUP_WINDOW_MINUTES). */
  lookupLimit: number;
  lookupWindowMinutes: number;
  /**
   * The Chinese font embedded in generated PDF documents (SANTAI_DOCUMENT_FONT: a
   * .ttf/.otf, or a .ttc with `#PostScriptName`); null: look for fonts-wqy-microhei
   * at run time (documents/pdf-document.ts).
   */
  documentFont: string | null;
  /**
   * The address the public reaches this deployment at, without a trailing slash
   * (SANTAI_PUBLIC_URL, e.g. https://12348.example.gov.cn). Generated documents
   * print their verification address under it (`${publicUrl}/verify/{code}`) and
   * carry it as a QR code. Default: http://localhost:{PORT}, right only on the
   * machine itself — set it on every real deployment.
   */
  publicUrl: string;
  /**
   * Hosts upstream callbacks may reach although they are (or resolve to) a
   * loopback, private or link-local address, and over plain http: an admin's
   * named exceptions, e.g. a relay on this machine (SANTAI_UPSTREAM_ALLOWED_HOSTS=relay.internal,127.0.0.1).
   */
  upstreamAllowedHosts: string[];
  /**
   * The bureau's SMS provider over HTTP (SANTAI_SMS_GATEWAY_*); null keeps SMS in
   * the development channel (the outbox page), the default.
   */
  smsGateway: SmsGatewayConfig | null;
  /**
   * An OpenAI-compatible chat endpoint (a bureau's locally hosted model) that
   * drafts short answers from the retrieved articles (SANTAI_LLM_*); null: the
   * assistant answers without drafts, the default.
   */
  llm: LlmConfig | null;
};

/** The language model the assistant may ask for drafts (modules/assistant/llm-draft.ts); see docs/configuration.md. */
export type LlmConfig = {
  /** The API base, e.g. http://127.0.0.1:11434/v1; requests go to `${url}/chat/completions`. */
  url: string;
  model: string;
  apiKey: string | null;
  /** A draft that takes longer is given up: the answer comes without one. */
  timeoutMs: number;
};

/** The settings of the HTTP SMS gateway (modules/notifications/http-sms-gateway.ts); see docs/configuration.md. */
export type SmsGatewayConfig = {
  url: string;
  method: "POST" | "PUT" | "GET";
  contentType: string;
  bodyTemplate: string;
  authorization: string | null;
  key: string;
  secret: string;
  successMatch: string | null;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = integer(env.PORT, 3000);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: resolve(env.SANTAI_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    sessionIdleMinutes: integer(env.SANTAI_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: integer(env.SANTAI_SESSION_ABSOLUTE_HOURS, 12),
    lockoutThreshold: integer(env.SANTAI_LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: integer(env.SANTAI_LOCKOUT_MINUTES, 15),
    accountLockoutThreshold: integer(env.SANTAI_ACCOUNT_LOCKOUT_THRESHOLD, 50),
    signInRateLimit: integer(env.SANTAI_SIGNIN_RATE_LIMIT, 10),
    signInRateLimitMinutes: integer(env.SANTAI_SIGNIN_RATE_LIMIT_MINUTES, 15),
    trustProxy: trustProxy(env.SANTAI_TRUST_PROXY),
    bodyLimit: integer(env.SANTAI_BODY_LIMIT, 1024 * 1024),
    isSecureCookie: env.SANTAI_SECURE_COOKIES === "1",
    webRoot: resolve(env.SANTAI_WEB_ROOT ?? "./dist/web"),
    logLevel: logLevel(env),
    gatewayTimeoutMs: positiveInteger("SANTAI_GATEWAY_TIMEOUT_MS", env.SANTAI_GATEWAY_TIMEOUT_MS, 10_000),
    lookupLimit: positiveInteger("SANTAI_LOOKUP_LIMIT", env.SANTAI_LOOKUP_LIMIT, 30),
    lookupWindowMinutes: positiveInteger("SANTAI_LOOKUP_WINDOW_MINUTES", env.SANTAI_LOOKUP_WINDOW_MINUTES, 10),
    documentFont: env.SANTAI_DOCUMENT_FONT?.trim() || null,
    publicUrl: publicUrl(env.SANTAI_PUBLIC_URL, port),
    upstreamAllowedHosts: hostList(env.SANTAI_UPSTREAM_ALLOWED_HOSTS),
    smsGateway: smsGateway(env),
    llm: llm(env),
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

/** SANTAI_PUBLIC_URL: an http(s) origin, optionally with a path prefix; the trailing slash dropped. */
function publicUrl(value: string | undefined, port: number): string {
  const url = value?.trim();
  if (!url) return `http://localhost:${port}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`SANTAI_PUBLIC_URL is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("SANTAI_PUBLIC_URL must be http or https");
  if (parsed.search || parsed.hash) throw new Error("SANTAI_PUBLIC_URL must not have a query or a fragment");
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
}

function integer(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) throw new Error(`Expected an integer, got ${JSON.stringify(value)}`);
  return parsed;
}

/** SANTAI_SMS_GATEWAY_URL turns the HTTP SMS gateway on; the other SANTAI_SMS_GATEWAY_* shape its requests. */
function smsGateway(env: NodeJS.ProcessEnv): SmsGatewayConfig | null {
  const url = env.SANTAI_SMS_GATEWAY_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{\{[^}]*\}\}/g, "x"));
  } catch {
    throw new Error(`SANTAI_SMS_GATEWAY_URL is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("SANTAI_SMS_GATEWAY_URL must be http or https");
  const method = (env.SANTAI_SMS_GATEWAY_METHOD?.trim() || "POST").toUpperCase();
  if (method !== "POST" && method !== "PUT" && method !== "GET") throw new Error(`SANTAI_SMS_GATEWAY_METHOD must be POST, PUT or GET; got ${JSON.stringify(method)}`);
  return {
    url,
    method,
    contentType: env.SANTAI_SMS_GATEWAY_CONTENT_TYPE?.trim() || "application/json",
    bodyTemplate: env.SANTAI_SMS_GATEWAY_BODY || '{"to":"{{to}}","text":"{{text}}","id":"{{id}}"}',
    authorization: env.SANTAI_SMS_GATEWAY_AUTHORIZATION?.trim() || null,
    key: env.SANTAI_SMS_GATEWAY_KEY ?? "",
    secret: env.SANTAI_SMS_GATEWAY_SECRET ?? "",
    successMatch: env.SANTAI_SMS_GATEWAY_SUCCESS_MATCH || null,
  };
}

/** SANTAI_LLM_URL turns drafting on; SANTAI_LLM_MODEL names the model, SANTAI_LLM_API_KEY is sent as a bearer token. */
function llm(env: NodeJS.ProcessEnv): LlmConfig | null {
  const url = env.SANTAI_LLM_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`SANTAI_LLM_URL is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("SANTAI_LLM_URL must be http or https");
  const model = env.SANTAI_LLM_MODEL?.trim();
  if (!model) throw new Error("SANTAI_LLM_MODEL must name the model when SANTAI_LLM_URL is set");
  return {
    url: url.replace(/\/+$/, ""),
    model,
    apiKey: env.SANTAI_LLM_API_KEY?.trim() || null,
    timeoutMs: positiveInteger("SANTAI_LLM_TIMEOUT_MS", env.SANTAI_LLM_TIMEOUT_MS, 8_000),
  };
}

function trustProxy(value: string | undefined): boolean | string {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return true;
  return text;
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  const parsed = integer(value, fallback);
  if (parsed <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  return parsed;
}

/** `a.example, [::1] ,127.0.0.1` → ["a.example", "::1", "127.0.0.1"]: lower case, IPv6 without brackets. */
export function hostList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1"))
    .filter(Boolean);
}

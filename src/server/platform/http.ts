import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv };
import type { FastifyInstance, FastifyError, FastifyRequest, FastifySchemaValidationError } from "fastify";
import { AppError } from "./errors.ts";
import { NOT_BLANK, TRIM_KEYWORD } from "./schema.ts";
import { findUnsafeText, unsafeTextProblem } from "./text.ts";
import type { Actor } from "../policies/actor.ts";

/**
 * How a route is reached: by anyone, by a signed-in staff member, or by a
 * signed-in citizen of the portal (then the module's policy decides). Staff
 * routes refuse citizens and citizen routes refuse staff, before the body is read.
 */
export type RouteAccess = "public" | "staff" | "citizen";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/**
 * Bodies are validated strictly (no coercion, unknown fields refused, nothing
 * removed); query strings and params are coerced from text, as they must be.
 * Before the schema, every string and field name in the part is checked for
 * text PostgreSQL cannot store (NUL, unpaired surrogates; see text.ts), so no
 * schema can forget it. Header values are checked on every request.
 */
export function installValidators(app: FastifyInstance): void {
  const strict = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false });
  const lenient = new Ajv({ allErrors: false, coerceTypes: "array", removeAdditional: false, useDefaults: true, strict: false });
  for (const ajv of [strict, lenient]) {
    addFormats.default(ajv);
    // ajv-formats accepts what PostgreSQL or JavaScript cannot represent (see below).
    ajv.addFormat("date", { type: "string", validate: isRepresentableDate });
    ajv.addFormat("date-time", { type: "string", validate: isRepresentableDateTime });
    // Runs after the string's own keywords (length, pattern), on a value already accepted.
    ajv.addKeyword({
      keyword: TRIM_KEYWORD,
      type: "string",
      schemaType: "boolean",
      modifying: true,
      validate: (isOn: boolean, data: string, _schema: unknown, context?: { parentData: Record<string | number, unknown>; parentDataProperty: string | number }) => {
        if (isOn && context?.parentData) context.parentData[context.parentDataProperty] = data.trim();
        return true;
      },
    });
  }
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const validate = (httpPart === "body" ? strict : lenient).compile(schema);
    const checked = ((data: unknown, context?: unknown) => {
      const unsafe = findUnsafeText(data);
      if (unsafe) {
        checked.errors = [{ instancePath: unsafe.path.map((p) => `/${p}`).join(""), schemaPath: "#", keyword: "text", params: {}, message: unsafe.problem }];
        return false;
      }
      const isValid = (validate as (data: unknown, context?: unknown) => boolean)(data, context);
      checked.errors = validate.errors as FastifySchemaValidationError[] | null | undefined;
      return isValid;
    }) as ((data: unknown, context?: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null; schemaEnv?: unknown };
    // Fastify passes the parent object (so Ajv may replace a coerced root value) only to Ajv functions.
    checked.schemaEnv = (validate as { schemaEnv?: unknown }).schemaEnv;
    return checked;
  });
  // Headers are read without a schema too (user-agent is stored at sign-in, the
  // upstream key is looked up): a NUL there is refused before anything reads it.
  app.addHook("onRequest", async (request) => {
    for (const [name, value] of Object.entries(request.headers)) {
      for (const text of Array.isArray(value) ? value : [value]) {
        const problem = typeof text === "string" ? unsafeTextProblem(text) : null;
        if (problem) throw new AppError("VALIDATION_FAILED", `${name} ${problem}`, { field: name });
      }
    }
  });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
/** Instants from 0001-01-01T00:00Z to the end of 9999: PostgreSQL has no year 0, and JavaScript writes later years with six digits. */
const EARLIEST = new Date("0001-01-01T00:00:00Z").getTime();
const LATEST = new Date("9999-12-31T23:59:59.999Z").getTime();

const isRealDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** A calendar date (RFC 3339 full-date) in years 0001–9999. */
export function isRepresentableDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An RFC 3339 date-time with a time zone, that JavaScript parses and PostgreSQL
 * stores: no leap second (23:59:60, which Date cannot hold), no hour 24, offsets
 * as ±hh:mm, and an instant in years 0001–9999.
 */
export function isRepresentableDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match;
  if (!isRealDate(Number(year), Number(month), Number(day))) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return false;
  if (offsetHours !== undefined && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return false;
  const instant = Date.parse(value.toUpperCase());
  return Number.isFinite(instant) && instant >= EARLIEST && instant <= LATEST;
}

/** Every /api route must declare its access; an undeclared route stops the start. */
export function requireDeclaredAccess(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (access !== "public" && access !== "staff" && access !== "citizen") {
      throw new Error(`Route ${route.method} ${route.url} declares no access ("public", "staff" or "citizen")`);
    }
  });
  // Before a byte of the body is read: an anonymous caller neither costs us its
  // upload (10 MiB attachments) nor learns anything about the body's shape.
  // preParsing runs after every onRequest hook, so the auth plugin has resolved
  // the actor whatever the order the hooks were added in.
  app.addHook("preParsing", async (request, reply, payload) => {
    const access = request.routeOptions.config.access;
    if ((access === "staff" || access === "citizen") && request.actor?.kind !== access) {
      // The unread body would otherwise be drained to keep the connection alive: close it instead.
      if (hasBody(request)) reply.header("connection", "close");
      throw new AppError("UNAUTHENTICATED", "Sign in first");
    }
    return payload;
  });
}

/** Does the request announce a body (a length above zero, or a chunked one)? */
export function hasBody(request: FastifyRequest): boolean {
  const length = request.headers["content-length"];
  return (length !== undefined && length !== "0") || request.headers["transfer-encoding"] !== undefined;
}

/** Maps every error to `{code, message, field?}` with a 4xx for anything the client did wrong. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error, request);
    // A throttle says when to come back, in the header clients and proxies know.
    const retryAfter = appError.extra?.retryAfter;
    if (appError.code === "TOO_MANY_REQUESTS" && typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
    if (appError.status >= 500) {
      // The stack goes to the log (with the cause Drizzle wraps); the caller gets the id to quote.
      request.log.error({ err: error, route: request.routeOptions.url ?? null }, "request failed");
      return reply.status(appError.status).send({ ...appError.toJSON(), requestId: request.id });
    }
    return reply.status(appError.status).send(appError.toJSON());
  });
}

/** Unknown API paths get a JSON 404; other GETs get the web app's page when there is one. */
export function installNotFound(app: FastifyInstance, hasWebApp: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    // Page paths (no file extension) get the app; a missing file stays a 404, and so does
    // anything under /assets/: a stale chunk must fail as a script, not parse index.html.
    const path = request.url.split("?")[0];
    if (hasWebApp && request.method === "GET" && !path.startsWith("/api/") && !path.startsWith("/assets/") && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send(new AppError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`).toJSON());
  });
}

function toAppError(error: FastifyError | AppError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const first = error.validation[0] as ValidationIssue | undefined;
    const field = fieldOf(first, error.validationContext);
    const message = first?.keyword === "additionalProperties" ? `unknown field ${field}` : `${field} ${describeIssue(first)}`;
    return new AppError("VALIDATION_FAILED", message, { field });
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("INVALID_JSON", "The body is not valid JSON");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("PAYLOAD_TOO_LARGE", "The body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send JSON (Content-Type: application/json)");
  }
  const fromDatabase = databaseErrorToAppError(error);
  if (fromDatabase) return fromDatabase;
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 413) return new AppError("PAYLOAD_TOO_LARGE", "The body is too large");
    if (error.statusCode === 415) return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send JSON (Content-Type: application/json)");
    return new AppError("VALIDATION_FAILED", error.message);
  }
  void request;
  return new AppError("INTERNAL", "Something went wrong on our side");
}

function describeIssue(issue: ValidationIssue | undefined): string {
  if (issue?.keyword === "pattern" && issue.params?.pattern === NOT_BLANK) return "must not be blank";
  return issue?.message ?? "is invalid";
}

/** What PostgreSQL said, wherever the driver or Drizzle put it (Drizzle wraps it as `cause`). */
type PgError = { code: string; detail?: string; constraint?: string; column?: string };

function findPgError(error: unknown): PgError | null {
  let current = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const { code } = current as { code?: unknown };
    // SQLSTATE: five characters of digits and capitals, e.g. 23505 or 22P02.
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return current as PgError;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

const snakeToCamel = (name: string) => name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The column a key violation names, from its detail: `Key (lower(username::text))=(x)
 * already exists.` → `username`. Only a single-column key names a field.
 */
function keyColumnOf(pg: PgError): string | undefined {
  if (pg.column) return snakeToCamel(pg.column);
  const key = /^Key \((.*?)\)=\(/.exec(pg.detail ?? "")?.[1];
  if (!key || key.includes(",")) return undefined;
  const names = [...key.matchAll(/(?<!::)\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)].map((m) => m[1]).filter((n) => !["text", "varchar", "citext"].includes(n));
  return names.length === 1 ? snakeToCamel(names[0]) : undefined;
}

/**
 * The safety net under validation: errors PostgreSQL raises for input that
 * slipped past the schema (or for a race two requests ran) become the 4xx they
 * are, never a 500. Null for anything else (a lost connection stays a 500).
 */
export function databaseErrorToAppError(error: unknown): AppError | null {
  const pg = findPgError(error);
  if (!pg) return null;
  const field = keyColumnOf(pg);
  const named = field ? { field } : {};
  switch (pg.code) {
    case "23505": // unique_violation: two requests raced for the same value
      return new AppError("CONFLICT", field ? `${field} is taken` : "Already exists", named);
    case "23503": // foreign_key_violation
      return /still referenced/.test(pg.detail ?? "")
        ? new AppError("CONFLICT", "Other records still refer to this one", named)
        : new AppError("VALIDATION_FAILED", field ? `${field} refers to nothing that exists` : "A reference points to nothing that exists", named);
    case "23502": // not_null_violation
    case "23514": // check_violation
    case "22001": // string_data_right_truncation (too long)
    case "22003": // numeric_value_out_of_range
    case "22007": // invalid_datetime_format
    case "22008": // datetime_field_overflow
    case "22021": // character_not_in_repertoire (a NUL in text)
    case "22P02": // invalid_text_representation
    case "22P05": // untranslatable_character (a NUL or lone surrogate in jsonb)
    case "2201W": // invalid_row_count_in_limit_clause
    case "2201X": // invalid_row_count_in_result_offset_clause
      return new AppError("VALIDATION_FAILED", "A value is out of range or has the wrong format", named);
    case "40001": // serialization_failure
    case "40P01": // deadlock_detected
      return new AppError("CONFLICT", "The request collided with another one; try again", { extra: { canRetry: true } });
  }
  return null;
}

type ValidationIssue = { instancePath?: string; keyword?: string; params?: Record<string, unknown>; message?: string };

/** `/windows/0/name` → `windows[0].name`; a missing or unknown property names itself. */
function fieldOf(issue: ValidationIssue | undefined, context: string | undefined): string {
  if (!issue) return context ?? "body";
  const parts = (issue.instancePath ?? "").split("/").filter(Boolean);
  const named = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (typeof named === "string") parts.push(named);
  if (parts.length === 0) return context ?? "body";
  return parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

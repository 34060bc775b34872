import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv };
import type { FastifyInstance, FastifyError, FastifyRequest } from "fastify";
import { AppError } from "./errors.ts";
import type { Actor } from "../policies/actor.ts";

/** How a route is reached: by anyone, or by a signed-in staff member (then the module's policy decides). */
export type RouteAccess = "public" | "staff";

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
 */
export function installValidators(app: FastifyInstance): void {
  const strict = new Ajv({ allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false });
  const lenient = new Ajv({ allErrors: false, coerceTypes: "array", removeAdditional: false, useDefaults: true, strict: false });
  addFormats.default(strict);
  addFormats.default(lenient);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? strict : lenient).compile(schema));
}

/** Every /api route must declare its access; an undeclared route stops the start. */
export function requireDeclaredAccess(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (access !== "public" && access !== "staff") {
      throw new Error(`Route ${route.method} ${route.url} declares no access ("public" or "staff")`);
    }
  });
  // Before validation: an anonymous caller learns nothing about the body's shape.
  app.addHook("preValidation", async (request) => {
    if (request.routeOptions.config.access === "staff" && request.actor?.kind !== "staff") {
      throw new AppError("UNAUTHENTICATED", "Sign in first");
    }
  });
}

/** Maps every error to `{code, message, field?}` with a 4xx for anything the client did wrong. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.status >= 500) request.log.error({ err: error }, "request failed");
    return reply.status(appError.status).send(appError.toJSON());
  });
}

/** Unknown API paths get a JSON 404; other GETs get the web app's page when there is one. */
export function installNotFound(app: FastifyInstance, hasWebApp: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    // Page paths (no file extension) get the app; a missing file stays a 404.
    const path = request.url.split("?")[0];
    if (hasWebApp && request.method === "GET" && !path.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send(new AppError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`).toJSON());
  });
}

function toAppError(error: FastifyError | AppError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const first = error.validation[0];
    const field = fieldOf(first, error.validationContext);
    const message = first?.keyword === "additionalProperties" ? `unknown field ${field}` : `${field} ${first?.message ?? "is invalid"}`;
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
  // Errors PostgreSQL raises for bad input that slipped past the schema.
  const pgCode = (error as { code?: string }).code;
  if (pgCode === "23505") return new AppError("CONFLICT", "Already exists");
  if (pgCode === "22P02" || pgCode === "22007" || pgCode === "22008") return new AppError("VALIDATION_FAILED", "A value has the wrong format");
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 413) return new AppError("PAYLOAD_TOO_LARGE", "The body is too large");
    if (error.statusCode === 415) return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send JSON (Content-Type: application/json)");
    return new AppError("VALIDATION_FAILED", error.message);
  }
  void request;
  return new AppError("INTERNAL", "Something went wrong on our side");
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

import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";

/** Where log lines go: stdout in production, an array in tests. */
export type LogDestination = { write(line: string): unknown };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// A mainland mobile number (optionally +86) and an 18-character resident ID
// number, standing alone (not inside a longer run of digits or letters).
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const PHONE = /(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;

/**
 * Personal data rule: phone and ID numbers never reach the log, wherever they
 * hide — a query string (`?phone=…`), an error message, a stack.
 */
export function redactPersonalData(text: string): string {
  return text.replace(ID_NUMBER, "[id-number]").replace(PHONE, "[phone]");
}

/**
 * Fastify's logger (pino, one JSON object per line): request lines come from
 * `RequestLogController` (one per request instead of Fastify's pair); headers are not
 * logged (cookies and the CSRF token are redacted should anything log them), and
 * every line passes `redactPersonalData` on its way out.
 */
export function loggerOptions(level: LogLevel, destination: LogDestination = process.stdout): FastifyServerOptions["logger"] {
  return {
    level,
    stream: { write: (line: string) => destination.write(redactPersonalData(line)) },
    redact: { paths: ["req.headers.cookie", 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', "headers.cookie", 'headers["x-csrf-token"]'], censor: "[redacted]" },
    serializers: {
      req: (request: { method?: string; url?: string; ip?: string }) => ({ method: request.method, url: request.url, ip: request.ip }),
    },
  };
}

/**
 * One line per request — request id, method, route, URL, status, milliseconds —
 * instead of Fastify's "incoming request" and "request completed" pair. Fastify's
 * other lines (serializer and stream errors) stay as they are.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions?.url ?? null,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
      ...(error ? { err: error } : {}),
    };
    if (error) request.log.error(line, "request");
    else request.log.info(line, "request");
  }
}

/** The request id in an `x-request-id` header, so a person reporting an error can quote it and its log lines be found. */
export function installRequestId(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
}

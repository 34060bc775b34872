/**
 * Errors carry a code; one table maps codes to HTTP statuses. The web client
 * switches on `code` and shows a translated message, so `message` is for
 * developers and API users, not for display.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** A one-time code that does not match (attemptsLeft says how many tries the code has left). */
  CODE_INVALID: 401,
  SIGNATURE_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  /** A one-time code past its 5 minutes, replaced by a newer one, or never sent: request a new one. */
  CODE_EXPIRED: 410,
  /** A one-time code already used once. */
  CODE_USED: 410,
  /** A one-time code that met its limit of wrong attempts: it is dead, request a new one. */
  CODE_ATTEMPTS_EXHAUSTED: 410,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_REGION: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  IMPORT_INVALID: 422,
  PASSWORD_POLICY: 422,
  INVALID_TRANSITION: 409,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  /** PDF documents need a Chinese font the server does not have (documents/pdf-document.ts); DOCX still works. */
  DOCUMENT_FONT_MISSING: 503,
  DATA_DIR_LOCKED: 500,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { field?: string; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.extra = options.extra;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...this.extra,
    };
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You may not do this") => new AppError("FORBIDDEN", message);

/** A refusal naming the field that is wrong, as the API reports it (pure rules return these). */
export type FieldProblem = { field: string; message: string };

/**
 * What went wrong, for a log line or a report: the innermost cause's message.
 * Drizzle wraps a driver error in one that quotes the query and its parameters,
 * which may be personal data; the driver's own message names the problem without them.
 */
export function errorMessage(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return (inner instanceof Error ? inner.message : String(inner)).slice(0, 500);
}

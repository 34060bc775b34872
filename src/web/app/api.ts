/**
 * The one HTTP client of the web front end. It speaks the server's JSON API under /api:
 * sends the CSRF cookie back as a header on every non-GET request, turns non-2xx bodies
 * into ApiError (carrying the server's `code` and `field`), and reports 401s so the shell
 * can send the person to the login page.
 */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'FORBIDDEN'
  | 'CSRF_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNKNOWN_REGION'
  | 'IMPORT_INVALID'
  | 'PASSWORD_POLICY'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL'
  | 'NETWORK';

export type ErrorBody = {
  code: string;
  message: string;
  field?: string;
  [extra: string]: unknown;
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.message || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.body = body;
  }
}

export const CSRF_COOKIE = 'santai_csrf';

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener | undefined;

/** The shell registers this to redirect to /login?next=… when a session expires. */
export function setUnauthenticatedHandler(listener: UnauthenticatedListener | undefined): void {
  onUnauthenticated = listener;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** Login and /me handle 401 themselves; everything else redirects. */
  isAuthProbe?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. Idempotency-Key on a create that may be retried. */
  headers?: Record<string, string>;
};

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let payload: string | Blob | undefined;
  if (options.body instanceof Blob) {
    // File uploads go as raw bytes; the caller names the type in `headers`.
    payload = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, options.query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, { code: 'NETWORK', message: String(cause) });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const body: ErrorBody =
      data && typeof data === 'object' && 'code' in data
        ? (data as ErrorBody)
        : { code: response.status >= 500 ? 'INTERNAL' : `HTTP_${response.status}`, message: response.statusText };
    const error = new ApiError(response.status, body);
    if (response.status === 401 && !options.isAuthProbe) onUnauthenticated?.();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, extra?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...extra, query }),
  post: <T>(path: string, body?: unknown, extra?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...extra, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export type Page<T> = { items: T[]; total: number };

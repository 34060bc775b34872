import type { TFunction } from 'i18next';
import { ApiError } from './api';
import { formatDateTime } from './time';

/** Kept here for pages written before app/time.ts; new code imports it from there. */
export { formatDateTime };

/** The translated message for an error: `errors.<CODE>` when we have one, else the server's message. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const extra: Record<string, unknown> = { ...error.body };
    if (typeof error.body.lockedUntil === 'string') {
      extra.lockedUntil = formatDateTime(error.body.lockedUntil);
    }
    return t(`errors.${error.code}`, { ...extra, defaultValue: error.message || error.code });
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The message shown under a form field. A VALIDATION_FAILED only says "invalid" in
 * translation, so the server's own message (which says what rule failed) is added.
 */
export function fieldErrorText(t: TFunction, error: unknown): string {
  const text = errorMessage(t, error);
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.message) return `${text}（${error.message}）`;
  return text;
}

/** The server's `field` as a dotted path: "/windows/0/name" and "windows[0].name" become "windows.0.name". */
export function normalizeField(field: string): string {
  return field.replace(/^\/+/, '').replace(/\[(\d+)\]/g, '.$1').replace(/\//g, '.').replace(/^body\./, '');
}

/**
 * Form field errors from a server 4xx that names a field, for antd's form.setFields.
 * Returns undefined when the error names no field the form shows, so the caller shows it
 * as a form-level message instead of losing it.
 */
export function fieldErrorFor(
  t: TFunction,
  error: unknown,
  knownFields: readonly string[],
): { name: (string | number)[]; errors: string[] } | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  const path = normalizeField(error.field);
  const name = knownFields.find((f) => f === path);
  if (!name) return undefined;
  return { name: name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors: [fieldErrorText(t, error)] };
}

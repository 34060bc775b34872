import type { TFunction } from 'i18next';
import { ApiError } from '../app/api';

/**
 * A portal error in the reader's language: the citizen.errors.<CODE> text, with
 * what the server adds (attemptsLeft, retryAfter as minutes or seconds); the
 * generic text when the code is not one the portal knows.
 */
export function portalErrorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('citizen.errors.generic');
  if (error.code === 'TOO_MANY_REQUESTS') {
    const seconds = Number(error.body.retryAfter);
    if (Number.isFinite(seconds) && seconds > 90) return t('citizen.errors.tooManyMinutes', { minutes: Math.ceil(seconds / 60) });
    return t('citizen.errors.tooManySeconds', { seconds: Number.isFinite(seconds) ? seconds : 60 });
  }
  if (error.code === 'VALIDATION_FAILED' && error.field) {
    const key = `citizen.errors.field.${error.field}`;
    const text = t(key, { defaultValue: '' });
    if (text) return text;
  }
  return t(`citizen.errors.${error.code}`, { attemptsLeft: error.body.attemptsLeft, defaultValue: t('citizen.errors.generic') });
}

/**
 * For pages that read rather than submit (law search, the reader, the assistant): a refusal for
 * going too fast or a lost connection in the portal's words; anything else the page's own
 * "did not work" text, not a message written for another page's errors.
 */
export function readingErrorMessage(t: TFunction, error: unknown, fallbackKey: string): string {
  if (error instanceof ApiError && ['TOO_MANY_REQUESTS', 'NETWORK'].includes(error.code)) return portalErrorMessage(t, error);
  return t(fallbackKey);
}

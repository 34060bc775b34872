import type { Gateway } from "./notification-channels.ts";

/**
 * A bureau's SMS provider reached over HTTP: one request per message, its URL,
 * body and credentials described by settings (SANTAI_SMS_GATEWAY_*,
 * docs/configuration.md), so most providers plug in without code.
 */
export type HttpSmsGatewaySettings = {
  /** Where to send; may hold placeholders (URL-encoded when filled). */
  url: string;
  method: "POST" | "PUT" | "GET";
  /** The body's media type; it decides how placeholders are escaped (JSON string, form-encoded, or as they are). */
  contentType: string;
  /** The body with placeholders: {{to}} {{text}} {{id}} {{key}} {{secret}} {{timestamp}}. Ignored for GET. */
  bodyTemplate: string;
  /** Sent as the Authorization header when set ("Bearer …", "Basic …", "APPCODE …"). */
  authorization: string | null;
  /** Credentials for providers that want them in the body or the URL: {{key}} and {{secret}}. */
  key: string;
  secret: string;
  /** When set, a 2xx answer must also contain this text to count as accepted (providers that answer 200 {"code":"FAIL"}). */
  successMatch: string | null;
};

export const DEFAULT_SMS_BODY_TEMPLATE = '{"to":"{{to}}","text":"{{text}}","id":"{{id}}"}';

const PLACEHOLDER = /\{\{\s*(to|text|id|key|secret|timestamp)\s*\}\}/g;

type Values = Record<"to" | "text" | "id" | "key" | "secret" | "timestamp", string>;

/** Fills the placeholders, each value escaped for where it lands. Unknown {{names}} stay as they are. */
export function fillTemplate(template: string, values: Values, escape: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (_match, name: keyof Values) => escape(values[name]));
}

/** How a value is escaped in a body of this media type: inside a JSON string, form-encoded, or as it is. */
export function escaperFor(contentType: string): (value: string) => string {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) return (value) => JSON.stringify(value).slice(1, -1);
  if (type === "application/x-www-form-urlencoded") return encodeURIComponent;
  return (value) => value;
}

/**
 * The gateway: resolves once the provider accepted the message (a 2xx, with
 * `successMatch` in the answer when set), throws otherwise. The error says only
 * the status (the answer may quote the number or the text, which must not land
 * in `notifications.last_error`). The message id goes as the `Idempotency-Key`
 * header and as {{id}}, the same on every retry.
 */
export function httpSmsGateway(settings: HttpSmsGatewaySettings, now: () => Date = () => new Date()): Gateway {
  const escapeBody = escaperFor(settings.contentType);
  return async (to, text, { idempotencyKey, signal }) => {
    const values: Values = { to, text, id: idempotencyKey, key: settings.key, secret: settings.secret, timestamp: String(Math.floor(now().getTime() / 1000)) };
    const headers: Record<string, string> = { "idempotency-key": idempotencyKey, accept: "application/json, text/plain, */*" };
    if (settings.authorization) headers.authorization = settings.authorization;
    const hasBody = settings.method !== "GET";
    if (hasBody) headers["content-type"] = settings.contentType;
    const response = await fetch(fillTemplate(settings.url, values, encodeURIComponent), {
      method: settings.method,
      headers,
      body: hasBody ? fillTemplate(settings.bodyTemplate, values, escapeBody) : undefined,
      signal,
      redirect: "error",
    });
    const answer = await response.text();
    if (!response.ok) throw new Error(`the SMS gateway answered HTTP ${response.status}`);
    if (settings.successMatch && !answer.includes(settings.successMatch)) {
      throw new Error(`the SMS gateway answered HTTP ${response.status} without ${JSON.stringify(settings.successMatch)}`);
    }
  };
}

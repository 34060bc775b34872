import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../platform/errors.ts";

/** Headers every signed request (and every callback we send) carries. */
export const KEY_HEADER = "x-santai-key";
export const TIMESTAMP_HEADER = "x-santai-timestamp";
export const SIGNATURE_HEADER = "x-santai-signature";

/** How far the sender's clock may be from ours; also bounds how long a captured request can be replayed. */
export const MAX_SKEW_SECONDS = 300;

/** hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`): the timestamp is signed so it cannot be moved. */
export function signBody(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");
}

/** Constant-time comparison of a sent signature with the expected one. */
export function isSignatureValid(secret: string, timestamp: string, rawBody: string | Buffer, sent: string): boolean {
  const expected = Buffer.from(signBody(secret, timestamp, rawBody), "hex");
  if (!/^[0-9a-f]{64}$/i.test(sent)) return false;
  return timingSafeEqual(expected, Buffer.from(sent, "hex"));
}

/** The timestamp as unix seconds if it is well-formed and within the allowed skew of `now`, else null. */
export function freshTimestamp(value: string, now: Date): number | null {
  if (!/^\d{1,12}$/.test(value)) return null;
  const seconds = Number(value);
  return Math.abs(seconds - Math.floor(now.getTime() / 1000)) <= MAX_SKEW_SECONDS ? seconds : null;
}

/** The three headers for a body sent at `now`. */
export function signedHeaders(apiKey: string, secret: string, rawBody: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [KEY_HEADER]: apiKey, [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signBody(secret, timestamp, rawBody) };
}

/** The three headers of a signed request, read before its body. */
export type SignedRequestHeaders = { key: string; timestamp: string; signature: string };

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  if (typeof value !== "string" || value === "") throw new AppError("SIGNATURE_INVALID", `Missing ${name} header`, { field: name });
  return value;
};

/**
 * The key, timestamp and signature of a signed request (the upstream intake, the
 * providers' API, the phone systems' events): each present, and the timestamp within
 * MAX_SKEW_SECONDS of `now`; otherwise a 401 naming the header.
 */
export function readSignedHeaders(headers: Record<string, string | string[] | undefined>, now: Date): SignedRequestHeaders {
  const key = header(headers, KEY_HEADER);
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (freshTimestamp(timestamp, now) === null) {
    throw new AppError("SIGNATURE_INVALID", `${TIMESTAMP_HEADER} must be unix seconds within ${MAX_SKEW_SECONDS} s of our clock (now ${Math.floor(now.getTime() / 1000)})`, { field: TIMESTAMP_HEADER });
  }
  return { key, timestamp, signature };
}

/** The answer to an unknown or disabled key and to a wrong signature alike (which of the two is not told). */
export const wrongSignature = () =>
  new AppError("SIGNATURE_INVALID", `Unknown key or wrong signature: ${SIGNATURE_HEADER} must be hex HMAC-SHA256(secret, "<timestamp>.<body>")`, { field: SIGNATURE_HEADER });

/** The answer to a signed request seen before (a replay within the allowed skew). */
export const replayedSignature = () =>
  new AppError("SIGNATURE_INVALID", "This signed request was already received (replay); sign each request anew with a fresh timestamp", { field: SIGNATURE_HEADER });

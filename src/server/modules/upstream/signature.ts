import { createHmac, timingSafeEqual } from "node:crypto";

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

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { freshTimestamp, isSignatureValid, signBody, signedHeaders } from "./signature.ts";

const SECRET = "s3cret";
const BODY = '{"externalRef":"p-1"}';

describe("upstream signatures", () => {
  it("is hex HMAC-SHA256 of `${timestamp}.${body}`", () => {
    expect(signBody(SECRET, 1_800_000_000, BODY)).toBe(createHmac("sha256", SECRET).update(`1800000000.${BODY}`).digest("hex"));
  });

  it("verifies the right signature only", () => {
    const sig = signBody(SECRET, "1800000000", BODY);
    expect(isSignatureValid(SECRET, "1800000000", Buffer.from(BODY), sig)).toBe(true);
    expect(isSignatureValid(SECRET, "1800000000", Buffer.from(BODY), sig.toUpperCase())).toBe(true);
    expect(isSignatureValid(SECRET, "1800000001", Buffer.from(BODY), sig)).toBe(false);
    expect(isSignatureValid(SECRET, "1800000000", Buffer.from(`${BODY} `), sig)).toBe(false);
    expect(isSignatureValid("other", "1800000000", Buffer.from(BODY), sig)).toBe(false);
    expect(isSignatureValid(SECRET, "1800000000", Buffer.from(BODY), sig.slice(0, 63))).toBe(false);
    expect(isSignatureValid(SECRET, "1800000000", Buffer.from(BODY), "")).toBe(false);
  });

  it.each([
    ["1800000000", true],
    ["1800000300", true],
    ["1799999700", true],
    ["1800000301", false],
    ["1799999699", false],
    ["1800000000.5", false],
    ["-1", false],
    ["", false],
  ])("timestamp %s within 300 s of 1800000000: %s", (value, isFresh) => {
    expect(freshTimestamp(value, new Date(1_800_000_000_000)) !== null).toBe(isFresh);
  });

  it("signs outgoing requests with the same scheme", () => {
    const headers = signedHeaders("up_key", SECRET, BODY, new Date(1_800_000_000_999));
    expect(headers).toEqual({ "x-santai-key": "up_key", "x-santai-timestamp": "1800000000", "x-santai-signature": signBody(SECRET, 1_800_000_000, BODY) });
  });
});

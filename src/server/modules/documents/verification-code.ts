import { randomBytes } from "node:crypto";

/**
 * 验证码: 16 characters of Crockford base32 from 10 CSPRNG bytes (80 bits), so
 * a code cannot be guessed or enumerated through the rate-limited verify route.
 * Printed in groups of four (K7QM-3XTD-…); read back case-insensitively, with or
 * without the hyphens and spaces, O as 0 and I/L as 1 (what people mistype).
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 16;

export function newVerificationCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(10);
  let bits = 0;
  let value = 0;
  let code = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/** The stored form of a code as someone typed it, or null when it cannot be one. */
export function normalizeVerificationCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** K7QM-3XTD-9PWB-2H4N: as printed on the document and shown by the verify page. */
export const groupVerificationCode = (code: string) => code.match(/.{1,4}/g)!.join("-");

/**
 * The absolute address that verifies a document, printed on it and encoded in its
 * QR code: the deployment's public address (SANTAI_PUBLIC_URL) and the public
 * verify page with the grouped code (what a person would type).
 */
export const verificationUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, "")}/verify/${groupVerificationCode(code.replace(/-/g, ""))}`;

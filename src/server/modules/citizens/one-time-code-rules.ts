import { randomInt } from "node:crypto";
import type { Protector } from "../../platform/personal/protect.ts";
import type { OneTimeCodePurpose } from "./citizens.tables.ts";

/** A code is valid for 5 minutes after it is sent. */
export const CODE_TTL_MS = 5 * 60_000;
/** Wrong tries a code allows; the next try finds it dead (CODE_ATTEMPTS_EXHAUSTED). */
export const CODE_MAX_ATTEMPTS = 5;
/** Six digits: what every SMS code in China looks like, and what people type without error. */
export const CODE_PATTERN = "^[0-9]{6}$";

/** A fresh six-digit code, from the system's CSPRNG. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, "0");

/**
 * What is hashed for a code: bound to the phone and the purpose, so a stored
 * hash matches only that phone's code for that use. Keyed (the protector's
 * lookup HMAC), so a copy of the table does not give the codes away by trying
 * all million of them.
 */
const codeMaterial = (phone: string, purpose: OneTimeCodePurpose, code: string) => `one-time-code|${purpose}|${phone}|${code}`;

export const codeHash = (protector: Protector, phone: string, purpose: OneTimeCodePurpose, code: string) => protector.lookupHash(codeMaterial(phone, purpose, code));

/** Does `code` match the stored hash, under any key of the keyring (a rotation within the 5 minutes)? */
export const isCodeRight = (protector: Protector, stored: string, phone: string, purpose: OneTimeCodePurpose, code: string) =>
  protector.lookupHashes(codeMaterial(phone, purpose, code)).includes(stored);

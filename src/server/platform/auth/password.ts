import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors.ts";

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, yet a sign-in stays well under 100 ms here.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | null = null;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword("santai-no-such-account"));

/**
 * Password rules: at least 8 characters, at least two kinds among letters,
 * digits and symbols, and not containing the username.
 * Returns the reason a password is refused, or null.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 8) return "at least 8 characters";
  if (password.length > 128) return "at most 128 characters";
  const kinds = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 2) return "at least two kinds of letters, digits and symbols";
  if (username && password.toLowerCase().includes(username.toLowerCase())) return "must not contain the username";
  return null;
}

export function assertPasswordAllowed(password: string, username: string, field = "password"): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError("PASSWORD_POLICY", `Password rules: ${problem}`, { field });
}

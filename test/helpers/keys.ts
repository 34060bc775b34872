import { buildKeyring, toKey, type Keyring } from "../../src/server/platform/keys.ts";
import { createProtector, type Protector } from "../../src/server/platform/personal/protect.ts";

/**
 * A keyring with fixed keys, for tests whose processes must open what each
 * other sealed (two processes on one database, a database reopened). A test
 * within one process can use `ephemeralKeyring()` instead.
 */
export function fixedTestKeyring(): Keyring {
  const data = toKey(Buffer.alloc(32, 11));
  const audit = toKey(Buffer.alloc(32, 12));
  return buildKeyring({ env: { data: null, retired: [], audit: null }, file: null, isFileNeeded: true, isEphemeral: true }, null, null, { data, audit });
}

export const fixedTestProtector = (): Protector => createProtector(fixedTestKeyring());

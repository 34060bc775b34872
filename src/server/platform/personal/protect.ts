import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "../db/index.ts";

/**
 * Protects personal data at rest: phone and ID numbers are stored encrypted
 * (AES-256-GCM) for the staff who must see them, plus a keyed hash (HMAC-SHA256)
 * so that "earlier tickets of this phone" is an index lookup that reveals nothing.
 */
export type Protector = {
  encrypt(value: string): string;
  decrypt(sealed: string): string;
  lookupHash(value: string): string;
};

export function createProtector(key: Buffer): Protector {
  if (key.length !== 32) throw new Error("The personal-data key must be 32 bytes (base64 in SANTAI_DATA_KEY)");
  const hashKey = createHmac("sha256", key).update("santai/lookup").digest();
  return {
    encrypt(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed.slice(3), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
    lookupHash: (value) => createHmac("sha256", hashKey).update(value.trim().toUpperCase()).digest("base64url"),
  };
}

/**
 * The key comes from SANTAI_DATA_KEY (base64, 32 bytes) — set it in production and
 * keep it out of the database backups. Without it, a key is made once and kept in
 * the database, which still keeps personal data out of logs and exports.
 */
export async function loadProtector(tx: Tx, env: NodeJS.ProcessEnv = process.env): Promise<Protector> {
  if (env.SANTAI_DATA_KEY) return createProtector(Buffer.from(env.SANTAI_DATA_KEY, "base64"));
  await tx.execute(sql`insert into platform_secrets (name, value) values ('data_key', ${randomBytes(32).toString("base64")}) on conflict (name) do nothing`);
  const result = await tx.execute<{ value: string }>(sql`select value from platform_secrets where name = 'data_key'`);
  return createProtector(Buffer.from(result.rows[0].value, "base64"));
}

import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { upstreamClients } from "../upstream.tables.ts";
import { freshTimestamp, isSignatureValid, KEY_HEADER, MAX_SKEW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../signature.ts";

export type UpstreamCaller = { id: string; name: string; regionCode: string; regionPath: string };

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  if (typeof value !== "string" || value === "") throw new AppError("SIGNATURE_INVALID", `Missing ${name} header`, { field: name });
  return value;
};

/**
 * Who sent this request, proven by the HMAC of its timestamp and exact body.
 * An unknown or disabled key and a wrong signature get the same answer, so the
 * reply does not tell which keys exist.
 */
export async function authenticateUpstream(
  tx: Tx,
  protector: Protector,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  now: Date,
): Promise<UpstreamCaller> {
  const key = header(headers, KEY_HEADER);
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (freshTimestamp(timestamp, now) === null) {
    throw new AppError("SIGNATURE_INVALID", `${TIMESTAMP_HEADER} must be unix seconds within ${MAX_SKEW_SECONDS} s of our clock (now ${Math.floor(now.getTime() / 1000)})`, { field: TIMESTAMP_HEADER });
  }
  const [row] = await tx
    .select({ id: upstreamClients.id, name: upstreamClients.name, secret: upstreamClients.secret, isDisabled: upstreamClients.isDisabled, regionCode: upstreamClients.regionCode, regionPath: upstreamClients.regionPath })
    .from(upstreamClients)
    .where(eq(upstreamClients.apiKey, key))
    .limit(1);
  if (!row || row.isDisabled || !isSignatureValid(protector.decrypt(row.secret), timestamp, rawBody, signature)) {
    throw new AppError("SIGNATURE_INVALID", `Unknown key or wrong signature: ${SIGNATURE_HEADER} must be hex HMAC-SHA256(secret, "<timestamp>.<body>")`, { field: SIGNATURE_HEADER });
  }
  return { id: row.id, name: row.name, regionCode: row.regionCode, regionPath: row.regionPath };
}

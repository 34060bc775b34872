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

/** A caller whose key and timestamp passed, before its body is read: what the signature check needs. */
export type IdentifiedCaller = { caller: UpstreamCaller; secret: string; timestamp: string; signature: string };

const wrongSignature = () =>
  new AppError("SIGNATURE_INVALID", `Unknown key or wrong signature: ${SIGNATURE_HEADER} must be hex HMAC-SHA256(secret, "<timestamp>.<body>")`, { field: SIGNATURE_HEADER });

/**
 * Who claims to send this request: the headers are there, the timestamp is fresh,
 * the key belongs to an enabled client. Needs no body, so the intake runs it
 * before reading one (an unsigned caller is refused without costing us its
 * upload). An unknown or disabled key gets the same answer as a wrong signature.
 */
export async function identifyUpstreamCaller(
  tx: Tx,
  protector: Protector,
  headers: Record<string, string | string[] | undefined>,
  now: Date,
): Promise<IdentifiedCaller> {
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
  // A secret no key of this server opens (reported by the protector) authenticates nobody.
  const secret = row && !row.isDisabled ? protector.tryDecrypt(row.secret) : null;
  if (!row || secret === null) throw wrongSignature();
  return { caller: { id: row.id, name: row.name, regionCode: row.regionCode, regionPath: row.regionPath }, secret, timestamp, signature };
}

/** The caller, once the HMAC of its timestamp and exact body proves it. */
export function verifyUpstreamSignature(identified: IdentifiedCaller, rawBody: Buffer): UpstreamCaller {
  if (!isSignatureValid(identified.secret, identified.timestamp, rawBody, identified.signature)) throw wrongSignature();
  return identified.caller;
}

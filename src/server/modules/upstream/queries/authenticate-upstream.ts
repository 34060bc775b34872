import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { upstreamClients } from "../upstream.tables.ts";
import { isSignatureValid, readSignedHeaders, wrongSignature } from "../signature.ts";

export type UpstreamCaller = { id: string; name: string; regionCode: string; regionPath: string };

/** A caller whose key and timestamp passed, before its body is read: what the signature check needs. */
export type IdentifiedCaller = { caller: UpstreamCaller; secret: string; timestamp: string; signature: string };

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
  const { key, timestamp, signature } = readSignedHeaders(headers, now);
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

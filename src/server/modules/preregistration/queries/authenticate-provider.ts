import { eq, lt } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { isSignatureValid, MAX_SKEW_SECONDS, readSignedHeaders, replayedSignature, wrongSignature } from "../../upstream/signature.ts";
import { findProviderById } from "../../directory/queries/find-routable-providers.ts";
import { providerApiClients, providerApiNonces } from "../preregistration.tables.ts";

export type ProviderCaller = { clientId: string; providerId: string; providerName: string };
export type IdentifiedProvider = { caller: ProviderCaller; secret: string; timestamp: string; signature: string };

/**
 * The provider that claims to send this request, from its headers only (run
 * before the body is read): the same three headers and rules as the upstream
 * intake (modules/upstream/signature.ts). An unknown or disabled key is answered
 * as a wrong signature.
 */
export async function identifyProvider(tx: Tx, protector: Protector, headers: Record<string, string | string[] | undefined>, now: Date): Promise<IdentifiedProvider> {
  const { key, timestamp, signature } = readSignedHeaders(headers, now);
  const [row] = await tx.select().from(providerApiClients).where(eq(providerApiClients.apiKey, key)).limit(1);
  const secret = row && !row.isDisabled ? protector.tryDecrypt(row.secret) : null;
  if (!row || secret === null) throw wrongSignature();
  const provider = await findProviderById(tx, row.providerId);
  if (!provider) throw wrongSignature();
  return { caller: { clientId: row.id, providerId: provider.id, providerName: provider.name }, secret, timestamp, signature };
}

/**
 * The caller once its signature over the exact body holds, and the signature
 * has not been seen before: a request captured and sent again within the allowed
 * skew is refused (the signature is kept as a nonce for as long as its timestamp
 * would pass, then forgotten).
 */
export async function verifyProvider(tx: Tx, identified: IdentifiedProvider, rawBody: Buffer, now: Date): Promise<ProviderCaller> {
  if (!isSignatureValid(identified.secret, identified.timestamp, rawBody, identified.signature)) throw wrongSignature();
  await tx.delete(providerApiNonces).where(lt(providerApiNonces.seenAt, new Date(now.getTime() - 2 * MAX_SKEW_SECONDS * 1000)));
  const inserted = await tx
    .insert(providerApiNonces)
    .values({ signature: identified.signature.toLowerCase(), clientId: identified.caller.clientId, seenAt: now })
    .onConflictDoNothing()
    .returning({ signature: providerApiNonces.signature });
  if (!inserted.length) throw replayedSignature();
  return identified.caller;
}

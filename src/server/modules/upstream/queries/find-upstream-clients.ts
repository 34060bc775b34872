import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { regions } from "../../regions/regions.tables.ts";
import { upstreamClients, type UpstreamClientRow } from "../upstream.tables.ts";
import { upstreamClientScope } from "../upstream.policy.ts";
import type { UpstreamClientView } from "../upstream.types.ts";

export type UpstreamClientWithRegion = { client: UpstreamClientRow; regionName: string; regionPath: string };

const columns = { client: upstreamClients, regionName: regions.name, regionPath: regions.path };

/** The upstream clients of the actor's scope (admins), oldest first. */
export async function findUpstreamClients(tx: Tx, actor: Actor): Promise<UpstreamClientWithRegion[]> {
  return tx
    .select(columns)
    .from(upstreamClients)
    .innerJoin(regions, eq(regions.code, upstreamClients.regionCode))
    .where(upstreamClientScope(actor, regions.path))
    .orderBy(asc(upstreamClients.createdAt), asc(upstreamClients.name));
}

export async function getUpstreamClient(tx: Tx, id: string): Promise<UpstreamClientWithRegion | null> {
  const [row] = await tx.select(columns).from(upstreamClients).innerJoin(regions, eq(regions.code, upstreamClients.regionCode)).where(eq(upstreamClients.id, id)).limit(1);
  return row ?? null;
}

/** Never the secret; the key only as a prefix (it was shown in full once, at creation). */
export function presentUpstreamClient({ client, regionName }: UpstreamClientWithRegion): UpstreamClientView {
  return {
    id: client.id,
    name: client.name,
    apiKeyPrefix: `${client.apiKey.slice(0, 8)}…`,
    callbackUrl: client.callbackUrl,
    region: { code: client.regionCode, name: regionName },
    isDisabled: client.isDisabled,
    createdAt: client.createdAt.toISOString(),
  };
}

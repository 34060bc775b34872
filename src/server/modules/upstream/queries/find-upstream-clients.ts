import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { upstreamClients, type UpstreamClientRow } from "../upstream.tables.ts";
import { upstreamClientScope } from "../upstream.policy.ts";
import type { UpstreamClientView } from "../upstream.types.ts";

export type UpstreamClientWithRegion = { client: UpstreamClientRow; regionName: string; regionPath: string };

async function withRegions(tx: Tx, rows: UpstreamClientRow[]): Promise<UpstreamClientWithRegion[]> {
  const refs = await findRegionRefs(tx, rows.map((r) => r.regionCode));
  return rows.map((client) => ({ client, regionName: refs.get(client.regionCode)?.name ?? client.regionCode, regionPath: client.regionPath }));
}

/** The upstream clients of the actor's scope (admins), oldest first. */
export async function findUpstreamClients(tx: Tx, actor: Actor): Promise<UpstreamClientWithRegion[]> {
  const rows = await tx
    .select()
    .from(upstreamClients)
    .where(upstreamClientScope(actor, upstreamClients.regionPath))
    .orderBy(asc(upstreamClients.createdAt), asc(upstreamClients.name));
  return withRegions(tx, rows);
}

export async function getUpstreamClient(tx: Tx, id: string): Promise<UpstreamClientWithRegion | null> {
  const [row] = await tx.select().from(upstreamClients).where(eq(upstreamClients.id, id)).limit(1);
  return row ? (await withRegions(tx, [row]))[0] : null;
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

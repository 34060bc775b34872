import { eq } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { regions, type RegionRow } from "../regions.tables.ts";

export type { RegionRow };

/** The region with this code, or UNKNOWN_REGION naming the field that sent it. */
export async function resolveRegion(tx: Tx, code: string, field = "regionCode"): Promise<RegionRow> {
  const [region] = await tx.select().from(regions).where(eq(regions.code, code)).limit(1);
  if (!region) throw new AppError("UNKNOWN_REGION", `No region has the code ${code}`, { field });
  return region;
}

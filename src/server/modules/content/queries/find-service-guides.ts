import type { Tx } from "../../../platform/db/index.ts";
import { findRegionRefsCached, resolveRegionCached } from "../../regions/queries/cached-regions.ts";
import { settingsAt } from "../../services/queries/find-service-settings.ts";
import { SERVICE_TYPES, type ServiceType } from "../../services/service-catalogue.ts";
import { findVenuesServing } from "../../venues/queries/find-serving-venues.ts";
import { GUIDE_FACTS } from "../service-guides.ts";
import type { ServiceGuideView, ServiceGuideSummaryView } from "../content.types.ts";

/** The region a visitor chose (UNKNOWN_REGION naming regionCode), or null for none. */
async function visitorRegion(tx: Tx, regionCode: string | undefined) {
  if (!regionCode) return null;
  const region = await resolveRegionCached(tx, regionCode, "regionCode");
  return { code: region.code, name: region.name, path: region.path };
}

/** Every service type's guide in brief: the fee and how many materials to bring there. */
export async function findServiceGuides(tx: Tx, regionCode?: string): Promise<{ region: { code: string; name: string } | null; items: ServiceGuideSummaryView[] }> {
  const region = await visitorRegion(tx, regionCode);
  const items: ServiceGuideSummaryView[] = [];
  for (const serviceType of SERVICE_TYPES) {
    // One after another: inside a transaction these share one connection.
    const settings = await settingsAt(tx, serviceType, region?.path ?? "");
    items.push({ serviceType, fee: GUIDE_FACTS[serviceType].fee, isOnline: GUIDE_FACTS[serviceType].isOnline, materialCount: settings.checklist.length });
  }
  return { region: region && { code: region.code, name: region.name }, items };
}

/**
 * One service's guide at the visitor's region: the checklist and the time limits
 * of the service settings in force there — the same `settingsAt` the window's
 * intake and the ticket's materials check resolve by the matter's region, so the
 * guide and the window ask for the same things — and the venues serving it.
 * Without a region: the shipped defaults and every venue offering the service.
 */
export async function getServiceGuide(tx: Tx, serviceType: ServiceType, regionCode?: string): Promise<ServiceGuideView> {
  const region = await visitorRegion(tx, regionCode);
  const settings = await settingsAt(tx, serviceType, region?.path ?? "");
  const source = settings.sourceRegionCode ? (await findRegionRefsCached(tx, [settings.sourceRegionCode])).get(settings.sourceRegionCode) : null;
  const venues = await findVenuesServing(tx, { serviceType, regionPath: region?.path ?? null, limit: region ? 20 : 50 });
  const facts = GUIDE_FACTS[serviceType];
  return {
    serviceType,
    region: region && { code: region.code, name: region.name },
    fee: facts.fee,
    basis: facts.basis,
    isOnline: facts.isOnline,
    materials: settings.checklist.map(({ key, name, isRequired }) => ({ key, name, isRequired })),
    deadlines: settings.deadlines.map(({ step, amount, unit }) => ({ step, amount, unit })),
    settingsSource: settings.sourceRegionCode ? { regionCode: settings.sourceRegionCode, regionName: source?.name ?? settings.sourceRegionCode } : "default",
    venues: venues.map((venue) => ({ ...venue, mapUrl: mapUrlOf(venue) })),
    hotline: "12348",
  };
}

/**
 * A map link by address (venues have no coordinates): AMap's URI API, which
 * opens the AMap app on a phone that has it and the web map otherwise. The
 * region's name goes first, so a short address ("司法所一层") finds the right town.
 */
export function mapUrlOf(venue: { name: string; address: string; region: { name: string } }): string {
  const keyword = `${venue.region.name} ${venue.address || venue.name}`.trim();
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(keyword)}&src=santai&callnative=0`;
}

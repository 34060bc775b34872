import type { RegionLevel } from "../regions/region-rules.ts";
import type { ServiceType } from "./service-catalogue.ts";

/**
 * 承办单位: the body that handles a service at a region node. A ticket's unit is stored as
 * a region code; people read it as the body sitting there (青川区法律援助中心, 东关街道人民调解委员会,
 * 青川区公共法律服务中心). The dispatch suggestion, the ticket as presented and the Excel export
 * all name it with `handlingUnitName`, so a clerk sees one name for one unit everywhere.
 */
export type UnitKind = "legal_aid_center" | "mediation_committee" | "duty_lawyers" | "service_center";

/** Which body handles each service (dispatch-rules.ts routes to the same kinds). */
export const UNIT_KIND_OF: Record<ServiceType, UnitKind> = {
  // Legal Aid Law art. 38: the legal aid body where the matter is handled.
  legal_aid: "legal_aid_center",
  // People's Mediation Law: committees in villages, communities and townships.
  mediation: "mediation_committee",
  // Duty lawyers at the venue (or the village advisor) answer and take referrals.
  consultation: "duty_lawyers",
  lawyer_referral: "duty_lawyers",
  // Services the platform guides to and pre-registers for: the public legal service center (综合受理).
  notarization: "service_center",
  forensic_appraisal: "service_center",
  arbitration: "service_center",
  administrative_reconsideration: "service_center",
  complaint: "service_center",
  suggestion: "service_center",
};

const VENUE_NOUN: Record<RegionLevel, string> = {
  province: "公共法律服务中心",
  city: "公共法律服务大厅",
  county: "公共法律服务中心",
  township: "公共法律服务工作站",
  village: "公共法律服务工作室",
};

/** The body of `kind` at a region node: 青川区法律援助中心, 东关街道人民调解委员会… */
export function unitName(kind: UnitKind, region: { name: string; level: RegionLevel }): string {
  if (kind === "legal_aid_center") return `${region.name}法律援助中心`;
  if (kind === "mediation_committee") return `${region.name}人民调解委员会`;
  return `${region.name}${VENUE_NOUN[region.level]}`;
}

/** The unit handling a ticket of `serviceType` at `region`, named as the dispatch suggestion names it. */
export function handlingUnitName(serviceType: string, region: { name: string; level: RegionLevel }): string {
  const kind = UNIT_KIND_OF[serviceType as ServiceType];
  return kind ? unitName(kind, region) : region.name;
}

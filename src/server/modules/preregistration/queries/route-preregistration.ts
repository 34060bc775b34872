import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { findRegionsOnPath } from "../../regions/queries/find-regions.ts";
import { findProvidersAt } from "../../directory/queries/find-routable-providers.ts";
import { unitName } from "../../services/handling-unit.ts";
import { assessAnswers, findMatter, type Answers, type Matter, type PreregistrationService } from "../preregistration-matters.ts";
import { offerProviders } from "../provider-routing.ts";
import type { RouteView } from "../preregistration.types.ts";

export type RouteResult = RouteView & {
  matter: Matter;
  region: { code: string; name: string; path: string };
  /** Where the fallback sits, as a path: the scope of the service centre that takes it. */
  fallbackPath: string | null;
  providerRows: { id: string; name: string; regionCode: string; regionPath: string }[];
};

/** The matter, or 400 naming `matter`. */
export function matterOrFail(service: PreregistrationService, code: string): Matter {
  const matter = findMatter(service, code);
  if (!matter) throw new AppError("VALIDATION_FAILED", `${code} is not a ${service} matter`, { field: "matter" });
  return matter;
}

/**
 * Where a matter from `regionCode` goes, given the answers: the findings (stops
 * and warnings with their articles), the providers offered (the matter's kind at
 * the nearest region node on the applicant's path that has any), and, when none
 * is offered, the service centre of the county (or the city, for a county
 * government's act) with the reason. A missing or wrong answer: 400 naming it.
 */
export async function routePreregistration(tx: Tx, service: PreregistrationService, matterCode: string, regionCode: string, answers: Answers, now: Date): Promise<RouteResult> {
  const matter = matterOrFail(service, matterCode);
  const assessment = assessAnswers(matter, answers, now);
  if (assessment.problem) throw new AppError("VALIDATION_FAILED", assessment.problem.message, { field: assessment.problem.field });
  const region = await resolveRegion(tx, regionCode);
  const onPath = await findRegionsOnPath(tx, region.path);
  const county = onPath.find((r) => r.level === "county") ?? null;
  const candidates = matter.target ? await findProvidersAt(tx, matter.target.kind, onPath.map((r) => r.code)) : [];
  const offered = offerProviders(matter, assessment.level, region.path, county?.code ?? null, candidates);
  const names = new Map(onPath.map((r) => [r.code, r.name]));
  const providers = offered.map((p) => {
    const row = candidates.find((c) => c.id === p.id)!;
    return { id: row.id, name: row.name, region: { code: row.regionCode, name: names.get(row.regionCode) ?? row.regionCode }, address: row.address, phone: row.phone, openingHours: row.openingHours };
  });
  let fallback: RouteView["fallback"] = null;
  let fallbackPath: string | null = null;
  if (!providers.length) {
    // The county's centre takes it; a county government's act is reconsidered a level up (the city's).
    const countyIndex = county ? onPath.indexOf(county) : onPath.length - 1;
    const at = assessment.level === "parent" && countyIndex > 0 ? onPath[countyIndex - 1] : (county ?? onPath[onPath.length - 1]);
    const note = !matter.target
      ? assessment.level === "parent"
        ? "由市级人民政府管辖（行政复议法第二十四条），请到市公共法律服务中心（司法局行政复议窗口）登记。"
        : assessment.level === "elsewhere"
          ? "应向作出行政行为机关的上一级主管部门申请（行政复议法第二十七条）；公共法律服务中心登记后协助您确定受理机关。"
          : "由县级人民政府管辖，县司法局（行政复议机构）具体办理（行政复议法第二十四条），公共法律服务中心代为登记转交。"
      : "本地区暂无可选的相应机构，由公共法律服务中心登记后联系、转交，并告知您办理进度。";
    fallback = { region: { code: at.code, name: at.name }, name: unitName("service_center", at), note };
    fallbackPath = at.path;
  }
  return {
    matter,
    region: { code: region.code, name: region.name, path: region.path },
    findings: assessment.findings,
    providers,
    fallback,
    fallbackPath,
    providerRows: offered,
  };
}

import type { Matter, RoutingLevel } from "./preregistration-matters.ts";

/** A provider the routing may offer: what it needs of a directory entry. */
export type RoutableProvider = { id: string; name: string; regionCode: string; regionPath: string };

/** Region codes of a materialized path, from the root down ("/98/9801/980102/" → ["98","9801","980102"]). */
export const codesOfPath = (path: string) => path.split("/").filter(Boolean);

const isLabourCommission = (name: string) => name.includes("劳动");

/**
 * The providers offered for a matter: those of the matter's kind at the
 * applicant's own region node or, failing that, at the nearest ancestor that has
 * any (a township's applicant gets the county's notary offices, then the city's).
 * With level `parent` the search starts one node above the applicant's county
 * (a county government's act is reconsidered by the city). Labour disputes go to
 * a labour commission, other arbitration to the other commissions. Pure:
 * `candidates` are the listed providers of the kind on the applicant's path.
 */
export function offerProviders(matter: Matter, level: RoutingLevel, applicantPath: string, countyCode: string | null, candidates: RoutableProvider[]): RoutableProvider[] {
  if (!matter.target || level === "elsewhere") return [];
  const filter = matter.target.nameFilter;
  const fitting = candidates.filter((p) => (filter === "labour" ? isLabourCommission(p.name) : filter === "not_labour" ? !isLabourCommission(p.name) : true));
  let codes = codesOfPath(applicantPath);
  if (level === "parent" && countyCode) codes = codes.slice(0, Math.max(codes.indexOf(countyCode), 0));
  for (let depth = codes.length - 1; depth >= 0; depth--) {
    const here = fitting.filter((p) => p.regionCode === codes[depth]).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
    if (here.length) return here;
  }
  return [];
}

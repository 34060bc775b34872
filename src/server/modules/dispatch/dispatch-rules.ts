import type { Role } from "../../policies/actor.ts";
import { depthOf, type RegionLevel } from "../regions/region-rules.ts";
import type { ServiceType } from "../services/service-catalogue.ts";
import { SERVICE_TYPE_LABELS as SERVICE_LABELS } from "../services/service-labels.ts";
import { UNIT_KIND_OF, unitName, type UnitKind } from "../services/handling-unit.ts";

export { unitName, type UnitKind };

/**
 * 中台统筹分配: which unit should handle a ticket and who in it, as pure rules.
 * The unit is a region node (the body that sits there: a legal aid center, a
 * mediation committee, a venue's duty lawyers); the search starts where the
 * service is organised and climbs the tree until a level has someone who can
 * take the ticket (就近分配, 逐级上溯).
 */
export type DispatchRoute = {
  unitKind: UnitKind;
  /** Roles that handle this service at a unit. */
  roles: readonly Role[];
  /**
   * Where the search starts: the matter's own node (mediation is done where the
   * dispute is; consultation by the nearest duty lawyer), or its county (legal aid
   * centers and the county's public legal service center are county bodies).
   */
  startsAt: "matter" | "county";
  /** What the people are called in a reason: "周审查" is a 审查人员. */
  roleLabel: string;
  /** The reason's first clause: who does what with it. */
  clause: (unitName: string, category: string) => string;
};

/** Services the platform guides to and pre-registers for go to the county's center (综合受理). */
const countyCenter = (serviceType: ServiceType): DispatchRoute => ({
  unitKind: UNIT_KIND_OF[serviceType],
  roles: ["window", "dispatcher"],
  startsAt: "county",
  roleLabel: "受理人员",
  clause: (unit) => `${SERVICE_LABELS[serviceType]}由${unit}受理`,
});

export const DISPATCH_ROUTES: Record<ServiceType, DispatchRoute> = {
  // Legal Aid Law art. 38: apply to the legal aid body where the matter is handled (county level).
  legal_aid: { unitKind: UNIT_KIND_OF.legal_aid, roles: ["reviewer"], startsAt: "county", roleLabel: "审查人员", clause: (unit) => `${SERVICE_LABELS.legal_aid}由${unit}审查` },
  // People's Mediation Law: committees sit in villages, communities and townships, where the dispute is.
  mediation: { unitKind: UNIT_KIND_OF.mediation, roles: ["mediator"], startsAt: "matter", roleLabel: "调解员", clause: (unit, category) => `${category}纠纷由${unit}调解` },
  // Village advisors (村法律顾问) answer questions in their villages as duty lawyers do at venues.
  consultation: { unitKind: UNIT_KIND_OF.consultation, roles: ["lawyer", "advisor"], startsAt: "matter", roleLabel: "值班律师或法律顾问", clause: (unit) => `${SERVICE_LABELS.consultation}由${unit}解答` },
  lawyer_referral: { unitKind: UNIT_KIND_OF.lawyer_referral, roles: ["lawyer"], startsAt: "matter", roleLabel: "值班律师", clause: (unit) => `${SERVICE_LABELS.lawyer_referral}由${unit}值班律师承接` },
  notarization: countyCenter("notarization"),
  forensic_appraisal: countyCenter("forensic_appraisal"),
  arbitration: countyCenter("arbitration"),
  administrative_reconsideration: countyCenter("administrative_reconsideration"),
  complaint: countyCenter("complaint"),
  suggestion: countyCenter("suggestion"),
};

const LANGUAGE_NAMES: Record<string, string> = { zh: "普通话", bo: "藏语", en: "英语" };

/** A node of the matter's branch of the tree. */
export type ChainNode = { code: string; name: string; level: RegionLevel };

/** A person who might take the ticket, with their current load (open tickets). */
export type DispatchPerson = {
  id: string;
  displayName: string;
  roles: readonly Role[];
  regionCode: string;
  skills: readonly string[];
  languages: readonly string[];
  isOnDuty: boolean;
  load: number;
};

export type RankedCandidate = DispatchPerson & {
  regionName: string;
  skillMatch: boolean;
  languageMatch: boolean;
  score: number;
  reason: string;
};

export type DispatchInput = {
  serviceType: ServiceType;
  category: string;
  language: string;
  /** The matter's node first, then each ancestor up to the root. */
  chain: readonly ChainNode[];
  people: readonly DispatchPerson[];
};

export type DispatchSuggestion = {
  unit: ChainNode & { regionName: string };
  unitKind: UnitKind;
  assignee: { id: string; displayName: string } | null;
  /** Whether the search had to climb above where it started. */
  isClimbed: boolean;
  reason: string;
  candidates: RankedCandidate[];
};

/**
 * Ranking, most important first: on duty, handles the category, speaks the
 * ticket's language, then the lightest load. The weights keep that order
 * strict: the load penalty is capped below the smallest criterion's weight.
 */
export function scoreOf(p: { isOnDuty: boolean; skillMatch: boolean; languageMatch: boolean; load: number }): number {
  return (p.isOnDuty ? 40 : 0) + (p.skillMatch ? 20 : 0) + (p.languageMatch ? 10 : 0) - Math.min(Math.max(p.load, 0), 9);
}

function personClause(c: Omit<RankedCandidate, "reason">, category: string, language: string): string {
  const parts = [c.isOnDuty ? "在岗" : "不在岗", c.skillMatch ? `擅长${category}` : `未登记擅长${category}`];
  const languageName = LANGUAGE_NAMES[language] ?? language;
  if (language !== "zh" || !c.languageMatch) parts.push(c.languageMatch ? `会讲${languageName}` : `不会讲${languageName}`);
  parts.push(`当前在办 ${c.load} 件`);
  return `${c.displayName}${parts.join("、")}`;
}

/** People at `node` who hold one of the route's roles, ranked. */
export function rankCandidates(people: readonly DispatchPerson[], node: ChainNode, route: DispatchRoute, category: string, language: string): RankedCandidate[] {
  return people
    .filter((p) => p.regionCode === node.code && p.roles.some((role) => route.roles.includes(role)))
    .map((p) => {
      const ranked = { ...p, regionName: node.name, skillMatch: p.skills.includes(category), languageMatch: p.languages.includes(language), score: 0 };
      ranked.score = scoreOf(ranked);
      return { ...ranked, reason: personClause(ranked, category, language) };
    })
    .sort((a, b) => b.score - a.score || a.load - b.load || a.displayName.localeCompare(b.displayName, "zh") || a.id.localeCompare(b.id));
}

/** Where the search starts: the matter's node, or for county bodies the first node at county level or above. */
function startIndex(chain: readonly ChainNode[], startsAt: DispatchRoute["startsAt"]): number {
  if (startsAt === "matter") return 0;
  const index = chain.findIndex((node) => depthOf(node.level) <= depthOf("county"));
  return index === -1 ? 0 : index;
}

/**
 * The suggestion for one ticket: the nearest level with someone on duty who can
 * take it; failing that, the nearest level with anyone who can (they are off
 * duty, so the ticket goes to the unit without a person); failing that, the
 * starting level with nobody, for the dispatcher to decide.
 */
export function suggestDispatch(input: DispatchInput): DispatchSuggestion {
  if (input.chain.length === 0) throw new Error("suggestDispatch needs the matter's region chain");
  const route = DISPATCH_ROUTES[input.serviceType];
  const levels = input.chain.slice(startIndex(input.chain, route.startsAt));
  const ranked = levels.map((node) => rankCandidates(input.people, node, route, input.category, input.language));
  let at = ranked.findIndex((candidates) => candidates.some((c) => c.isOnDuty));
  if (at === -1) at = ranked.findIndex((candidates) => candidates.length > 0);
  const found = at !== -1;
  const index = found ? at : 0;
  const node = levels[index];
  const name = unitName(route.unitKind, node);
  const candidates = ranked[index];
  const best = candidates[0]?.isOnDuty ? candidates[0] : null;

  const clauses = [route.clause(name, input.category)];
  if (index > 0) clauses[0] += `（${levels[0].name}无${route.roleLabel}，上溯至${node.name}）`;
  if (best) clauses.push(best.reason);
  else if (candidates.length > 0) clauses.push(`${route.roleLabel}均不在岗，分配至单位待认领`);
  else clauses.push(`本级及上级均无${route.roleLabel}，请调度员指定`);

  return {
    unit: { ...node, name, regionName: node.name },
    unitKind: route.unitKind,
    assignee: best ? { id: best.id, displayName: best.displayName } : null,
    isClimbed: index > 0,
    reason: clauses.join("；"),
    candidates,
  };
}

/** Whether there is anyone at all to take it: auto-dispatch leaves the ticket to a person otherwise. */
export const hasCapableUnit = (suggestion: DispatchSuggestion) => suggestion.candidates.length > 0;

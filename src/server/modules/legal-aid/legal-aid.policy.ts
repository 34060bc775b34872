import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, type Actor } from "../../policies/actor.ts";

/** A province's hardship standards. */
type StandardsRecord = { provincePath: string };

/**
 * Who sets the hardship standard (法律援助法 第三十四条: the provincial government
 * sets and adjusts it): an administrator or leader whose scope covers the whole
 * province — a city or county account must not change the line every other county
 * of the province applies. Every staff member of the province (or above it) reads
 * them: the window explains the line to applicants. The public reads the one in
 * force through the eligibility check.
 */
export const STANDARD_WRITER_ROLES = ["admin", "leader"] as const;

const isRelated = (actor: Actor, provincePath: string) =>
  isStaff(actor) && (actor.regionPath.startsWith(provincePath) || provincePath.startsWith(actor.regionPath));

export const legalAidStandardPolicy = definePolicy<StandardsRecord, "add">("legal aid standard", {
  read: (actor, record) => isRelated(actor, record.provincePath),
  add: (actor, record) => isStaff(actor) && record.provincePath.startsWith(actor.regionPath) && hasRole(actor, ...STANDARD_WRITER_ROLES),
});

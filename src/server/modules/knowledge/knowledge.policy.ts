import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { codesOfPath } from "../regions/region-rules.ts";
import { knowledgeEntries } from "./knowledge.tables.ts";
import type { KnowledgeStatus } from "./knowledge-rules.ts";

type EntryRecord = { regionPath: string; status: KnowledgeStatus };

/**
 * Who publishes FAQ entries and case explainers (以案释法): what the portal and the
 * search show speaks for the justice bureau, like its 普法 articles, so the accounts
 * that release those release these (content.policy.ts: administrators and leaders).
 */
export const KNOWLEDGE_PUBLISHER_ROLES: readonly Role[] = ["admin", "leader"];

/**
 * Who writes drafts besides them: the people who answer consultations, who know
 * which questions come again and again and how the law answers them — the duty
 * lawyers and the village legal advisors (dispatch-rules.ts: consultations go to
 * "lawyer" and "advisor"). They write and correct drafts; a publisher releases
 * them, and a published entry is changed only by a publisher (or withdrawn first),
 * so nothing reaches the public unreviewed.
 */
export const KNOWLEDGE_AUTHOR_ROLES: readonly Role[] = ["lawyer", "advisor"];

const isPublisher = (actor: Actor) => hasRole(actor, ...KNOWLEDGE_PUBLISHER_ROLES);
const isAuthor = (actor: Actor) => hasRole(actor, ...KNOWLEDGE_AUTHOR_ROLES);

/**
 * Staff read the entries of their scope (drafts included, as for articles); writers
 * edit there — authors only what is not published — and publishers publish and withdraw.
 */
export const knowledgeEntryPolicy = definePolicy<EntryRecord, "update" | "publish" | "withdraw">("knowledge entry", {
  read: (actor, entry) => isStaff(actor) && isWithinScope(actor, entry.regionPath),
  update: (actor, entry) => isWithinScope(actor, entry.regionPath) && (isPublisher(actor) || (isAuthor(actor) && entry.status !== "published")),
  publish: (actor, entry) => isWithinScope(actor, entry.regionPath) && isPublisher(actor),
  withdraw: (actor, entry) => isWithinScope(actor, entry.regionPath) && isPublisher(actor),
});

/** May the actor write a new entry? It is filed under their own region node. */
export const canWriteKnowledge = (actor: Actor): boolean => actor.kind === "system" || isPublisher(actor) || isAuthor(actor);

/** The list filter of the workbench: the same scope rule as `read`. */
export const knowledgeEntryScope = (actor: Actor) => scopeCondition(actor, knowledgeEntries.regionPath);

/**
 * The wording table is one for the whole deployment: every search, in every county,
 * applies it. So, as with the national holiday calendar (calendar.policy.ts), only an
 * administrator at a root node of the region tree changes it — a county admin must not
 * change what every other county's searches find. Every staff member reads it.
 */
const isAtRoot = (actor: Actor) => isStaff(actor) && codesOfPath(actor.regionPath).length === 1;

export const wordingPolicy = definePolicy<null, "manage">("query wording", {
  read: (actor) => isStaff(actor),
  manage: (actor) => hasRole(actor, "admin") && isAtRoot(actor),
});

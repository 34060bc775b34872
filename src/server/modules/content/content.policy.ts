import { definePolicy } from "../../policies/engine.ts";
import { hasRole, isStaff, isWithinScope, scopeCondition, type Actor, type Role } from "../../policies/actor.ts";
import { articles } from "./content.tables.ts";

type ArticleRecord = { regionPath: string };

/**
 * Who writes and publishes 普法 articles and 公告. What the portal publishes
 * speaks for the justice bureau (政务公开), so it is written and released by the
 * accounts that speak for it: administrators (who run the platform and its
 * content) and bureau leaders (who sign publications off). Supervisors oversee
 * the handling of requests, window staff, lawyers, mediators and advisors serve
 * people; none of them publishes in the bureau's name. Each writes only in their
 * own region subtree: a county's notice is the county's.
 */
export const ARTICLE_WRITER_ROLES: readonly Role[] = ["admin", "leader"];

const isWriter = (actor: Actor) => hasRole(actor, ...ARTICLE_WRITER_ROLES);

/**
 * Staff read the articles of their scope (drafts included: colleagues may look
 * before publication); writers edit, publish and withdraw them there.
 */
export const articlePolicy = definePolicy<ArticleRecord, "update" | "publish" | "withdraw">("article", {
  read: (actor, article) => isStaff(actor) && isWithinScope(actor, article.regionPath),
  update: (actor, article) => isWithinScope(actor, article.regionPath) && isWriter(actor),
  publish: (actor, article) => isWithinScope(actor, article.regionPath) && isWriter(actor),
  withdraw: (actor, article) => isWithinScope(actor, article.regionPath) && isWriter(actor),
});

/** May the actor write a new article? It is filed under their own region node. */
export const canWriteArticles = (actor: Actor): boolean => actor.kind === "system" || isWriter(actor);

/** The list filter of the workbench: the same scope rule as `read`. */
export const articleScope = (actor: Actor) => scopeCondition(actor, articles.regionPath);

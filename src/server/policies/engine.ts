import { AppError } from "../platform/errors.ts";
import type { Actor } from "./actor.ts";

export type Rule<R> = (actor: Actor, record: R) => boolean;

export type Policy<R, A extends string> = {
  /** May the actor do `action` to `record`? */
  can(actor: Actor, action: A, record: R): boolean;
  /**
   * Throws unless the actor may do `action`. A record the actor may not even
   * read is reported as NOT_FOUND, so its existence does not leak outside the scope.
   */
  authorize(actor: Actor, action: A, record: R): void;
  /** Every action's answer, sent with the record so the UI never re-derives roles. */
  abilities(actor: Actor, record: R): Record<A, boolean>;
};

/**
 * Declares a module's rules once. Every policy has a `read` rule; the module's
 * list query uses a scope filter built on the same predicate (see actor.ts).
 */
export function definePolicy<R, A extends string>(
  entity: string,
  rules: Record<A | "read", Rule<R>>,
): Policy<R, A | "read"> {
  const actions = Object.keys(rules) as (A | "read")[];
  return {
    can: (actor, action, record) => actor.kind === "system" || rules[action](actor, record),
    authorize(actor, action, record) {
      if (actor.kind === "system") return;
      if (!rules.read(actor, record)) throw new AppError("NOT_FOUND", `${entity} not found`);
      if (!rules[action](actor, record)) throw new AppError("FORBIDDEN", `You may not ${action} this ${entity}`);
    },
    abilities: (actor, record) =>
      Object.fromEntries(actions.map((action) => [action, rules[action](actor, record)])) as Record<A | "read", boolean>,
  };
}

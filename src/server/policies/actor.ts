import { sql, type SQL, type AnyColumn } from "drizzle-orm";

/** Staff roles. One account can hold several. */
export const ROLES = [
  "admin",
  "leader",
  "dispatcher",
  "window",
  "operator",
  "lawyer",
  "mediator",
  "advisor",
  "reviewer",
  "supervisor",
] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in staff member. `regionPath` is the root of their data scope. */
export type StaffActor = {
  kind: "staff";
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  regionCode: string;
  regionPath: string;
  /** Address the request came from, for the audit log. */
  ip: string | null;
};

/**
 * A citizen signed in on the portal by phone and one-time code (modules/citizens);
 * sees only their own records. The region and language are the citizen's own
 * profile choices (null until set), not a data scope: a citizen has none.
 */
export type CitizenActor = {
  kind: "citizen";
  id: string;
  /** Where the citizen lives, as they chose it: the default region of their requests. */
  regionCode: string | null;
  regionPath: string | null;
  /** The portal's language for this citizen, when they chose one. */
  preferredLanguage: "zh-CN" | "en" | "bo" | null;
  ip: string | null;
};

export const isCitizen = (actor: Actor | null | undefined): actor is CitizenActor => actor?.kind === "citizen";

/** The system itself: the scheduler, the CLI, the demo seed. */
export type SystemActor = { kind: "system"; id: null; username: string; ip: null };

export type Actor = StaffActor | CitizenActor | SystemActor;

export const systemActor = (username = "system"): SystemActor => ({ kind: "system", id: null, username, ip: null });

export const isStaff = (actor: Actor | null | undefined): actor is StaffActor => actor?.kind === "staff";

export const hasRole = (actor: Actor | null | undefined, ...roles: Role[]): boolean =>
  isStaff(actor) && actor.roles.some((role) => roles.includes(role));

/**
 * The one scope rule: a staff account sees its own region node and everything
 * under it (the system itself — CLI, seed, scheduler — sees everything). Paths are materialized ("/990000/990100/"), so "under" is a prefix.
 */
export const isWithinScope = (actor: Actor | null | undefined, regionPath: string): boolean =>
  actor?.kind === "system" || (isStaff(actor) && regionPath.startsWith(actor.regionPath));

/** The same rule as SQL, for list queries: `column LIKE actor.regionPath || '%'`. */
export function scopeCondition(actor: Actor, pathColumn: AnyColumn | SQL): SQL {
  if (actor.kind === "system") return sql`true`;
  if (!isStaff(actor)) return sql`false`;
  return sql`${pathColumn} like ${escapeLike(actor.regionPath) + "%"}`;
}

export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

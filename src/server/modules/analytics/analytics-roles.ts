import type { Role } from "../../policies/actor.ts";

/**
 * Who looks at the command center's figures: the leaders, the command centre, the
 * supervisors, the administrators. Free of imports, so the web app's menu reads it too.
 */
export const ANALYTICS_ROLES: readonly Role[] = ["leader", "dispatcher", "supervisor", "admin"];

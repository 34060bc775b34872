import type { Role } from "../../policies/actor.ts";

/**
 * Who handles an alert: the township office's leaders, supervisors and dispatchers,
 * and the mediators of its committees — within their region (a township's staff
 * their township's alerts, a county's the county's). Admins read them and run the
 * scan. Pure (no database): the web app's menu reads it too.
 */
export const ALERT_HANDLER_ROLES: Role[] = ["leader", "supervisor", "dispatcher", "mediator"];
export const ALERT_READER_ROLES: Role[] = [...ALERT_HANDLER_ROLES, "admin"];
/** Who may run the scan now (it also runs every 15 minutes). */
export const ALERT_SCAN_ROLES: Role[] = ["admin", "supervisor"];

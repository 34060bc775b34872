import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { AppError } from "../errors.ts";
import { hashToken, keepAlive, type SessionPolicy, type SessionRecord } from "./session.ts";
import type { Database } from "../db/index.ts";
import type { Clock } from "../clock.ts";
import type { Actor } from "../../policies/actor.ts";

export const SESSION_COOKIE = "santai_session";
export const CSRF_COOKIE = "santai_csrf";
export const CSRF_HEADER = "x-csrf-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves the session cookie to an actor on every request, and checks the CSRF
 * token (double submit, bound to the session) on every state-changing request
 * made with a session. Citizens will plug in here as another principal kind.
 */
/**
 * The session with this token hash, not revoked, and who its principal is now
 * (actor null: gone or disabled), in one query; null when there is no such
 * session. The accounts module provides it (the platform knows no accounts).
 */
export type SessionLoader = (db: Database["db"], tokenHash: string, ip: string | null) => Promise<{ session: SessionRecord; actor: Actor | null } | null>;

export function installAuth(app: FastifyInstance, deps: { database: Database; clock: Clock; policy: SessionPolicy; loadSession: SessionLoader }): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith("/api/")) return;
    const now = deps.clock.now();
    const found = await deps.loadSession(deps.database.db, hashToken(token), request.ip);
    const session = found && (await keepAlive(deps.database.db, found.session, now, deps.policy));
    if (!session) return;
    request.actor = found.actor;
    if (request.actor && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !sameToken(sent, session.csrfToken)) {
        throw new AppError("CSRF_FAILED", `Missing or wrong ${CSRF_HEADER} header`);
      }
    }
  });
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function setSessionCookies(
  reply: FastifyReply,
  session: { token: string; csrfToken: string; expiresAt: Date },
  isSecure: boolean,
  now: Date,
): void {
  // Max-Age, not Expires: the browser counts it on its own clock, so a device whose
  // clock is off does not drop (or keep) the session early. The server still ends it.
  const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000));
  const common = { path: "/", sameSite: "lax" as const, secure: isSecure, maxAge };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  // Readable by the web app, which echoes it in the CSRF header.
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  reply.clearCookie(CSRF_COOKIE, { path: "/" });
}

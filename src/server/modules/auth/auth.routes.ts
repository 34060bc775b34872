import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError } from "../../platform/errors.ts";
import { clearSessionCookies, setSessionCookies, SESSION_COOKIE } from "../../platform/auth/auth-plugin.ts";
import { revokeSession } from "../../platform/auth/session.ts";
import { isStaff } from "../../policies/actor.ts";
import { actorAbilities } from "../../policies/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { loadStaffActor } from "../accounts/queries/load-staff-actor.ts";
import { getRegion } from "../regions/queries/find-regions.ts";
import { RegionRefSchema } from "../regions/regions.types.ts";
import { RoleSchema } from "../accounts/accounts.types.ts";
import { recordThrottledSignIn, signIn } from "./commands/sign-in.ts";
import { clientAddress, createLimiter, tooManyRequests } from "../../platform/rate-limit.ts";
import type { Tx } from "../../platform/db/index.ts";
import type { StaffActor } from "../../policies/actor.ts";

const MeSchema = Type.Object({
  kind: Type.Literal("staff"),
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  region: RegionRefSchema,
  abilities: Type.Object({
    manageAccounts: Type.Boolean(),
    manageRegions: Type.Boolean(),
    createVenue: Type.Boolean(),
    readAudit: Type.Boolean(),
    searchByPhone: Type.Boolean({ description: "may search tickets by a phone number (sees phones in full)" }),
    searchByIdNumber: Type.Boolean({ description: "may search tickets by an ID number (sees them in full)" }),
    writeArticles: Type.Boolean({ description: "may write and publish 普法 articles and notices (admin, leader)" }),
    writeKnowledge: Type.Boolean({ description: "may write FAQ entries and case explainers (admin, leader, lawyer, advisor; admin and leader publish)" }),
    manageWordings: Type.Boolean({ description: "may change the everyday-to-legal wording table (an admin at a root node)" }),
    manageDocumentTemplates: Type.Boolean({ description: "may change the document templates (an admin at a root node)" }),
    isStaff: Type.Boolean(),
    readAppointments: Type.Boolean({ description: "may see the appointment slots and bookings of the venues in scope" }),
    manageLegalAidStandards: Type.Boolean({ description: "may see the province's legal aid hardship standards (adding one takes an account of the whole province)" }),
  }),
});

async function presentMe(tx: Tx, actor: StaffActor) {
  const region = await getRegion(tx, actor.regionCode);
  return {
    kind: "staff" as const,
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    region: { code: actor.regionCode, name: region?.name ?? actor.regionCode, level: region?.level ?? "city" },
    abilities: actorAbilities(actor),
  };
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, config, protector } = app.ctx;
  const policy = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    lockoutThreshold: config.lockoutThreshold,
    lockoutMinutes: config.lockoutMinutes,
    accountLockoutThreshold: config.accountLockoutThreshold,
  };
  // Failed sign-ins per client address, whatever the usernames: slows guessing
  // across accounts. Successes are given back, so a whole office behind one
  // address signing in each morning never meets it.
  const signInThrottle = createLimiter(
    app,
    { name: "sign-in", max: config.signInRateLimit, windowMs: config.signInRateLimitMinutes * 60_000 },
    { database, clock, protector },
  );

  app.post("/api/auth/login", {
    config: { access: "public" },
    schema: {
      tags: ["auth"],
      summary: "Staff sign-in with username and password; sets the session and CSRF cookies",
      description:
        "An unknown username, a wrong password and a disabled account all answer 401 INVALID_CREDENTIALS. " +
        `After ${config.lockoutThreshold} failures of a username from one address within ${config.lockoutMinutes} minutes, ` +
        "that address gets 429 TOO_MANY_REQUESTS with Retry-After for that username; other addresses are not affected. " +
        `After ${config.signInRateLimit} failed sign-ins from one address within ${config.signInRateLimitMinutes} minutes, any sign-in from it gets 429. ` +
        `After ${config.accountLockoutThreshold} failures of a username from all addresses the account is locked for ${config.lockoutMinutes} minutes: 423 ACCOUNT_LOCKED with lockedUntil.`,
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ account: MeSchema }) },
    },
    handler: async (request, reply) => {
      const { username, password } = request.body;
      const attempt = await signInThrottle.take(request);
      if (!attempt.isAllowed) {
        await database.db.transaction((tx) => recordThrottledSignIn(tx, { username, ip: request.ip, now: clock.now(), retryAfterSeconds: attempt.retryAfterSeconds }));
        throw tooManyRequests(reply, attempt.retryAfterSeconds);
      }
      const input = { username, password, ip: request.ip, address: clientAddress(request), userAgent: request.headers["user-agent"] ?? null, now: clock.now() };
      const result = await database.db.transaction((tx) => signIn(tx, input, policy, protector));
      if (!result.ok) {
        if (result.error.code === "TOO_MANY_REQUESTS") throw tooManyRequests(reply, Number(result.error.extra?.retryAfter));
        throw result.error;
      }
      await signInThrottle.giveBack(attempt.key);
      setSessionCookies(reply, result, config.isSecureCookie, clock.now());
      const actor = await loadStaffActor(database.db, result.accountId, request.ip);
      return { account: await presentMe(database.db, actor!) };
    },
  });

  app.post("/api/auth/logout", {
    config: { access: "public" },
    schema: { tags: ["auth"], summary: "End the session", response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        await database.db.transaction(async (tx) => {
          await revokeSession(tx, token, clock.now());
          if (request.actor) await recordAudit(tx, { actor: request.actor, action: "auth.logout", entityType: "account", entityId: request.actor.id, at: clock.now() });
        });
      }
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  });

  app.get("/api/auth/me", {
    config: { access: "public" },
    schema: { tags: ["auth"], summary: "The signed-in account, its region and abilities", response: { 200: MeSchema } },
    handler: async (request) => {
      if (!isStaff(request.actor)) throw new AppError("UNAUTHENTICATED", "Sign in first");
      return presentMe(database.db, request.actor);
    },
  });
};

import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "@sinclair/typebox";
import { AppError } from "../../platform/errors.ts";
import { clearSessionCookies, setSessionCookies, SESSION_COOKIE } from "../../platform/auth/auth-plugin.ts";
import { revokeSession } from "../../platform/auth/session.ts";
import { createLimiter, tooManyRequests, type Limiter } from "../../platform/rate-limit.ts";
import { maskPhone } from "../../platform/personal/identity.ts";
import { isCitizen, type CitizenActor } from "../../policies/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { CitizenProfileSchema, CodeSentSchema, ProfileChangesSchema, RequestCodeBodySchema, SignInBodySchema } from "./citizens.types.ts";
import { issueOneTimeCode } from "./commands/issue-one-time-code.ts";
import { signInCitizen } from "./commands/sign-in-citizen.ts";
import { updateCitizenProfile } from "./commands/update-citizen-profile.ts";
import { presentCitizenProfile } from "./queries/present-citizen.ts";
import { findRegionChildren } from "../regions/queries/find-region-children.ts";
import { RegionRefSchema, RegionCodeSchema } from "../regions/regions.types.ts";

/** Code sending and sign-in limits (docs/api.md, "Portal sign-in"). */
export const CITIZEN_LIMITS = {
  /** One code per phone per minute: the portal's resend countdown. */
  codePerPhoneInterval: { max: 1, windowMs: 60_000 },
  /** Five codes per phone per hour: nobody can turn the platform into an SMS bomb. */
  codePerPhoneHour: { max: 5, windowMs: 3_600_000 },
  /** Codes asked for from one address per hour, whatever the phones. */
  codePerAddressHour: { max: 20, windowMs: 3_600_000 },
  /** Failed sign-ins from one address per 15 minutes (successes are given back). */
  signInPerAddress: { max: 30, windowMs: 15 * 60_000 },
};

const phoneOf = (request: FastifyRequest) => (request.body as { phone: string }).phone;

/** The portal's sign-in (phone + one-time code) and the citizen's own profile. */
export const citizenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock, config, protector } = app.ctx;
  const deps = { database, clock, protector };
  const sessionPolicy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  const perAddress = createLimiter(app, { name: "portal-code-address", ...CITIZEN_LIMITS.codePerAddressHour }, deps);
  const perPhoneInterval = createLimiter(app, { name: "portal-code-phone-interval", ...CITIZEN_LIMITS.codePerPhoneInterval, key: phoneOf }, deps);
  const perPhoneHour = createLimiter(app, { name: "portal-code-phone-hour", ...CITIZEN_LIMITS.codePerPhoneHour, key: phoneOf }, deps);
  const signInThrottle = createLimiter(app, { name: "portal-sign-in", ...CITIZEN_LIMITS.signInPerAddress }, deps);

  app.post("/api/portal/auth/codes", {
    config: { access: "public" },
    schema: {
      tags: ["portal"],
      summary: "Send a one-time code by SMS to a phone (sign-in, or tracking a request); the answer never holds the code",
      description:
        "The same 202 whether or not the phone belongs to a citizen. A new code replaces the phone's older unused ones; it is valid 5 minutes. " +
        "Limits (429 TOO_MANY_REQUESTS with Retry-After): one code per phone per 60 s, 5 per phone per hour, 20 per client address per hour.",
      body: RequestCodeBodySchema,
      response: { 202: CodeSentSchema },
    },
    handler: async (request, reply) => {
      const { phone, purpose = "sign_in" } = request.body;
      // Address first (cheapest to exhaust for an attacker), then the phone's minute, then its hour.
      for (const limiter of [perAddress, perPhoneInterval, perPhoneHour] satisfies Limiter[]) {
        const taken = await limiter.take(request);
        if (!taken.isAllowed) throw tooManyRequests(reply, taken.retryAfterSeconds);
      }
      const now = clock.now();
      const { expiresAt } = await database.db.transaction((tx) => issueOneTimeCode(tx, protector, { phone, purpose, ip: request.ip, now }));
      return reply.status(202).send({ sentTo: maskPhone(phone), expiresAt: expiresAt.toISOString(), resendAfterSeconds: CITIZEN_LIMITS.codePerPhoneInterval.windowMs / 1000 });
    },
  });

  app.post("/api/portal/auth/sign-in", {
    config: { access: "public" },
    schema: {
      tags: ["portal"],
      summary: "Citizen sign-in with a phone and its one-time code; sets the session and CSRF cookies",
      description:
        "Refusals: 401 CODE_INVALID (with attemptsLeft), 410 CODE_EXPIRED (past 5 minutes, replaced, or never sent), 410 CODE_USED, " +
        "410 CODE_ATTEMPTS_EXHAUSTED (5 wrong tries kill a code). 30 failed sign-ins from one address in 15 minutes: 429 with Retry-After. " +
        "The first sign-in of a phone creates the citizen.",
      body: SignInBodySchema,
      response: { 200: Type.Object({ citizen: CitizenProfileSchema, isNew: Type.Boolean() }) },
    },
    handler: async (request, reply) => {
      const attempt = await signInThrottle.take(request);
      if (!attempt.isAllowed) throw tooManyRequests(reply, attempt.retryAfterSeconds);
      const input = { ...request.body, ip: request.ip, userAgent: request.headers["user-agent"] ?? null, now: clock.now() };
      // Committed before a refusal is thrown: the wrong try stays counted.
      const result = await database.db.transaction((tx) => signInCitizen(tx, protector, input, sessionPolicy));
      if (!result.ok) throw result.error;
      await signInThrottle.giveBack(attempt.key);
      setSessionCookies(reply, result, config.isSecureCookie, clock.now());
      const actor: CitizenActor = { kind: "citizen", id: result.citizenId, regionCode: null, regionPath: null, preferredLanguage: null, ip: request.ip };
      return { citizen: await presentCitizenProfile(database.db, actor, protector), isNew: result.isNew };
    },
  });

  app.post("/api/portal/auth/sign-out", {
    config: { access: "public" },
    schema: { tags: ["portal"], summary: "End the citizen's session (no error without one)", response: { 204: Type.Null() } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const actor = request.actor;
      if (token && isCitizen(actor)) {
        await database.db.transaction(async (tx) => {
          await revokeSession(tx, token, clock.now());
          await recordAudit(tx, { actor, action: "citizen.sign_out", entityType: "citizen", entityId: actor.id, at: clock.now() });
        });
      }
      if (!actor || isCitizen(actor)) clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  });

  app.get("/api/portal/regions", {
    config: { access: "public" },
    schema: {
      tags: ["portal"],
      summary: "The regions below one (the top ones without parentCode), for the portal's region picker",
      querystring: Type.Object({ parentCode: Type.Optional(RegionCodeSchema) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Type.Intersect([RegionRefSchema, Type.Object({ hasChildren: Type.Boolean() })])) }) },
    },
    handler: async (request) => ({ items: await findRegionChildren(database.db, request.query.parentCode ?? null) }),
  });

  app.get("/api/portal/me", {
    config: { access: "citizen" },
    schema: { tags: ["portal"], summary: "The signed-in citizen's own profile (phone and ID number masked)", response: { 200: CitizenProfileSchema } },
    handler: async (request) => presentCitizenProfile(database.db, citizenOf(request), protector),
  });

  app.patch("/api/portal/me", {
    config: { access: "citizen" },
    schema: {
      tags: ["portal"],
      summary: "Change the citizen's own profile: name, ID number (GB 11643 checked), region, preferred language; null clears a field",
      description: "400 VALIDATION_FAILED with field idNumber for a number that fails GB 11643-1999; 422 UNKNOWN_REGION with field regionCode.",
      body: ProfileChangesSchema,
      response: { 200: CitizenProfileSchema },
    },
    handler: async (request) => {
      const actor = citizenOf(request);
      await database.db.transaction((tx) => updateCitizenProfile(tx, actor, protector, request.body, clock.now()));
      return presentCitizenProfile(database.db, actor, protector);
    },
  });
};

/** The route's access ("citizen") has made sure of it; this only narrows the type. */
function citizenOf(request: FastifyRequest): CitizenActor {
  if (!isCitizen(request.actor)) throw new AppError("UNAUTHENTICATED", "Sign in first");
  return request.actor;
}

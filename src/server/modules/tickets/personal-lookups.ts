import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { createLimiter, tooManyRequests, type Limiter } from "../../platform/rate-limit.ts";
import { authorizePersonalSearch, type PersonalField } from "./tickets.policy.ts";

/**
 * The limit on personal-data lookups (a ticket search by phone or ID number, in
 * the list or the export): SANTAI_LOOKUP_LIMIT per account per
 * SANTAI_LOOKUP_WINDOW_MINUTES, so that recovering a masked value by trying its
 * hidden digits (1,243 searches for a phone) takes days, in plain view on the
 * audit log, instead of seconds. Counted in PostgreSQL (platform/rate-limit.ts),
 * so every process serving the database shares one count per account. Each
 * route that searches makes its limiter with this rule; they share the counter
 * by its name.
 */
export function personalLookupLimiter(app: FastifyInstance, ctx: AppContext): Limiter {
  return createLimiter(
    app,
    {
      name: "personal-lookup",
      max: ctx.config.lookupLimit,
      windowMs: ctx.config.lookupWindowMinutes * 60_000,
      key: (request) => String(request.actor!.id),
    },
    ctx,
  );
}

/**
 * Before a search's transaction (the embedded database has one connection):
 * refuses a personal-data filter the actor may not use (403 naming the field),
 * then takes one lookup from the actor's allowance (429 with Retry-After when
 * it is spent). A search without personal data takes nothing.
 */
export async function admitPersonalLookup(
  limiter: Limiter,
  request: FastifyRequest,
  reply: FastifyReply,
  query: Partial<Record<PersonalField, string>>,
): Promise<void> {
  const actor = request.actor!;
  const fields = authorizePersonalSearch(actor, query);
  if (fields.length === 0 || actor.kind !== "staff") return;
  const check = await limiter.take(request);
  if (!check.isAllowed) throw tooManyRequests(reply, check.retryAfterSeconds);
}

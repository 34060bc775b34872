import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Tx } from "../../platform/db/index.ts";
import { AppError } from "../../platform/errors.ts";
import { rateLimit } from "../../platform/rate-limit.ts";
import type { Actor } from "../../policies/actor.ts";
import { beijingDate } from "../calendar/working-calendar.ts";
import { resolveRegion } from "../regions/queries/resolve-region.ts";
import { codesOfPath } from "../regions/region-rules.ts";
import { legalAidStandardPolicy } from "./legal-aid.policy.ts";
import { isCalendarDate } from "./eligibility-rules.ts";
import {
  EligibilityRequestSchema,
  EligibilityResponseSchema,
  PublicStandardQuerySchema,
  PublicStandardSchema,
  StandardInputSchema,
  StandardListQuerySchema,
  StandardListSchema,
} from "./legal-aid.types.ts";
import { checkEligibility, provinceOf } from "./queries/check-eligibility.ts";
import { findStandardInForce, findStandards } from "./queries/find-standards.ts";
import { addStandard } from "./commands/add-standard.ts";

const tags = ["legal aid"];
const staff = { access: "staff" } as const;

/** The public self-check, counted per address: enough for a family trying what-ifs, a wall for a scraper. */
export const LEGAL_AID_LIMITS = {
  checksPerMinute: { max: 30, windowMs: 60_000 },
};
const checkLimit = rateLimit({ name: "legal-aid-check", ...LEGAL_AID_LIMITS.checksPerMinute });

/** The province a staff request is about: the one asked for, or the actor's own (the root of their path). */
async function provinceFor(tx: Tx, actor: Actor, provinceCode: string | undefined) {
  const code = provinceCode ?? (actor.kind === "staff" ? codesOfPath(actor.regionPath)[0] : "");
  const province = await resolveRegion(tx, code, "provinceCode");
  legalAidStandardPolicy.authorize(actor, "read", { provincePath: province.path });
  return province;
}

async function listStandards(tx: Tx, actor: Actor, province: Awaited<ReturnType<typeof provinceFor>>, today: string) {
  const rows = await findStandards(tx, province.code);
  const inForce = rows.find((r) => r.effectiveFrom <= today);
  return {
    province: { code: province.code, name: province.name },
    items: rows.map((r) => ({
      id: r.id,
      provinceCode: r.provinceCode,
      provinceName: province.name,
      effectiveFrom: r.effectiveFrom,
      incomeLinePerMember: Number(r.incomeLinePerMember),
      extraMatters: r.extraMatters,
      basis: r.basis,
      createdAt: r.createdAt.toISOString(),
      isInForce: r.id === inForce?.id,
    })),
    abilities: { add: legalAidStandardPolicy.can(actor, "add", { provincePath: province.path }) },
  };
}

/**
 * 法律援助: the public eligibility self-check (docs/legal-aid.md) and the
 * provinces' hardship standards. The application flow's routes come beside these.
 */
export const legalAidRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;
  const today = () => beijingDate(clock.now());
  /** The day a check is for: `asOf` when it is a real date (2026-02-30 is a 400), else today in Beijing. */
  const dayOf = (asOf: string | undefined) => {
    if (asOf === undefined) return today();
    if (!isCalendarDate(asOf)) throw new AppError("VALIDATION_FAILED", `${asOf} is not a date of the calendar`, { field: "asOf" });
    return asOf;
  };

  app.post("/api/legal-aid/eligibility", {
    config: { access: "public", rateLimit: checkLimit },
    schema: { tags, summary: "Could legal aid be given for this matter to this applicant? The rules of the Legal Aid Law that decide it", body: EligibilityRequestSchema, response: { 200: EligibilityResponseSchema } },
    handler: async (request) => checkEligibility(database.db, request.body, dayOf(request.body.asOf)),
  });

  app.get("/api/legal-aid/standard", {
    config: { access: "public", rateLimit: checkLimit },
    schema: { tags, summary: "The hardship standard in force where the applicant applies, with the province's own matters", querystring: PublicStandardQuerySchema, response: { 200: PublicStandardSchema } },
    handler: async (request) => {
      const asOf = dayOf(request.query.asOf);
      const { province } = await provinceOf(database.db, request.query.regionCode);
      const standard = await findStandardInForce(database.db, province.code, asOf);
      return {
        standard: standard ? { provinceCode: province.code, provinceName: province.name, effectiveFrom: standard.effectiveFrom, incomeLinePerMember: standard.incomeLinePerMember, basis: standard.basis } : null,
        extraMatters: standard?.extraMatters ?? [],
        asOf,
      };
    },
  });

  app.get("/api/legal-aid/standards", {
    config: staff,
    schema: { tags, summary: "A province's hardship standards, newest first (staff of the province)", querystring: StandardListQuerySchema, response: { 200: StandardListSchema } },
    handler: async (request) => {
      const province = await provinceFor(database.db, request.actor!, request.query.provinceCode);
      return listStandards(database.db, request.actor!, province, today());
    },
  });

  app.post("/api/legal-aid/standards", {
    config: staff,
    schema: { tags, summary: "Add a province's hardship standard from a date on (admin or leader of the province)", body: StandardInputSchema, response: { 201: StandardListSchema } },
    handler: async (request, reply) =>
      database.db.transaction(async (tx) => {
        const province = await provinceFor(tx, request.actor!, request.body.provinceCode);
        await addStandard(tx, request.actor!, province, request.body, clock.now());
        reply.code(201);
        return listStandards(tx, request.actor!, province, today());
      }),
  });
};

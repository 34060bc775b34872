import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Database } from "../../platform/db/index.ts";
import { rateLimit } from "../../platform/rate-limit.ts";
import type { Actor } from "../../policies/actor.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";
import { AnswerSchema, AskBodySchema, DraftBodySchema, DraftResultSchema, QUESTION_LENGTH } from "./assistant.types.ts";
import { answerQuestion, withDraft } from "./queries/answer-question.ts";
import { requestDraft } from "./llm-draft.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const byAccount = (request: { actor: Actor | null }) => `staff:${request.actor?.id ?? "-"}`;

/** The assistant's limits: a public question searches three times; a staff draft asks the model. */
export const ASSISTANT_LIMITS = {
  asksPerAddress: { max: 30, windowMs: 10 * 60_000 },
  draftsPerAccount: { max: 60, windowMs: 3_600_000 },
} as const;

/** A ticket the staff member may read, or 404 as for any ticket outside their scope. */
async function readableTicket(database: Database, actor: Actor, id: string) {
  const row = await getTicketRow(database.db, id);
  if (!row || !ticketPolicy.can(actor, "read", row)) throw notFound("Ticket");
  return row;
}

/**
 * 法律服务机器人: a citizen's question in plain words → category, service type,
 * articles, FAQ, cases, next steps and the request form filled in (and a model's
 * draft when one is configured); staff get the same beside a ticket.
 */
export const assistantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, config } = app.ctx;

  app.post("/api/assistant/ask", {
    config: { access: "public", rateLimit: rateLimit({ name: "assistant-ask", ...ASSISTANT_LIMITS.asksPerAddress }) },
    schema: {
      tags: ["assistant"],
      summary: "Ask the consultation assistant: the dispute category and service type of the question, the articles, FAQ and cases that apply, the next steps",
      description:
        `At most ${ASSISTANT_LIMITS.asksPerAddress.max} questions per address per ${ASSISTANT_LIMITS.asksPerAddress.windowMs / 60_000} minutes (429 with Retry-After). ` +
        "`draft` is null unless a language model is configured (SANTAI_LLM_URL) and answers in time with a grounded draft.",
      body: AskBodySchema,
      response: { 200: AnswerSchema },
    },
    handler: async (request) => {
      const { question, regionCode } = request.body;
      // The schema counts characters before trimming; "  a " is one character of question.
      if (question.length < QUESTION_LENGTH.min) throw new AppError("VALIDATION_FAILED", `question must be at least ${QUESTION_LENGTH.min} characters`, { field: "question" });
      const answer = await answerQuestion(database.db, { question, regionCode });
      return withDraft(answer, question, config.llm);
    },
  });

  app.get("/api/tickets/:id/suggestions", {
    config: staff,
    schema: {
      tags: ["assistant"],
      summary: "Suggestions beside a ticket: the assistant's answer to its description (articles, FAQ, cases, next steps at the matter's region); no draft (POST /api/assistant/draft)",
      params: IdParams,
      response: { 200: AnswerSchema },
    },
    handler: async (request) => {
      const ticket = await readableTicket(database, request.actor!, request.params.id);
      return answerQuestion(database.db, { question: ticket.description, regionCode: ticket.regionCode });
    },
  });

  app.post("/api/assistant/draft", {
    config: { ...staff, rateLimit: rateLimit({ name: "assistant-drafts", ...ASSISTANT_LIMITS.draftsPerAccount, key: byAccount }) },
    schema: {
      tags: ["assistant"],
      summary: "A machine-drafted answer to a ticket's description, grounded in the articles retrieved for it, for staff to edit and send",
      description:
        "`draft` is null, with `reason`, when no language model is configured (`not_configured`), the search found nothing to ground it on (`no_articles`), " +
        "the model did not answer in time (`timeout`) or failed (`failed`), or its answer cited nothing retrieved (`ungrounded`).",
      body: DraftBodySchema,
      response: { 200: DraftResultSchema },
    },
    handler: async (request) => {
      const ticket = await readableTicket(database, request.actor!, request.body.ticketId);
      if (!config.llm) return { draft: null, reason: "not_configured" as const };
      const answer = await answerQuestion(database.db, { question: ticket.description, regionCode: ticket.regionCode });
      const outcome = await requestDraft(config.llm, ticket.description, answer.articles);
      return outcome.draft ? { draft: outcome.draft, reason: null } : { draft: null, reason: outcome.reason };
    },
  });
};

import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { countTicketChanges, countTicketQueues, countTicketsToday, startOfBeijingDay } from "../tickets/queries/ticket-summary.ts";
import { countOversight, summarizeRatings } from "../oversight/queries/oversight-summary.ts";
import { countAwaitingReplies } from "../requests/queries/find-awaiting-replies.ts";
import { WorkbenchSummarySchema } from "./workbench.types.ts";

/**
 * The staff home page's read model, composed of each module's own counts; every
 * count is the total of the list it links to, within the account's scope.
 */
export const workbenchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/workbench/summary", {
    config: { access: "staff" },
    schema: {
      tags: ["workbench"],
      summary: "The home page: queue counts, follow-ups and 督办 waiting, what changed since yesterday, today's figures",
      response: { 200: WorkbenchSummarySchema },
    },
    // One transaction: every figure is read from the same snapshot.
    handler: async (request) =>
      database.db.transaction(async (tx) => {
        const actor = request.actor!;
        const now = clock.now();
        const tickets = await countTicketQueues(tx, actor);
        const { followUps, supervision } = await countOversight(tx, actor, now);
        const changes = await countTicketChanges(tx, actor, now);
        const today = await countTicketsToday(tx, actor, now);
        const since = startOfBeijingDay(now);
        const ratings = await summarizeRatings(tx, actor, since);
        const awaitingReplies = await countAwaitingReplies(tx, actor, now);
        return { tickets, followUps, supervision, awaitingReplies, changes: { since: changes.since, ...changes.counts }, today: { since: since.toISOString(), ...today, ratings } };
      }),
  });
};

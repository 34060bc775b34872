import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { notFound } from "../../platform/errors.ts";
import { isWithinScope, type Actor } from "../../policies/actor.ts";
import { codesOfPath } from "../regions/region-rules.ts";
import { ticketPolicy } from "../tickets/tickets.policy.ts";
import { getTicketRow } from "../tickets/queries/get-ticket.ts";
import type { DispatchSuggestion } from "./dispatch-rules.ts";
import { DispatchSuggestionSchema } from "./dispatch.types.ts";
import { suggestForTicket } from "./queries/dispatch-suggestion.ts";

const staff = { access: "staff" } as const;
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** The unit is the matter's node or one of its ancestors, so its path is a prefix of the matter's. */
function presentSuggestion(actor: Actor, matterPath: string, s: DispatchSuggestion) {
  const codes = codesOfPath(matterPath);
  const unitPath = `/${codes.slice(0, codes.indexOf(s.unit.code) + 1).join("/")}/`;
  return {
    unit: s.unit,
    unitKind: s.unitKind,
    assignee: s.assignee,
    isClimbed: s.isClimbed,
    canAssign: isWithinScope(actor, unitPath),
    reason: s.reason,
    candidates: s.candidates.map((c) => ({
      id: c.id,
      displayName: c.displayName,
      roles: [...c.roles],
      regionName: c.regionName,
      load: c.load,
      isOnDuty: c.isOnDuty,
      skillMatch: c.skillMatch,
      languageMatch: c.languageMatch,
      score: c.score,
      reason: c.reason,
    })),
  };
}

/** 中台统筹分配: which unit and person should take a ticket. */
export const dispatchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.ctx;

  app.get("/api/tickets/:id/dispatch-suggestion", {
    config: staff,
    schema: {
      tags: ["dispatch"],
      summary: "Which unit and person should take this ticket, and why (dispatchers); accept or override with the assign action",
      params: IdParams,
      response: { 200: DispatchSuggestionSchema },
    },
    handler: async (request) => {
      const row = await getTicketRow(database.db, request.params.id);
      if (!row) throw notFound("Ticket");
      ticketPolicy.authorize(request.actor!, "assign", row);
      return presentSuggestion(request.actor!, row.regionPath, await suggestForTicket(database.db, row, clock.now()));
    },
  });
};

import { Type, type Static } from "@sinclair/typebox";
import { TICKET_COUNTS } from "../tickets/ticket-rules.ts";

const Count = Type.Integer({ minimum: 0 });
const CountOrNull = Type.Union([Count, Type.Null()]);

/** GET /api/workbench/summary: what the staff home page shows, all within the account's scope. */
export const WorkbenchSummarySchema = Type.Object({
  tickets: Type.Object(
    Object.fromEntries(Object.keys(TICKET_COUNTS).map((key) => [key, Count])) as Record<keyof typeof TICKET_COUNTS, typeof Count>,
    { description: "each the total of GET /api/tickets with the query of the same name (TICKET_COUNTS)" },
  ),
  followUps: Type.Object(
    { mine: CountOrNull, open: CountOrNull },
    { description: "the totals of GET /api/follow-ups?queue=mine and ?queue=open; null where the account has no such queue" },
  ),
  awaitingReplies: Type.Union([Count, Type.Null()], {
    description: "the length of GET /api/requests/awaiting-reply (portal requests whose applicant waits for an answer); null for roles that do not answer applicants",
  }),
  supervision: Type.Union([Type.Object({ open: Count, overdue: Count }), Type.Null()], {
    description: "the totals of GET /api/supervision?state=open and ?state=overdue; null for roles that do not read the ledger",
  }),
  changes: Type.Object(
    {
      since: Type.String({ format: "date-time", description: "yesterday 00:00 Beijing time" }),
      created: Count,
      resolved: Count,
      overdue: Count,
      sentBack: Count,
    },
    { description: "tickets taken in, resolved, newly past a deadline, sent back since yesterday 00:00 Beijing time" },
  ),
  today: Type.Object(
    {
      since: Type.String({ format: "date-time", description: "today 00:00 Beijing time" }),
      received: Count,
      receivedByChannel: Type.Record(Type.String(), Count),
      resolved: Count,
      ratings: Type.Object({ count: Count, averageScore: Type.Union([Type.Number(), Type.Null()]), satisfiedShare: Type.Union([Type.Number(), Type.Null()]) }),
    },
    { description: "today's figures: received by channel, resolved, the 满意度 ratings recorded" },
  ),
});
export type WorkbenchSummary = Static<typeof WorkbenchSummarySchema>;

import { and, arrayOverlaps, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { accounts } from "../../accounts/accounts.tables.ts";
import { codesOfPath } from "../../regions/region-rules.ts";
import { regions } from "../../regions/regions.tables.ts";
import type { TicketRow } from "../../tickets/tickets.tables.ts";
import type { ServiceType } from "../../tickets/ticket-rules.ts";
import { DISPATCH_ROUTES, suggestDispatch, type ChainNode, type DispatchInput, type DispatchPerson, type DispatchSuggestion } from "../dispatch-rules.ts";

/** Statuses in which a ticket weighs on its assignee. */
export const OPEN_STATUSES = ["assigned", "in_progress", "suspended"] as const;
const OPEN_LITERALS = OPEN_STATUSES.map((status) => `'${status}'`).join(", ");

type TicketFacts = Pick<TicketRow, "serviceType" | "category" | "language" | "regionPath">;

/**
 * What the suggestion needs: the matter's branch of the tree (matter first, root
 * last) and the active people bound to any node of it who hold a role the
 * service needs, each with their count of open tickets.
 */
export async function loadDispatchInput(tx: Tx, ticket: TicketFacts): Promise<DispatchInput> {
  const serviceType = ticket.serviceType as ServiceType;
  const route = DISPATCH_ROUTES[serviceType];
  const codes = codesOfPath(ticket.regionPath);
  // One after another: inside a transaction these share one connection.
  const nodes = await tx.select({ code: regions.code, name: regions.name, level: regions.level }).from(regions).where(inArray(regions.code, codes));
  const people = await tx
      .select({
        id: accounts.id,
        displayName: accounts.displayName,
        roles: accounts.roles,
        regionCode: accounts.regionCode,
        skills: accounts.skills,
        languages: accounts.languages,
        isOnDuty: accounts.isOnDuty,
        // Correlated per person. The statuses are literals so the partial index tickets_assignee_open
        // applies; the outer column is spelled out because drizzle renders a bare column unqualified
        // inside raw SQL, where it would bind to the subquery's own table.
        load: sql<number>`(select count(*)::int from tickets t where t.assignee_id = "accounts"."id" and t.status in (${sql.raw(OPEN_LITERALS)}))`,
      })
      .from(accounts)
      .where(and(inArray(accounts.regionCode, codes), eq(accounts.isDisabled, false), arrayOverlaps(accounts.roles, [...route.roles])));

  const byCode = new Map(nodes.map((node) => [node.code, node]));
  const chain: ChainNode[] = codes.reverse().flatMap((code) => byCode.get(code) ?? []);
  return {
    serviceType,
    category: ticket.category,
    language: ticket.language,
    chain,
    people: people.map((p): DispatchPerson => ({ ...p, load: Number(p.load) })),
  };
}

/** The dispatch suggestion for a ticket (read-only; the dispatcher accepts it with the `assign` action). */
export async function suggestForTicket(tx: Tx, ticket: TicketFacts): Promise<DispatchSuggestion> {
  return suggestDispatch(await loadDispatchInput(tx, ticket));
}

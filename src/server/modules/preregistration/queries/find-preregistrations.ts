import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { notFound } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { findRegionRefs } from "../../regions/queries/find-regions.ts";
import { getTicketRows } from "../../tickets/queries/get-ticket.ts";
import { preregistrations, preregistrationUpdates, type PreregistrationRow } from "../preregistration.tables.ts";
import { preregistrationPolicy, preregistrationScope } from "../preregistration.policy.ts";
import { findMatter, type PreregistrationService } from "../preregistration-matters.ts";
import { nextStatuses, type PreregistrationStatus } from "../preregistration.state.ts";
import type { PreregistrationView } from "../preregistration.types.ts";

export type PreregistrationFilter = { status?: PreregistrationStatus; service?: PreregistrationService; limit?: number; offset?: number };

/** One pre-registration the actor may read, or 404 (another's, or outside the scope, does not exist for them). */
export async function getReadablePreregistration(tx: Tx, actor: Actor, id: string): Promise<PreregistrationRow> {
  const [row] = await tx.select().from(preregistrations).where(eq(preregistrations.id, id)).limit(1);
  if (!row || !preregistrationPolicy.can(actor, "read", row)) throw notFound("Pre-registration");
  return row;
}

/** The pre-registration of a ticket, if it is one (for the provider API, which names it by the ticket number). */
export async function findPreregistrationIdByTicket(tx: Tx, ticketId: string): Promise<string | null> {
  const [row] = await tx.select({ id: preregistrations.id }).from(preregistrations).where(eq(preregistrations.ticketId, ticketId)).limit(1);
  return row?.id ?? null;
}

/** The pre-registrations routed to one provider (its signed API), newest first. */
export async function findRoutedToProvider(tx: Tx, providerId: string, filter: PreregistrationFilter): Promise<PreregistrationRow[]> {
  const conditions: SQL[] = [eq(preregistrations.providerId, providerId)];
  if (filter.status) conditions.push(eq(preregistrations.status, filter.status));
  return tx.select().from(preregistrations).where(and(...conditions)).orderBy(desc(preregistrations.createdAt), desc(preregistrations.id)).limit(filter.limit ?? 20).offset(filter.offset ?? 0);
}

/** The actor's pre-registrations (the scope filter is the `read` rule's twin), newest first. */
export async function findPreregistrations(tx: Tx, actor: Actor, filter: PreregistrationFilter): Promise<{ items: PreregistrationView[]; total: number }> {
  const conditions: SQL[] = [preregistrationScope(actor)];
  if (filter.status) conditions.push(eq(preregistrations.status, filter.status));
  if (filter.service) conditions.push(eq(preregistrations.serviceType, filter.service));
  const where = and(...conditions);
  const rows = await tx.select().from(preregistrations).where(where).orderBy(desc(preregistrations.createdAt), desc(preregistrations.id)).limit(filter.limit ?? 20).offset(filter.offset ?? 0);
  const [{ total }] = await tx.select({ total: count() }).from(preregistrations).where(where);
  return { items: await presentPreregistrations(tx, actor, rows), total };
}

/** As the API answers them: the matter's name and notes, the regions named, the history, what comes next and what the actor may do. */
export async function presentPreregistrations(tx: Tx, actor: Actor, rows: PreregistrationRow[]): Promise<PreregistrationView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const tickets = await getTicketRows(tx, rows.map((r) => r.ticketId));
  const regions = await findRegionRefs(tx, rows.flatMap((r) => [r.regionCode, r.routeRegionCode]));
  const updates = await tx.select().from(preregistrationUpdates).where(inArray(preregistrationUpdates.preregistrationId, ids)).orderBy(asc(preregistrationUpdates.id));
  const numbers = new Map(tickets.map((t) => [t.id, t.number]));
  const region = (code: string) => ({ code, name: regions.get(code)?.name ?? code });
  return rows.map((row) => {
    const matter = findMatter(row.serviceType, row.matterCode);
    const abilities = preregistrationPolicy.abilities(actor, row);
    return {
      id: row.id,
      ticketId: row.ticketId,
      number: numbers.get(row.ticketId) ?? "",
      service: row.serviceType as PreregistrationService,
      matter: { code: row.matterCode, name: matter?.name ?? row.matterCode },
      answers: row.answers,
      findings: row.findings,
      region: region(row.regionCode),
      provider: row.providerId ? { id: row.providerId, name: row.providerName } : null,
      route: { name: row.providerName, region: region(row.routeRegionCode), note: row.routeNote },
      materials: row.materials,
      notes: matter?.notes ?? [],
      status: row.status,
      materialsNeeded: row.materialsNeeded,
      declineReason: row.declineReason,
      history: [
        { status: "submitted" as const, note: "", materialsNeeded: [], reason: "", source: row.createdByKind === "citizen" ? ("applicant" as const) : ("staff" as const), actorName: "", at: row.createdAt.toISOString() },
        ...updates
          .filter((u) => u.preregistrationId === row.id)
          .map((u) => ({ status: u.status, note: u.note, materialsNeeded: u.materialsNeeded, reason: u.reason, source: u.source, actorName: actor.kind === "citizen" && u.source === "staff" ? "" : u.actorName, at: u.at.toISOString() })),
      ],
      nextStatuses: [...nextStatuses(row.status)],
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      abilities: {
        read: abilities.read,
        recordStatus: abilities.recordStatus && nextStatuses(row.status).length > 0,
        checkMaterials: abilities.checkMaterials && nextStatuses(row.status).length > 0,
      },
    };
  });
}

import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { beijingDayEnd, beijingDayStart } from "../../../platform/beijing-time.ts";
import { AppError } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/uuid.ts";
import type { Actor } from "../../../policies/actor.ts";
import { auditLog } from "../audit.tables.ts";
import { auditScope } from "../audit.policy.ts";
import { actorDescriber, registeredSubjectTypes, subjectDescriber, type SubjectName } from "../audit-subjects.ts";

/** The filters of the audit log view; every one optional, all of them together (and). */
export type AuditFilter = {
  /** The account that acted. */
  actorId?: string;
  /** The username that acted or claimed (sign-in attempts have no account), case-insensitive. */
  actor?: string;
  action?: string;
  entityType?: string;
  /** The object's id exactly (as the links of the view send it). */
  entityId?: string;
  /** The object as a person types it: its id, number (tickets), username (accounts) or name. */
  entity?: string;
  /** Beijing days, both included. */
  from?: string;
  to?: string;
};

export type AuditEntryView = {
  id: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorUsername: string | null;
  /** The acting account's display name today; null for anonymous and system entries, or a removed account. */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** What the object is called (name, ticket number), from its owning module; null when unknown. */
  entityLabel: string | null;
  entitySecondary: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
};

/** Turns the filter into SQL conditions, with the audit scope first. Shared by the list and the export. */
export async function auditConditions(tx: Tx, actor: Actor, filter: AuditFilter): Promise<SQL> {
  const conditions: SQL[] = [auditScope(actor)];
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError("VALIDATION_FAILED", "to must not be before from", { field: "to" });
  }
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.actor) conditions.push(sql`lower(${auditLog.actorUsername}) = lower(${filter.actor})`);
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.entity) conditions.push(inArray(auditLog.entityId, await idsMeant(tx, actor, filter.entity, filter.entityType)));
  if (filter.from) conditions.push(gte(auditLog.at, beijingDayStart(filter.from)));
  if (filter.to) conditions.push(lt(auditLog.at, beijingDayEnd(filter.to)));
  return and(...conditions)!;
}

/** The ids a typed object may mean: the text itself, and what the owning modules find by it. */
async function idsMeant(tx: Tx, actor: Actor, text: string, entityType: string | undefined): Promise<string[]> {
  const ids = new Set([text]);
  const describers = entityType ? [subjectDescriber(entityType)] : registeredSubjectTypes().map(subjectDescriber);
  for (const describer of describers) for (const id of (await describer?.find?.(tx, text, actor)) ?? []) ids.add(id);
  return [...ids];
}

/**
 * The audit entries of the actor's scope that match the filter, newest first, with the names of
 * the people and objects they mention, and the one object the filter names (see subjectOf).
 */
export async function findAuditEntries(tx: Tx, actor: Actor, filter: AuditFilter & { limit: number; offset: number }) {
  const where = await auditConditions(tx, actor, filter);
  // Newest first in the order written (the id): an entry's `at` comes from the writer's clock.
  // One after the other: inside a transaction both would share one connection.
  const rows = await tx.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(filter.limit).offset(filter.offset);
  const [{ total }] = await tx.select({ total: count() }).from(auditLog).where(where);
  const items = await nameEntries(tx, rows);
  return { items, total, subject: await subjectOf(tx, actor, filter, total) };
}

type Subject = { entityType: string; entityId: string; label: string | null };

/**
 * The one object the filter names, for the page to show beside the entries. Where the owning
 * module finds only what the actor may read (tickets: their timeline lives in ticket_events, and
 * most of a ticket's story has no audit entry) its lookup decides; any other object is named only
 * when an entry in scope mentions it.
 */
async function subjectOf(tx: Tx, actor: Actor, filter: AuditFilter, total: number): Promise<Subject | null> {
  const text = filter.entityId ?? filter.entity;
  if (!text || !filter.entityType) return null;
  const describer = subjectDescriber(filter.entityType);
  if (!describer) return null;
  let id: string | undefined;
  if (describer.isFindScoped) {
    const found = (await describer.find?.(tx, text, actor)) ?? [];
    if (found.length !== 1) return null;
    id = found[0];
  } else {
    if (total === 0) return null;
    const found = filter.entityId ? [filter.entityId] : [...new Set([text, ...((await describer.find?.(tx, text, actor)) ?? [])])];
    const named = await describer.name(tx, found);
    if (named.size !== 1) return null;
    [id] = named.keys();
  }
  const label = (await describer.name(tx, [id])).get(id)?.label ?? null;
  return { entityType: filter.entityType, entityId: id, label };
}

type Row = typeof auditLog.$inferSelect;

/** Adds the names of actors and objects, asking each owning module once per type. */
export async function nameEntries(tx: Tx, rows: readonly Row[]): Promise<AuditEntryView[]> {
  const actorNames = (await actorDescriber()?.name(tx, rows.flatMap((r) => (r.actorId && isUuid(r.actorId) ? [r.actorId] : [])))) ?? new Map<string, SubjectName>();
  const idsByType = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.entityId) continue;
    const list = idsByType.get(row.entityType) ?? [];
    list.push(row.entityId);
    idsByType.set(row.entityType, list);
  }
  const entityNames = new Map<string, Map<string, SubjectName>>();
  for (const [type, ids] of idsByType) {
    const describer = subjectDescriber(type);
    if (describer) entityNames.set(type, await describer.name(tx, ids));
  }
  return rows.map((row) => {
    const entity = row.entityId ? entityNames.get(row.entityType)?.get(row.entityId) : undefined;
    return {
      id: row.id,
      at: row.at.toISOString(),
      actorKind: row.actorKind,
      actorId: row.actorId,
      actorUsername: row.actorUsername,
      actorName: row.actorId ? (actorNames.get(row.actorId)?.label ?? null) : null,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      entityLabel: entity?.label ?? null,
      entitySecondary: entity?.secondary ?? null,
      ip: row.ip,
      detail: row.detail,
    };
  });
}

import { api } from '../../app/api';

export type AuditEntry = {
  id: number;
  at: string;
  actorKind: 'staff' | 'anonymous' | 'system' | string;
  actorId: string | null;
  actorUsername: string | null;
  /** The acting account's display name (from the accounts module). */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The object's name or number (from its owning module), null when unknown. */
  entityLabel: string | null;
  entitySecondary: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
};

/** The filters, exactly as they travel in the page's URL and to the server. */
export type AuditFilter = {
  actorId?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  entity?: string;
  from?: string;
  to?: string;
};

export const AUDIT_FILTER_KEYS = ['actorId', 'actor', 'action', 'entityType', 'entityId', 'entity', 'from', 'to'] as const satisfies readonly (keyof AuditFilter)[];

export type AuditPage = {
  items: AuditEntry[];
  total: number;
  subject: { entityType: string; entityId: string; label: string | null } | null;
};

export const listAudit = (query: AuditFilter & { limit: number; offset: number }) => api.get<AuditPage>('/audit', query);

import { api, type Page } from '../../app/api';

export type AuditEntry = {
  id: string;
  at: string;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  detail: unknown;
};

export const listAudit = (query: { limit: number; offset: number }) => api.get<Page<AuditEntry>>('/audit', query);

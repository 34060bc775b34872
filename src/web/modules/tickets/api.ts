import { api, ApiError, request, withQuery, type Page, type Query } from '../../app/api';
import { downloadFile } from '../../app/download';
import type { Me } from '../auth/api';
import { beijingToday } from '../../app/time';

// The ticket vocabulary, the request/response shapes and the ID number rule come from the
// server's own modules, so the forms and the API cannot drift apart.
import { AGE_GROUPS, CHANNELS, GENDERS, SPECIAL_GROUPS, type Channel, type SpecialGroup } from '../../../server/modules/tickets/ticket-rules.ts';
import { DEFAULT_CHECKLISTS, DISPUTE_CATEGORIES, LANGUAGES, SERVICE_TYPES, type ServiceType } from '../../../server/modules/services/service-catalogue.ts';
import { TICKET_ACTION_TYPES, TICKET_STATUSES, type TicketStatus } from '../../../server/modules/tickets/tickets.state.ts';
import { idNumberProblem } from '../../../server/platform/personal/identity.ts';
import type { Static } from '@sinclair/typebox';
import type { DispatchSuggestionSchema } from '../../../server/modules/dispatch/dispatch.types.ts';
import type { ServiceSettingsView } from '../../../server/modules/services/services.types.ts';
import type { AttachmentView } from '../../../server/modules/attachments/attachments.types.ts';
import type {
  ActionReceipt,
  CreateTicketInput,
  TicketActionInput,
  TicketListQuery,
  TicketView,
} from '../../../server/modules/tickets/tickets.types.ts';

export { AGE_GROUPS, CHANNELS, DISPUTE_CATEGORIES, GENDERS, LANGUAGES, SERVICE_TYPES, SPECIAL_GROUPS, TICKET_STATUSES };
export type { ActionReceipt, Channel, CreateTicketInput, ServiceType, SpecialGroup, TicketActionInput, TicketStatus, TicketView };

export type Ticket = TicketView;
export type TicketAction = TicketActionInput['action'];
export type Queue = NonNullable<TicketListQuery['queue']>;
export type TicketQuery = Omit<TicketListQuery, 'queue'> & { queue?: Queue };

/** Channels staff record at intake; portal, kiosk, wechat and upstream come from elsewhere. */
export const STAFF_CHANNELS: readonly Channel[] = ['window', 'hotline', 'referral'];
export const PREFERRED_CONTACTS = ['phone', 'sms', 'wechat', 'visit'] as const;

export const ACTIONS: readonly TicketAction[] = TICKET_ACTION_TYPES;

/** Same rule as the server: GB 11643 check digit and a real birth date. */
export const isValidIdNumber = (value: string) => idNumberProblem(value) === null;

export const MOBILE_OR_LANDLINE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

// ---- tickets (exist now) ----

export const listTickets = (query: TicketQuery) => api.get<Page<Ticket>>('/tickets', query as Record<string, string | number | undefined>);
export const getTicket = (id: string) => api.get<Ticket>(`/tickets/${encodeURIComponent(id)}`);

/** One key per form submission: a double click or a retry returns the ticket made the first time. */
export const createTicket = (input: CreateTicketInput, idempotencyKey: string) =>
  request<Ticket>('POST', '/tickets', { body: input, headers: { 'idempotency-key': idempotencyKey } });

/** The ticket as it is now, or a receipt when the action took it out of your view (sent back, transferred or delegated away). */
export const actOnTicket = (id: string, input: TicketActionInput) =>
  api.post<Ticket | ActionReceipt>(`/tickets/${encodeURIComponent(id)}/actions`, input);

export const isReceipt = (result: Ticket | ActionReceipt): result is ActionReceipt => 'receipt' in result && result.receipt === true;

export type AuditEvent = {
  seq: number;
  at: string;
  type: string;
  actorKind?: string;
  actorName: string | null;
  data: Record<string, unknown>;
};
/** Why a chain does not hold (docs/audit-trail.md). */
export type ChainBreakReason = 'sequence' | 'link' | 'content' | 'unknown_key' | 'head';
export type TicketAudit = { verified: boolean; brokenAtSeq: number | null; reason?: ChainBreakReason | null; events: AuditEvent[] };

export const getTicketAudit = (id: string) => api.get<TicketAudit>(`/tickets/${encodeURIComponent(id)}/audit`);

// ---- endpoints being built alongside; each caller treats "No route" as "not available yet" ----

/** The server answers an unknown /api path with 404 "No route …": the feature is not deployed. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && /^No route/.test(error.message);
}

export type ServiceSetting = ServiceSettingsView;

/**
 * The service settings in force for a matter in this region (the account's own node when
 * none is chosen yet): each service type's checklist, deadlines and auto-dispatch switch.
 */
export const listServiceSettings = (regionCode?: string) =>
  api.get<{ items: ServiceSetting[] }>('/settings/services', regionCode ? { regionCode } : undefined).then((r) => r.items);

/** The checklist for a service type when the settings cannot be read: the shipped defaults. */
export function defaultChecklist(serviceType: ServiceType) {
  return DEFAULT_CHECKLISTS[serviceType] ?? [];
}

export const updateMaterials = (id: string, materialsProvided: string[]) =>
  api.patch<Ticket>(`/tickets/${encodeURIComponent(id)}/materials`, { materialsProvided });

export type DispatchSuggestion = Static<typeof DispatchSuggestionSchema>;
export type DispatchCandidate = DispatchSuggestion['candidates'][number];

export const getDispatchSuggestion = (id: string) =>
  api.get<DispatchSuggestion>(`/tickets/${encodeURIComponent(id)}/dispatch-suggestion`);

export const superviseTicket = (id: string, input: { reason: string; dueAt: string }) =>
  api.post<unknown>(`/tickets/${encodeURIComponent(id)}/supervision`, input);

/** Approve more time for one open deadline (dispatcher, supervisor). */
export const extendTicketDeadline = (id: string, input: { step: string; amount: number; unit: 'hours' | 'working_days'; reason: string }) =>
  api.post<Ticket>(`/tickets/${encodeURIComponent(id)}/extensions`, input);

export type RatingInput = { attitude: number; speed: number; policy: number; expertise: number; comment?: string };
export const rateTicket = (id: string, input: RatingInput) =>
  api.post<unknown>(`/tickets/${encodeURIComponent(id)}/rating`, input);

export type Attachment = AttachmentView;

export const listAttachments = (id: string) =>
  api.get<{ items: Attachment[] }>(`/tickets/${encodeURIComponent(id)}/attachments`).then((r) => r.items);

/** The server takes the file's raw bytes as the body and its name in ?fileName=. */
export const uploadAttachment = (id: string, file: File) =>
  request<Attachment>('POST', withQuery(`/tickets/${encodeURIComponent(id)}/attachments`, { fileName: file.name }), {
    body: file,
    headers: { 'content-type': file.type || 'application/octet-stream' },
  });

export const attachmentUrl = (attachmentId: string) => `/api/attachments/${encodeURIComponent(attachmentId)}`;

/** The ticket list as the Excel file the server builds, with the list's filters. */
export const downloadExport = (query: TicketQuery): Promise<void> =>
  downloadFile('/tickets/export.xlsx', query as Query, `tickets-${beijingToday().replace(/-/g, '')}.xlsx`);

// ---- who sees which entry ----

/**
 * /api/auth/me carries no ticket abilities yet, so the menu follows the roles the ticket
 * policy names (canCreateTicketIn, dispatcher board, supervise, follow_up). Kept in this one
 * place so it can switch to server abilities without touching the pages.
 */
export function ticketMenu(me: Me) {
  const has = (...roles: string[]) => me.roles.some((r) => roles.includes(r));
  return {
    canTakeIn: has('window', 'operator', 'dispatcher', 'admin'),
    seesBoard: has('dispatcher', 'supervisor', 'admin', 'leader'),
    // oversight.policy: SUPERVISION_LEDGER_ROLES, visibleFollowUpRoles, the outbox for admins.
    seesSupervision: has('supervisor', 'dispatcher', 'leader', 'admin'),
    seesFollowUps: has('operator', 'supervisor', 'dispatcher', 'leader', 'admin'),
    seesNotifications: has('admin'),
    // tickets.policy `message`: the front desk, the command centre, supervisors and the handlers.
    answersApplicants: has('window', 'operator', 'dispatcher', 'supervisor', 'lawyer', 'mediator', 'reviewer', 'advisor'),
  };
}

export const STATUS_COLORS: Record<TicketStatus, string> = {
  submitted: 'gold',
  accepted: 'cyan',
  rejected: 'default',
  assigned: 'blue',
  in_progress: 'processing',
  suspended: 'orange',
  resolved: 'green',
  followed_up: 'lime',
  archived: 'default',
  merged: 'default',
};

/** A fresh key for one submission of a form. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

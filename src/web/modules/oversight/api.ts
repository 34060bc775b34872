import type { Static } from '@sinclair/typebox';
import { api, type Page } from '../../app/api';
import type { FollowUpView, SupervisionOrderView } from '../../../server/modules/oversight/oversight.types.ts';
import type { NotificationSchema } from '../../../server/modules/notifications/notifications.types.ts';

// Shapes come from the server's own schemas, so the pages and the API cannot drift apart.

export type SupervisionState = 'open' | 'overdue' | 'responded' | 'all';
export const SUPERVISION_STATES: readonly SupervisionState[] = ['open', 'overdue', 'responded', 'all'];
export type SupervisionOrder = SupervisionOrderView;

export type FollowUpQueue = 'mine' | 'open' | 'done';
export const FOLLOW_UP_QUEUES: readonly FollowUpQueue[] = ['mine', 'open', 'done'];
export type FollowUp = FollowUpView;

export type NotificationMessage = Static<typeof NotificationSchema>;

export const listSupervision = (query: { state: SupervisionState; limit?: number; offset?: number }) =>
  api.get<Page<SupervisionOrder>>('/supervision', query);
export const listTicketSupervision = (ticketId: string) =>
  api.get<Page<SupervisionOrder>>(`/tickets/${encodeURIComponent(ticketId)}/supervision`);
export const respondSupervision = (orderId: string, response: string) =>
  api.post<SupervisionOrder>(`/supervision/${encodeURIComponent(orderId)}/respond`, { response });

export const listFollowUps = (query: { queue: FollowUpQueue; limit?: number; offset?: number }) =>
  api.get<Page<FollowUp>>('/follow-ups', query);
export const completeFollowUp = (id: string, input: { outcome: string; isSatisfied: boolean }) =>
  api.post<FollowUp>(`/follow-ups/${encodeURIComponent(id)}/complete`, input);

export const listNotifications = (query: { limit?: number; offset?: number; state?: 'pending' | 'sent' | 'failed' }) =>
  api.get<Page<NotificationMessage>>('/notifications', query);

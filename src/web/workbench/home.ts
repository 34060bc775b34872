import { api } from '../app/api';
import type { Role } from '../modules/auth/api';
import type { ticketMenu } from '../modules/tickets/api';
import { TICKET_COUNTS, type TicketCountKey } from '../../server/modules/tickets/ticket-rules.ts';
import type { WorkbenchSummary } from '../../server/modules/workbench/workbench.types.ts';

export type { WorkbenchSummary };

export const getWorkbenchSummary = () => api.get<WorkbenchSummary>('/workbench/summary');

type CountKey = TicketCountKey | 'followUps_mine' | 'followUps_open' | 'supervision_open' | 'supervision_overdue' | 'awaitingReplies';
type ActionKey = 'intake' | 'unassigned' | 'myQueue' | 'ledger' | 'followUps' | 'accounts' | 'settings' | 'allTickets';

/** A count on the home page and the list it opens: the same query the server counted. */
export type HomeCount = { key: CountKey; value: number; to: string; tone?: 'danger' };
export type HomeAction = { key: ActionKey; to: string };

const HANDLERS: Role[] = ['window', 'operator', 'lawyer', 'mediator', 'advisor', 'reviewer'];

/** What each role looks at first; an account with several roles gets them all, in this order, once. */
const COUNTS_BY_ROLE: Partial<Record<Role, CountKey[]>> = {
  dispatcher: ['unassigned', 'due_soon', 'overdue', 'bounced', 'supervised', 'followUps_open'],
  supervisor: ['supervision_open', 'supervision_overdue', 'supervised', 'overdue', 'followUps_mine'],
  leader: ['due_soon', 'overdue', 'supervised', 'supervision_overdue'],
  admin: ['unassigned', 'overdue', 'followUps_open'],
  operator: ['mine', 'mine_overdue', 'followUps_mine'],
};
const HANDLER_COUNTS: CountKey[] = ['mine', 'mine_due_soon', 'mine_overdue', 'unit'];

const ACTIONS_BY_ROLE: Partial<Record<Role, ActionKey[]>> = {
  window: ['intake'],
  operator: ['intake', 'followUps'],
  dispatcher: ['unassigned'],
  supervisor: ['ledger'],
  leader: ['allTickets'],
  admin: ['accounts', 'settings'],
};
const ACTION_TARGETS: Record<ActionKey, string> = {
  intake: '/workbench/tickets/new',
  unassigned: '/workbench/tickets?queue=unassigned',
  myQueue: '/workbench/tickets?queue=mine',
  ledger: '/workbench/supervision',
  followUps: '/workbench/follow-ups',
  accounts: '/workbench/accounts',
  settings: '/workbench/settings/services',
  allTickets: '/workbench/tickets?queue=all',
};

const BOARD_QUEUES: readonly string[] = ['unassigned', 'due_soon', 'overdue', 'bounced', 'supervised'];
const DANGER: readonly CountKey[] = ['overdue', 'mine_overdue', 'supervision_overdue'];

/** The queue page's address for a ticket count: its query, exactly. */
const ticketListUrl = (key: TicketCountKey) => `/workbench/tickets?${new URLSearchParams(TICKET_COUNTS[key] as Record<string, string>)}`;

/**
 * The counts and actions the home shows an account: by its roles, limited to
 * the lists its menu opens (the board's queues, the ledger, the follow-ups)
 * and to the counts the server gave (null: not the account's list).
 */
export function homeSections(roles: readonly Role[], menu: ReturnType<typeof ticketMenu>, summary: WorkbenchSummary): { counts: HomeCount[]; actions: HomeAction[] } {
  // Applicants waiting for an answer come last, for everyone who answers them.
  const wanted = [...new Set([...roles.flatMap((role) => [...(HANDLERS.includes(role) ? HANDLER_COUNTS : []), ...(COUNTS_BY_ROLE[role] ?? [])]), 'awaitingReplies' as const])];
  const counts = wanted.flatMap((key): HomeCount[] => {
    const tone = DANGER.includes(key) ? ('danger' as const) : undefined;
    if (key === 'followUps_mine' || key === 'followUps_open') {
      const value = summary.followUps[key === 'followUps_mine' ? 'mine' : 'open'];
      return menu.seesFollowUps && value !== null ? [{ key, value, to: `/workbench/follow-ups?queue=${key === 'followUps_mine' ? 'mine' : 'open'}` }] : [];
    }
    if (key === 'supervision_open' || key === 'supervision_overdue') {
      const state = key === 'supervision_open' ? 'open' : 'overdue';
      return menu.seesSupervision && summary.supervision ? [{ key, value: summary.supervision[state], to: `/workbench/supervision?state=${state}`, tone }] : [];
    }
    if (key === 'awaitingReplies') {
      return menu.answersApplicants && summary.awaitingReplies !== null ? [{ key, value: summary.awaitingReplies, to: '/workbench/replies' }] : [];
    }
    if (BOARD_QUEUES.includes(TICKET_COUNTS[key].queue) && !menu.seesBoard) return [];
    return [{ key, value: summary.tickets[key], to: ticketListUrl(key), tone }];
  });
  const actionKeys = [...new Set(roles.flatMap((role) => ACTIONS_BY_ROLE[role] ?? (HANDLERS.includes(role) ? ['myQueue' as const] : [])))];
  const actions = actionKeys
    .filter((key) => (key === 'intake' ? menu.canTakeIn : key === 'followUps' ? menu.seesFollowUps : key === 'ledger' ? menu.seesSupervision : true))
    .map((key) => ({ key, to: ACTION_TARGETS[key] }));
  return { counts, actions };
}

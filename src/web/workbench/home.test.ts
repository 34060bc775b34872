import { describe, expect, it } from 'vitest';
import type { Me, Role } from '../modules/auth/api';
import { ticketMenu } from '../modules/tickets/api';
import { homeSections, type WorkbenchSummary } from './home';

const summary: WorkbenchSummary = {
  tickets: { mine: 1, mine_due_soon: 2, mine_overdue: 3, unit: 4, unassigned: 5, due_soon: 6, overdue: 7, bounced: 8, supervised: 9 },
  followUps: { mine: null, open: 10 },
  awaitingReplies: 13,
  supervision: { open: 11, overdue: 12 },
  changes: { since: '2026-11-29T16:00:00.000Z', created: 0, resolved: 0, overdue: 0, sentBack: 0 },
  today: { since: '2026-11-30T16:00:00.000Z', received: 0, receivedByChannel: {}, resolved: 0, ratings: { count: 0, averageScore: null, satisfiedShare: null } },
};

const sectionsOf = (...roles: Role[]) => homeSections(roles, ticketMenu({ roles } as Me), summary);

describe('the home page of each role', () => {
  it('a lawyer: own queue counts, no board, each linking to its exact list', () => {
    const { counts, actions } = sectionsOf('lawyer');
    expect(counts.map((c) => [c.key, c.value, c.to])).toEqual([
      ['mine', 1, '/workbench/tickets?queue=mine'],
      ['mine_due_soon', 2, '/workbench/tickets?queue=mine&due=due_soon'],
      ['mine_overdue', 3, '/workbench/tickets?queue=mine&due=overdue'],
      ['unit', 4, '/workbench/tickets?queue=unit'],
      ['awaitingReplies', 13, '/workbench/replies'],
    ]);
    expect(actions.map((a) => a.key)).toEqual(['myQueue']);
  });

  it('window and dispatcher together: the union, each count once, both main actions', () => {
    const { counts, actions } = sectionsOf('window', 'dispatcher');
    expect(counts.map((c) => c.key)).toEqual(['mine', 'mine_due_soon', 'mine_overdue', 'unit', 'unassigned', 'due_soon', 'overdue', 'bounced', 'supervised', 'followUps_open', 'awaitingReplies']);
    expect(actions.map((a) => a.to)).toEqual(['/workbench/tickets/new', '/workbench/tickets?queue=unassigned']);
  });

  it('a supervisor: the ledger by state; a follow-up queue the server says is not theirs is left out', () => {
    const { counts, actions } = sectionsOf('supervisor');
    expect(counts.map((c) => [c.key, c.to])).toEqual([
      ['supervision_open', '/workbench/supervision?state=open'],
      ['supervision_overdue', '/workbench/supervision?state=overdue'],
      ['supervised', '/workbench/tickets?queue=supervised'],
      ['overdue', '/workbench/tickets?queue=overdue'],
      ['awaitingReplies', '/workbench/replies'],
    ]);
    expect(actions.map((a) => a.key)).toEqual(['ledger']);
  });

  it('an admin: accounts and settings', () => {
    expect(sectionsOf('admin').actions.map((a) => a.to)).toEqual(['/workbench/accounts', '/workbench/settings/services']);
  });
});

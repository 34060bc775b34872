import { api, type Page, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The vocabulary and the shapes come from the server's own module, so the forms and the API cannot drift apart.
import { ADVANCE_GROUNDS, CLOSING_OUTCOMES, HARDSHIP_CHECKS, MATERIALS_PERIOD, TERMINATION_GROUNDS } from '../../../server/modules/legal-aid/aid-case.rules.ts';
import { AID_CASE_ACTION_TYPES, AID_CASE_STATUSES, type AidCaseActionType, type AidCaseState, type AidCaseStatus } from '../../../server/modules/legal-aid/aid-case.state.ts';
import type { AidCaseActionInput, AidCaseListQuery, AidCaseView, AidLawyerView } from '../../../server/modules/legal-aid/aid-cases.types.ts';
import type { AidLawyerField } from '../../../server/modules/legal-aid/aid-lawyers.rules.ts';

export { ADVANCE_GROUNDS, AID_CASE_ACTION_TYPES, AID_CASE_STATUSES, CLOSING_OUTCOMES, HARDSHIP_CHECKS, MATERIALS_PERIOD, TERMINATION_GROUNDS };
export type { AidCaseActionInput, AidCaseActionType, AidCaseState, AidCaseStatus };

export type AidCase = AidCaseView;
/** A lawyer the case may be assigned to: the rotation's mark, fields and workload, and why not (Art. 26) as data. */
export type AidLawyer = AidLawyerView;
export type AidLawyerNeed = { field?: AidLawyerField; isLifeOrDeathCase?: boolean };

export const listAidCases = (query: AidCaseListQuery) => api.get<Page<AidCase>>('/legal-aid/cases', query as Query);
export const getAidCase = (id: string) => api.get<AidCase>(`/legal-aid/cases/${encodeURIComponent(id)}`);
export const getAidCaseOfTicket = (ticketId: string) => api.get<AidCase>(`/legal-aid/cases/by-ticket/${encodeURIComponent(ticketId)}`);
export const openAidCase = (ticketId: string) => api.post<AidCase>('/legal-aid/cases', { ticketId });
export const actOnAidCase = (id: string, input: AidCaseActionInput) => api.post<AidCase>(`/legal-aid/cases/${encodeURIComponent(id)}/actions`, input);
export const listAidLawyers = (id: string, need: AidLawyerNeed = {}) => api.get<{ items: AidLawyer[] }>(`/legal-aid/cases/${encodeURIComponent(id)}/lawyers`, need as Query);

/** The roles that work legal aid cases (aid-cases.policy.ts): who sees the case list in the menu. */
export const seesAidCases = (me: Me) => me.roles.some((r) => ['window', 'operator', 'reviewer', 'lawyer', 'supervisor', 'leader'].includes(r));

/** Where the law reader shows a rule's article (null before the laws are imported). */
export const ruleHref = (rule: { lawId: string | null; anchor: string | null }) => (rule.lawId ? `/workbench/laws/${rule.lawId}${rule.anchor ? `#${rule.anchor}` : ''}` : null);

export const AID_STATUS_COLORS: Record<AidCaseStatus, string> = {
  submitted: 'gold',
  under_review: 'blue',
  materials_pending: 'orange',
  granted: 'cyan',
  handling: 'geekblue',
  closed: 'green',
  quality_reviewed: 'green',
  refused: 'red',
  terminated: 'volcano',
  objection_pending: 'magenta',
  withdrawn: 'default',
  archived: 'default',
};

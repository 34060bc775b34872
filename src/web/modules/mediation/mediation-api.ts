import { api, request, type Page, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The vocabulary and the shapes come from the server's own module, so the forms and the API cannot drift apart.
import { COMMITTEE_KINDS, DECLINE_GROUNDS, FAILURE_GUIDANCE, PARTNER_KINDS, PERFORMANCE_STATES } from '../../../server/modules/mediation/mediation.rules.ts';
import {
  MEDIATION_ACTION_RULES,
  MEDIATION_CASE_ACTION_TYPES,
  MEDIATION_CASE_STATUSES,
  type MediationCaseActionType,
  type MediationCaseState,
  type MediationCaseStatus,
} from '../../../server/modules/mediation/mediation-case.state.ts';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../server/modules/mediation/referral.state.ts';
import { RISK_LEVELS } from '../../../server/modules/mediation/screening.rules.ts';
import type {
  CommitteeView,
  MediationCaseActionInput,
  MediationCaseListQuery,
  MediationCaseView,
  ReceiveReferralInput,
  ReferOutInput,
  ReferralListQuery,
  ReferralView,
  ReportScreeningInput,
  SaveCommitteeInput,
  ScreeningStatusView,
  ScreeningView,
} from '../../../server/modules/mediation/mediation.types.ts';

export { COMMITTEE_KINDS, DECLINE_GROUNDS, FAILURE_GUIDANCE, MEDIATION_ACTION_RULES, MEDIATION_CASE_ACTION_TYPES, MEDIATION_CASE_STATUSES, PARTNER_KINDS, PERFORMANCE_STATES, REFERRAL_STATUSES, RISK_LEVELS };
export type { MediationCaseActionInput, MediationCaseActionType, MediationCaseState, MediationCaseStatus, ReferralStatus };

export type MediationCase = MediationCaseView;
export type Committee = CommitteeView;
export type Referral = ReferralView;
export type Screening = ScreeningView;
export type ScreeningStatus = ScreeningStatusView;
export type Mediator = { id: string; displayName: string; region: { code: string; name: string }; activeCases: number; membership: 'region' | 'appointed' };
export type MediatorCandidate = { id: string; displayName: string; region: { code: string; name: string } };

const id = encodeURIComponent;
export const listMediationCases = (query: MediationCaseListQuery) => api.get<Page<MediationCase>>('/mediation/cases', query as Query);
export const getMediationCaseOfTicket = (ticketId: string) => api.get<MediationCase>(`/mediation/cases/by-ticket/${id(ticketId)}`);
export const openMediationCase = (ticketId: string, committeeId: string) => api.post<MediationCase>('/mediation/cases', { ticketId, committeeId });
export const actOnMediationCase = (caseId: string, input: MediationCaseActionInput) => api.post<MediationCase>(`/mediation/cases/${id(caseId)}/actions`, input);
export const listMediators = (caseId: string) => api.get<{ items: Mediator[] }>(`/mediation/cases/${id(caseId)}/mediators`);
export const listCommittees = (forRegion?: string) => api.get<{ items: Committee[] }>('/mediation/committees', { forRegion });
export const saveCommittee = (committeeId: string | null, input: SaveCommitteeInput) =>
  committeeId ? request<{ id: string }>('PUT', `/mediation/committees/${id(committeeId)}`, { body: input }) : api.post<{ id: string }>('/mediation/committees', input);
export const listCommitteeMediators = (committeeId: string) => api.get<{ items: Mediator[] }>(`/mediation/committees/${id(committeeId)}/mediators`);
export const listMediatorCandidates = (committeeId: string) => api.get<{ items: MediatorCandidate[] }>(`/mediation/committees/${id(committeeId)}/candidates`);
export const appointCommitteeMediator = (committeeId: string, accountId: string) => api.post<{ items: Mediator[] }>(`/mediation/committees/${id(committeeId)}/mediators`, { accountId });
export const dismissCommitteeMediator = (committeeId: string, accountId: string) => request<{ items: Mediator[] }>('DELETE', `/mediation/committees/${id(committeeId)}/mediators/${id(accountId)}`);
export const referOut = (caseId: string, input: ReferOutInput) => api.post<Referral>(`/mediation/cases/${id(caseId)}/referrals`, input);
export const listReferrals = (query: ReferralListQuery) => api.get<Page<Referral>>('/mediation/referrals', query as Query);
export const receiveReferral = (input: ReceiveReferralInput) => api.post<Referral>('/mediation/referrals/incoming', input);
export const updateReferral = (referralId: string, input: { status: ReferralStatus; note?: string; partnerReference?: string }) => api.post<Referral>(`/mediation/referrals/${id(referralId)}/status`, input);
export const reportScreening = (input: ReportScreeningInput) => api.post<Screening>('/mediation/screenings', input);
export const listScreenings = (query: { period?: string; regionCode?: string; limit?: number; offset?: number }) => api.get<Page<Screening>>('/mediation/screenings', query);
export const getScreeningStatus = (query: { regionCode?: string; isOverdueOnly?: boolean }) =>
  api.get<{ items: ScreeningStatus[]; overdue: number; reported: number }>('/mediation/screenings/status', query);
export const getScreeningSchedule = () => api.get<{ periodKind: 'monthly' | 'quarterly'; dueDay: number; setAt: string | null }>('/mediation/screenings/schedule');
export const saveScreeningSchedule = (input: { regionCode: string; periodKind: 'monthly' | 'quarterly'; dueDay: number }) => request<void>('PUT', '/mediation/screenings/schedule', { body: input });

/** The roles that work mediation (mediation.policy.ts): who sees the mediation menu. */
export const seesMediation = (me: Me) => me.roles.some((r) => ['window', 'operator', 'dispatcher', 'mediator', 'supervisor', 'leader', 'advisor'].includes(r));
/** mediation.policy committee `save`: the bureau's leaders and admins keep the committees (the server decides; this spares others a button). */
export const keepsCommittees = (me: Me) => me.roles.some((r) => ['leader', 'admin'].includes(r));
/** mediation.policy `open` / referral `receive`: the front desk, dispatchers and mediators (the server decides; this spares others a button). */
export const takesMediationIntake = (me: Me) => me.roles.some((r) => ['window', 'operator', 'dispatcher', 'mediator'].includes(r));

export const MEDIATION_STATUS_COLORS: Record<MediationCaseStatus, string> = {
  applied: 'gold',
  accepted: 'blue',
  mediating: 'geekblue',
  agreed: 'cyan',
  performed: 'green',
  failed: 'red',
  declined: 'volcano',
  terminated: 'volcano',
  archived: 'default',
};

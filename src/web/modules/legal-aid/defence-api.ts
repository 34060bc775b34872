import { api, type Page, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The vocabulary and the shapes come from the server's own module, so the pages and the API cannot drift apart.
import {
  CASE_STAGES,
  DEFENCE_GROUNDS,
  DEFENCE_GROUND_ARTICLES,
  DEFENCE_NOTICE_STATUSES,
  DUTY_SHIFTS,
  DUTY_STATION_KINDS,
  NOTIFYING_BODIES,
  noticeProblem,
  stageProblem,
  type CaseStage,
  type DefenceGround,
  type DefenceNoticeStatus,
  type DutyShift,
  type DutyStationKind,
  type NotifyingBody,
} from '../../../server/modules/legal-aid/assigned-defence.rules.ts';
import type {
  AddDutyShiftInput,
  DefenceNoticeListQuery,
  DefenceNoticeView,
  DutyShiftView,
  RecordDefenceNoticeInput,
} from '../../../server/modules/legal-aid/defence-notices.types.ts';

export { CASE_STAGES, DEFENCE_GROUNDS, DEFENCE_GROUND_ARTICLES, DEFENCE_NOTICE_STATUSES, DUTY_SHIFTS, DUTY_STATION_KINDS, NOTIFYING_BODIES, noticeProblem, stageProblem };
export type { CaseStage, DefenceGround, DefenceNoticeStatus, DutyShift, DutyStationKind, NotifyingBody, RecordDefenceNoticeInput, AddDutyShiftInput };
export type DefenceNotice = DefenceNoticeView;
export type DutyShiftEntry = DutyShiftView;
export type NoticeLawyer = {
  id: string;
  displayName: string;
  region: { code: string; name: string };
  activeCases: number;
  fields: string[] | null;
  yearsOfPractice: number | null;
  isSuggested: boolean;
  refusal: string | null;
};

const enc = encodeURIComponent;
export const listDefenceNotices = (query: DefenceNoticeListQuery) => api.get<Page<DefenceNotice>>('/legal-aid/defence-notices', query as Query);
export const recordDefenceNotice = (input: RecordDefenceNoticeInput) => api.post<DefenceNotice>('/legal-aid/defence-notices', input);
export const listNoticeLawyers = (id: string) => api.get<{ items: NoticeLawyer[] }>(`/legal-aid/defence-notices/${enc(id)}/lawyers`);
export const assignNoticeLawyer = (id: string, lawyerId: string) => api.post<DefenceNotice>(`/legal-aid/defence-notices/${enc(id)}/assign`, { lawyerId });
export const informNotifyingBody = (id: string, note?: string) => api.post<DefenceNotice>(`/legal-aid/defence-notices/${enc(id)}/inform-body`, note ? { note } : {});

export const listDutyShifts = (query: { from: string; to: string; centerRegionCode?: string; stationName?: string }) => api.get<{ items: DutyShiftEntry[] }>('/legal-aid/duty-shifts', query as Query);
export const listOnDutyToday = () => api.get<{ date: string; items: DutyShiftEntry[] }>('/legal-aid/duty-shifts/today');
export const addDutyShift = (input: AddDutyShiftInput) => api.post<DutyShiftEntry>('/legal-aid/duty-shifts', input);
export const removeDutyShift = (id: string) => api.delete<void>(`/legal-aid/duty-shifts/${enc(id)}`);

/** The roles that read notices (defence-notices.policy.ts), and the lawyers assigned: who sees the page in the menu. */
export const seesDefenceNotices = (me: Me) => me.roles.some((r) => ['reviewer', 'leader', 'admin', 'supervisor', 'lawyer'].includes(r));
/** Who records notices in their county (the server decides per notice with `abilities`). */
export const recordsDefenceNotices = (me: Me) => me.roles.includes('reviewer');
/** Who keeps the duty roster (the pool's managers); everyone on the county's staff reads it. */
export const keepsDutyRoster = (me: Me) => me.roles.some((r) => ['reviewer', 'leader', 'admin'].includes(r));

export const DEADLINE_COLORS: Record<string, string> = { running: 'blue', due_soon: 'orange', overdue: 'red', met: 'green', missed: 'volcano' };
export const NOTICE_STATUS_COLORS: Record<DefenceNoticeStatus, string> = { received: 'gold', assigned: 'cyan', body_informed: 'green' };

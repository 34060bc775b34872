import { api, type Page, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The vocabulary and the shapes come from the server's own module, so the page and the API cannot drift apart.
import { AID_LAWYER_FIELDS, AID_LAWYER_STATUSES, type AidLawyerField, type AidLawyerStatus } from '../../../server/modules/legal-aid/aid-lawyers.rules.ts';
import type { AidLawyerListQuery, ApproveAidLawyerInput, PoolLawyerView, SetAidLawyerStatusInput, UpdateAidLawyerInput } from '../../../server/modules/legal-aid/aid-lawyers.types.ts';

export { AID_LAWYER_FIELDS, AID_LAWYER_STATUSES };
export type { AidLawyerField, AidLawyerStatus, ApproveAidLawyerInput };
export type PoolLawyer = PoolLawyerView;
export type PoolCandidateAccount = { accountId: string; displayName: string; region: { code: string; name: string } };

export const listPoolLawyers = (query: AidLawyerListQuery) => api.get<Page<PoolLawyer>>('/legal-aid/lawyers', query as Query);
export const getPoolLawyer = (id: string) => api.get<PoolLawyer>(`/legal-aid/lawyers/${encodeURIComponent(id)}`);
export const listPoolCandidates = (centerRegionCode: string) => api.get<{ items: PoolCandidateAccount[] }>('/legal-aid/lawyers/candidates', { centerRegionCode });
export const suggestPoolLawyer = (query: { centerRegionCode: string; field?: AidLawyerField; isLifeOrDeathCase?: boolean }) =>
  api.get<{ lawyer: PoolLawyer | null }>('/legal-aid/lawyers/suggestion', query as Query);
export const approvePoolLawyer = (input: ApproveAidLawyerInput) => api.post<PoolLawyer>('/legal-aid/lawyers', input);
export const updatePoolLawyer = (id: string, input: UpdateAidLawyerInput) => api.patch<PoolLawyer>(`/legal-aid/lawyers/${encodeURIComponent(id)}`, input);
export const setPoolLawyerStatus = (id: string, input: SetAidLawyerStatusInput) => api.post<PoolLawyer>(`/legal-aid/lawyers/${encodeURIComponent(id)}/status`, input);

/** The roles that read a center's pool (aid-lawyers.policy.ts): who sees it in the menu. */
export const seesAidLawyerPool = (me: Me) => me.roles.some((r) => ['reviewer', 'leader', 'admin', 'supervisor'].includes(r));
/** Who may approve into the pool of their county (the server decides per entry with `abilities.manage`). */
export const managesAidLawyerPool = (me: Me) => me.roles.some((r) => ['reviewer', 'leader', 'admin'].includes(r));

export const AID_LAWYER_STATUS_COLORS: Record<AidLawyerStatus, string> = { approved: 'green', suspended: 'orange', removed: 'default' };

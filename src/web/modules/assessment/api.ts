import { api, request } from '../../app/api';
import { downloadFile } from '../../app/download';
import type { Me } from '../auth/api';
import type { BulletinView, IndicatorSetView, ScoresView } from '../../../server/modules/assessment/assessment.types.ts';
import type { Indicator } from '../../../server/modules/assessment/indicators.ts';
import { ASSESSMENT_ROLES } from '../../../server/modules/assessment/assessment-roles.ts';

// Shapes come from the server's own schemas, so the pages and the API cannot drift apart.
export type { BulletinView, IndicatorSetView, ScoresView, Indicator };
export type RankedSubject = ScoresView['venues'][number];

/** Who sees 考核评价 and 通报 in the menu (the server decides per region). */
export const seesAssessment = (me: Me) => me.roles.some((r) => (ASSESSMENT_ROLES as readonly string[]).includes(r));

export const getScores = (regionCode: string, period: string) => api.get<ScoresView>('/assessment/scores', { regionCode, period });
export const getIndicatorSet = (regionCode: string) => api.get<IndicatorSetView>(`/assessment/indicator-sets/${encodeURIComponent(regionCode)}`);
export const saveIndicatorSet = (regionCode: string, indicators: Indicator[]) =>
  request<IndicatorSetView>('PUT', `/assessment/indicator-sets/${encodeURIComponent(regionCode)}`, { body: { indicators } });

/** 第三方评估: an external evaluation's score (0–100) of a venue for a period. */
export const saveExternalScore = (venueId: string, input: { period: string; score: number; evaluator: string }) =>
  request<{ venueId: string; period: string; score: number }>('PUT', `/assessment/venues/${encodeURIComponent(venueId)}/external-scores`, { body: input });

export const listBulletins = (query: { regionCode?: string } = {}) => api.get<{ items: BulletinView[] }>('/assessment/bulletins', { ...query, limit: 100 });
export const generateBulletin = (regionCode: string, period: string) => api.post<BulletinView>('/assessment/bulletins', { regionCode, period });
export const editBulletin = (id: string, input: { title?: string; summary?: string; commendations?: string; criticisms?: string; closing?: string }) =>
  api.patch<BulletinView>(`/assessment/bulletins/${encodeURIComponent(id)}`, input);
export const actOnBulletin = (id: string, action: 'review' | 'return' | 'publish') => api.post<BulletinView>(`/assessment/bulletins/${encodeURIComponent(id)}/actions`, { action });
export const downloadBulletin = (b: BulletinView, ext: 'pdf' | 'docx') => downloadFile(`/assessment/bulletins/${encodeURIComponent(b.id)}/${ext}`, undefined, `bulletin-${b.period}.${ext}`);

/** The current month in Beijing time, as a period code (2026-11). */
export function currentMonth(now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  return `${beijing.getUTCFullYear()}-${String(beijing.getUTCMonth() + 1).padStart(2, '0')}`;
}

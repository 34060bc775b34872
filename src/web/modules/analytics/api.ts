import type { Static } from '@sinclair/typebox';
import { api, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The shapes and the readers' roles come from the server's own module, so the pages and the API cannot drift apart.
import type { BoardSchema, DrillDownSchema, ForecastSchema, SummarySchema } from '../../../server/modules/analytics/analytics.types.ts';
import { ANALYTICS_ROLES } from '../../../server/modules/analytics/analytics-roles.ts';

export type Summary = Static<typeof SummarySchema>;
export type Figures = Summary['totals'];
export type Board = Static<typeof BoardSchema>;
export type DrillDown = Static<typeof DrillDownSchema>;
export type Forecast = Static<typeof ForecastSchema>;
export type ForecastQuery = { regionCode?: string; channel?: string; serviceType?: string; category?: string; horizon: number };
export type Measure = 'created' | 'accepted' | 'rejected' | 'resolved' | 'resolvedFirst' | 'resolvedWithDeadline' | 'resolvedWithinDeadline' | 'bounced' | 'reopened' | 'merged' | 'rated' | 'ratedLow' | 'supervised' | 'escalated';
export type SummaryQuery = { from: string; to: string; regionCode?: string; channel?: string; serviceType?: string; category?: string };

export const getSummary = (query: SummaryQuery) => api.get<Summary>('/analytics/summary', query as Query);
export const getForecast = (query: ForecastQuery) => api.get<Forecast>('/analytics/forecast', query as Query);
export const getBoard = (regionCode?: string) => api.get<Board>('/analytics/board', { regionCode });
export const getDrillDown = (query: SummaryQuery & { measure: Measure; limit?: number; offset?: number }) => api.get<DrillDown>('/analytics/tickets', query as Query);

/** Who sees the command center in the menu (the server decides per region). */
export const seesAnalytics = (me: Me) => me.roles.some((r) => (ANALYTICS_ROLES as readonly string[]).includes(r));

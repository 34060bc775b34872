import type { Static } from '@sinclair/typebox';
import { api, type Query } from '../../app/api';
import { downloadFile } from '../../app/download';
import type { Me } from '../auth/api';
// The shapes and the readers' roles come from the server's own module, so the page and the API cannot drift apart.
import type { HotlineStatisticsSchema } from '../../../server/modules/hotline/hotline-statistics.types.ts';
import { HOTLINE_STATISTICS_READERS } from '../../../server/modules/hotline/hotline-statistics.ts';

export type HotlineStatistics = Static<typeof HotlineStatisticsSchema>;
export type Figures = HotlineStatistics['total'];
export type StatisticsQuery = { from: string; to: string; regionCode?: string };

export const getStatistics = (query: StatisticsQuery) => api.get<HotlineStatistics>('/hotline/statistics', query as Query);
export const downloadStatistics = (query: StatisticsQuery) => downloadFile('/hotline/statistics.xlsx', query as Query, `hotline-${query.from}-${query.to}.xlsx`);

/** Who sees the hotline's figures in the menu (the server decides per region). */
export const seesHotlineStatistics = (me: Me) => me.roles.some((r) => (HOTLINE_STATISTICS_READERS as readonly string[]).includes(r));

import { api } from '../../app/api';
import type { RegionLevel, RegionRef } from '../auth/api';

export type Region = {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Codes from the root down to this region. */
  path: string[];
  hasChildren: boolean;
  /** What the actor may do with this region; absent on older servers. */
  abilities?: { read: boolean; createChild: boolean };
};

export type RegionDetail = Region & { ancestors: RegionRef[] };

export type ImportLineError = { line: number; code: string; message: string };

export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

/** The level a child of `level` has; regions only ever nest one level down. */
export function childLevel(level: RegionLevel): RegionLevel | undefined {
  const i = REGION_LEVELS.indexOf(level);
  return REGION_LEVELS[i + 1];
}

export const listRegions = (query: { parentCode?: string; q?: string; limit?: number }) =>
  api.get<{ items: Region[] }>('/regions', query);

export const getRegion = (code: string) => api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`);

export const createRegion = (input: { code: string; name: string; parentCode: string }) =>
  api.post<Region>('/regions', input);

export const importRegions = (csv: string) => api.post<{ imported: number }>('/regions/import', { csv });

import { api, request, type Page } from '../../app/api';
import type { RegionRef } from '../auth/api';
// The vocabulary, the body format and the publishing machine come from the server's own rules
// module (pure), so the editor's preview parses a body exactly as the portal does.
import {
  ARTICLE_CATEGORIES,
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  parseBody,
  type ArticleAction,
  type ArticleCategory,
  type ArticleKind,
  type ArticleStatus,
  type BodyBlock,
} from '../../../server/modules/content/content-rules.ts';
import { SERVICE_TYPES, type ServiceType } from '../../../server/modules/services/service-catalogue.ts';

export { ARTICLE_CATEGORIES, ARTICLE_KINDS, ARTICLE_STATUSES, parseBody, SERVICE_TYPES };
export type { ArticleAction, ArticleCategory, ArticleKind, ArticleStatus, BodyBlock, ServiceType };

export type ArticleInput = { kind: ArticleKind; category: ArticleCategory; title: string; summary: string; body: string };

export type Article = ArticleInput & {
  id: string;
  blocks: BodyBlock[];
  status: ArticleStatus;
  region: RegionRef;
  author: { id: string; displayName: string } | null;
  cover: { url: string; mediaType: string; size: number } | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { read: boolean; update: boolean; publish: boolean; withdraw: boolean };
  allowedActions: ArticleAction[];
};

export type ArticleQuery = { limit?: number; offset?: number; status?: ArticleStatus; kind?: ArticleKind; category?: ArticleCategory; q?: string };

export const listArticles = (query: ArticleQuery) => api.get<Page<Article>>('/articles', query);
export const getArticle = (id: string) => api.get<Article>(`/articles/${encodeURIComponent(id)}`);
export const createArticle = (input: ArticleInput) => api.post<Article>('/articles', input);
export const updateArticle = (id: string, input: Partial<ArticleInput>) => api.patch<Article>(`/articles/${encodeURIComponent(id)}`, input);
export const actOnArticle = (id: string, action: ArticleAction) => api.post<Article>(`/articles/${encodeURIComponent(id)}/actions`, { action });
export const setCover = (id: string, file: Blob) =>
  request<Article>('PUT', `/articles/${encodeURIComponent(id)}/cover`, { body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
export const removeCover = (id: string) => api.delete<Article>(`/articles/${encodeURIComponent(id)}/cover`);

// The portal (no sign-in).
export type PublicArticle = {
  id: string;
  kind: ArticleKind;
  category: ArticleCategory;
  title: string;
  summary: string;
  region: { code: string; name: string };
  coverUrl: string | null;
  publishedAt: string;
  updatedAt: string;
};
export type PublicArticleDetail = PublicArticle & { blocks: BodyBlock[] };

export type PublicArticleQuery = { limit?: number; offset?: number; kind?: ArticleKind; category?: ArticleCategory; regionCode?: string };

export const listPublicArticles = (query: PublicArticleQuery) => api.get<Page<PublicArticle>>('/public/articles', query);
export const getPublicArticle = (id: string) => api.get<PublicArticleDetail>(`/public/articles/${encodeURIComponent(id)}`);

export type GuideFee = 'free' | 'charged' | 'partly';
export type GuideSummary = { serviceType: ServiceType; fee: GuideFee; isOnline: boolean; materialCount: number };
export type GuideVenue = {
  id: string;
  name: string;
  level: string;
  region: { code: string; name: string };
  address: string;
  openingHours: string;
  phone: string;
  windows: string[];
  mapUrl: string;
};
export type Guide = {
  serviceType: ServiceType;
  region: { code: string; name: string } | null;
  fee: GuideFee;
  basis: string[];
  isOnline: boolean;
  materials: { key: string; name: string; isRequired: boolean }[];
  deadlines: { step: string; amount: number; unit: 'hours' | 'working_days' }[];
  settingsSource: { regionCode: string; regionName: string } | 'default';
  venues: GuideVenue[];
  hotline: string;
};

export const listGuides = (regionCode?: string) => api.get<{ region: Guide['region']; items: GuideSummary[] }>('/public/guides', { regionCode });
export const getGuide = (serviceType: string, regionCode?: string) => api.get<Guide>(`/public/guides/${encodeURIComponent(serviceType)}`, { regionCode });

export type PublicRegion = { code: string; name: string; level: string; hasChildren?: boolean };
export const listPublicRegions = (parentCode?: string) => api.get<{ items: PublicRegion[] }>('/public/regions', { parentCode });
export const getRegionChain = (code: string) => api.get<{ chain: PublicRegion[] }>(`/public/regions/${encodeURIComponent(code)}`);

/** "2026-11-20" in Beijing time. */
export function beijingDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

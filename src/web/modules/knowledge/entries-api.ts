import { api, request, type Page } from '../../app/api';
import type { RegionRef } from '../auth/api';
// The vocabulary, the publishing machine and the way a typed citation is read come from the
// server's own rules module (pure), so the picker reads "民法典 第54条" exactly as the server will.
import {
  KNOWLEDGE_KINDS,
  KNOWLEDGE_STATUSES,
  citationText,
  paragraphsOf,
  parseCitationText,
  type Citation,
  type KnowledgeAction,
  type KnowledgeKind,
  type KnowledgeStatus,
} from '../../../server/modules/knowledge/knowledge-rules.ts';
import { DISPUTE_CATEGORIES } from '../../../server/modules/services/service-catalogue.ts';

export { DISPUTE_CATEGORIES, KNOWLEDGE_KINDS, KNOWLEDGE_STATUSES, citationText, paragraphsOf, parseCitationText };
export type { Citation, KnowledgeAction, KnowledgeKind, KnowledgeStatus };

/** A citation as shown: where the law reader has it now (null: no current law has that article). */
export type CitationView = Citation & { lawId: string | null; anchor: string | null };

export type KnowledgeEntryInput = { kind: KnowledgeKind; title: string; body: string; category: string | null; citations: Citation[] };

export type KnowledgeEntry = Omit<KnowledgeEntryInput, 'citations'> & {
  id: string;
  citations: CitationView[];
  status: KnowledgeStatus;
  region: RegionRef;
  author: { id: string; displayName: string } | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { read: boolean; update: boolean; publish: boolean; withdraw: boolean };
  allowedActions: KnowledgeAction[];
};

export type KnowledgeEntryQuery = { limit?: number; offset?: number; kind?: KnowledgeKind; status?: KnowledgeStatus; q?: string };

export const listKnowledgeEntries = (query: KnowledgeEntryQuery) => api.get<Page<KnowledgeEntry>>('/knowledge/entries', query);
export const getKnowledgeEntry = (id: string) => api.get<KnowledgeEntry>(`/knowledge/entries/${encodeURIComponent(id)}`);
export const createKnowledgeEntry = (input: KnowledgeEntryInput) => api.post<KnowledgeEntry>('/knowledge/entries', input);
export const updateKnowledgeEntry = (id: string, input: Partial<KnowledgeEntryInput>) => api.patch<KnowledgeEntry>(`/knowledge/entries/${encodeURIComponent(id)}`, input);
export const actOnKnowledgeEntry = (id: string, action: KnowledgeAction) => api.post<KnowledgeEntry>(`/knowledge/entries/${encodeURIComponent(id)}/actions`, { action });

/** Where the law reader shows a cited article (the reader is /laws/:id, the article its #anchor). */
export const citationHref = (citation: CitationView): string | null =>
  citation.lawId ? `/laws/${encodeURIComponent(citation.lawId)}${citation.anchor ? `#${encodeURIComponent(citation.anchor)}` : ''}` : null;

export type Wording = {
  id: string;
  everyday: string[];
  legal: string;
  isActive: boolean;
  /** null: shipped with the release's starter set. */
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
};
export type WordingInput = { everyday: string[]; legal: string; isActive?: boolean };

export const listWordings = (query: { q?: string; isActive?: boolean; limit?: number; offset?: number }) =>
  api.get<Page<Wording> & { abilities: { manage: boolean } }>('/knowledge/wordings', query);
export const createWording = (input: WordingInput) => api.post<Wording>('/knowledge/wordings', input);
export const updateWording = (id: string, input: Partial<WordingInput>) => request<Wording>('PUT', `/knowledge/wordings/${encodeURIComponent(id)}`, { body: input });
export const deleteWording = (id: string) => api.delete<void>(`/knowledge/wordings/${encodeURIComponent(id)}`);

/** "老板 不发工资" (spaces, full-width spaces or 、 between the words) → ["老板", "不发工资"]. */
export const splitWords = (text: string): string[] => text.split(/[\s\u3000、，,]+/u).filter(Boolean);

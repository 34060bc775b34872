import { api, request } from '../../app/api';
import type { ServiceType } from '../../../server/modules/services/service-catalogue.ts';

// The consultation assistant (issue 9, /work/notes/issue9-contract.md): typed from the contract.

export type AssistantArticle = { lawId: string; lawTitle: string; articleNo: string; anchor: string; text: string };
export type AssistantFaq = { id: string; title: string; text: string };
/** A published case (a law of level "case", read in the reader) or a staff case explainer (an entry). */
export type AssistantCase = { id?: string; lawId?: string; title: string; text: string; anchor?: string };
/** A next step from the service guides: apply for legal aid, what to bring, the nearest centre … */
export type NextStep = {
  kind: string;
  title: string;
  text: string;
  /** A portal path (a request form filled in, a guide), a map link, or tel:12348. */
  href?: string;
  venue?: { name: string; address: string; phone: string; openingHours: string; regionName: string };
};
export type Draft = { text: string; citations: { lawTitle: string; articleNo: string }[]; isMachineDrafted: true };
/** What the request form is filled with when the citizen turns the answer into a request; `serviceType` is the form's kind. */
export type Prefill = { serviceType: string; category: string | null; description: string };

export type AssistantAnswer = {
  /** A dispute category of tickets/ticket-rules.ts (劳动争议 …); null when nothing in the question points to one. */
  category: string | null;
  serviceType: ServiceType | null;
  /** The classification is a guess: shown as one (the person chooses on the form). */
  isUncertain?: boolean;
  articles: AssistantArticle[];
  faq: AssistantFaq[];
  cases: AssistantCase[];
  nextSteps: NextStep[];
  draft: Draft | null;
  prefill: Prefill;
};

/** Public, rate-limited (429 with Retry-After). */
export const askAssistant = (question: string, regionCode?: string) =>
  request<AssistantAnswer>('POST', '/assistant/ask', { isAuthProbe: true, body: { question, ...(regionCode ? { regionCode } : {}) } });

/** Staff: the same answer for a ticket's description (相关法条与问答 beside the ticket). */
export const getTicketSuggestions = (ticketId: string, signal?: AbortSignal) =>
  api.get<AssistantAnswer>(`/tickets/${encodeURIComponent(ticketId)}/suggestions`, undefined, { signal });

/** Staff: a machine draft of the answer, grounded in the ticket's articles; only where a model endpoint is configured. */
export const draftAnswer = (ticketId: string) => api.post<Draft>('/assistant/draft', { ticketId });

import { request } from '../../app/api';

export type RequestKind = 'consultation' | 'legal_aid' | 'mediation' | 'home_visit' | 'complaint' | 'suggestion';
export const REQUEST_KINDS: RequestKind[] = ['consultation', 'legal_aid', 'mediation', 'home_visit', 'complaint', 'suggestion'];

export type ProgressEntry = {
  step: string;
  at: string;
  unitName?: string;
  reason?: string;
  answer?: string;
  fileName?: string;
  mergedIntoNumber?: string;
};
export type RequestMessage = { id: string; from: 'citizen' | 'staff'; authorName: string | null; body: string; at: string };
export type CitizenRequest = {
  id: string;
  number: string;
  kind: string;
  serviceType: string;
  category: string;
  region: { code: string; name: string };
  description: string;
  status: string;
  unitName: string | null;
  deadlines: { step: string; dueAt: string; state: string }[];
  createdAt: string;
  resolvedAt: string | null;
  rating: { attitude: number; speed: number; policy: number; expertise: number } | null;
  abilities: { message: boolean; rate: boolean; reopen: boolean; upload: boolean };
  progress?: ProgressEntry[];
  messages?: RequestMessage[];
  attachments?: { id: string; fileName: string; mediaType: string; size: number }[];
};

export type RequestForm = {
  kind: RequestKind;
  category?: string;
  regionCode: string;
  applicantName: string;
  description: string;
  specialGroups?: string[];
  language?: 'zh' | 'bo' | 'en';
  counterparty?: { name?: string; phone?: string; note?: string };
  wish?: string;
  situation?: string;
  visitAddress?: string;
  visitTime?: string;
};

export type Rating = { attitude: number; speed: number; policy: number; expertise: number; comment?: string };

// Portal calls handle a 401 themselves: the staff shell's handler would send a citizen to the staff login.
const portal = { isAuthProbe: true } as const;

/** `idempotencyKey`: one per filled-in form, so a retried or double-clicked submission makes one request. */
export const submitRequest = (form: RequestForm, idempotencyKey: string) =>
  request<CitizenRequest>('POST', '/portal/requests', { ...portal, body: form, headers: { 'idempotency-key': idempotencyKey } });

export const fetchMyRequests = (offset = 0, limit = 20) =>
  request<{ items: CitizenRequest[]; total: number }>('GET', '/portal/requests', { ...portal, query: { offset, limit } });

export const fetchMyRequest = (id: string) => request<CitizenRequest>('GET', `/portal/requests/${id}`, portal);

export const sendMessage = (id: string, body: string) => request<CitizenRequest>('POST', `/portal/requests/${id}/messages`, { ...portal, body: { body } });

export const rateRequest = (id: string, rating: Rating) => request<CitizenRequest>('POST', `/portal/requests/${id}/rating`, { ...portal, body: rating });

export const reopenRequest = (id: string, reason: string) => request<CitizenRequest>('POST', `/portal/requests/${id}/reopen`, { ...portal, body: { reason } });

export const uploadToRequest = (id: string, file: File) =>
  request<{ id: string; fileName: string }>('POST', `/portal/requests/${id}/attachments`, {
    ...portal,
    query: { fileName: file.name },
    body: file,
    headers: { 'content-type': file.type || 'application/octet-stream' },
  });

export const trackRequest = (number: string, phone: string, code: string) =>
  request<CitizenRequest>('POST', '/portal/track', { ...portal, body: { number, phone, code } });

/** The address of a file the citizen added (opened in a new tab; the session cookie goes along). */
export const attachmentUrl = (id: string) => `/api/portal/attachments/${id}`;

import { api, request } from '../../app/api';

export type DocumentKind =
  | 'legal_aid_application'
  | 'legal_aid_acceptance'
  | 'legal_aid_decision'
  | 'legal_aid_assignment'
  | 'mediation_application'
  | 'mediation_agreement'
  | 'referral';
export type DocumentFormat = 'pdf' | 'docx';

export type FieldSpec = {
  key: string;
  label: string;
  isRequired: boolean;
  hasFallback: boolean;
  isMultiline: boolean;
  maxLength: number;
  options: { value: string; label: string }[] | null;
};

export type GeneratedDocument = {
  id: string;
  ticketId: string;
  kind: DocumentKind;
  name: string;
  format: DocumentFormat;
  fileName: string;
  attachmentId: string;
  verificationCode: string;
  sha256: string;
  size: number;
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
  /** 作废: when, why and by whom; null while the document stands. */
  revocation: { at: string; reason: string; by: { id: string; displayName: string } | null } | null;
};

export type TicketDocuments = {
  items: GeneratedDocument[];
  kinds: { kind: DocumentKind; name: string; fields: FieldSpec[] }[];
  abilities: { generate: boolean; revoke: boolean };
};

export type DocumentTemplate = {
  kind: DocumentKind;
  name: string;
  serviceTypes: string[] | null;
  title: string;
  body: string;
  version: number;
  isShipped: boolean;
  updatedAt: string | null;
  placeholders: string[];
  fields: FieldSpec[];
  shipped: { title: string; body: string };
};

export type Verification = {
  code: string;
  kind: DocumentKind;
  name: string;
  format: DocumentFormat;
  ticketNumber: string;
  issuingUnit: string;
  issuedAt: string;
  issuedAtBeijing: string;
  applicant: string;
  sha256: string;
  size: number;
  isRevoked: boolean;
  revokedAt: string | null;
  revokedAtBeijing: string | null;
  revocationReason: string | null;
};

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}/documents`;

export const listTicketDocuments = (ticketId: string) => api.get<TicketDocuments>(ticketPath(ticketId));

export const generateDocument = (ticketId: string, body: { kind: DocumentKind; format: DocumentFormat; fields: Record<string, string> }) =>
  api.post<GeneratedDocument>(ticketPath(ticketId), body);

export const revokeDocument = (ticketId: string, documentId: string, reason: string) =>
  api.post<GeneratedDocument>(`${ticketPath(ticketId)}/${encodeURIComponent(documentId)}/revoke`, { reason });

export const listTemplates = () => api.get<{ items: DocumentTemplate[] }>('/document-templates').then((r) => r.items);
export const saveTemplate = (kind: DocumentKind, body: { title: string; body: string }) => request<DocumentTemplate>('PUT', `/document-templates/${kind}`, { body });
export const resetTemplate = (kind: DocumentKind) => request<DocumentTemplate>('DELETE', `/document-templates/${kind}`);

/** Public: no session needed, and a 401 is not the staff shell's business. */
export const verifyDocument = (code: string, signal?: AbortSignal) =>
  request<Verification>('GET', `/verify/${encodeURIComponent(code.trim())}`, { isAuthProbe: true, signal });

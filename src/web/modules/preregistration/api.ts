import { api, request, type Page } from '../../app/api';

/** 预登记: the types the portal and the workbench share (server: modules/preregistration). */
export const PREREGISTRATION_SERVICES = ['notarization', 'forensic_appraisal', 'arbitration', 'administrative_reconsideration'] as const;
export type PreregistrationService = (typeof PREREGISTRATION_SERVICES)[number];
export const PREREGISTRATION_STATUSES = ['submitted', 'received', 'materials_needed', 'accepted', 'in_progress', 'completed', 'declined'] as const;

export type LawNote = { lawTitle: string; articleNo: string; note: string };
export type Finding = { level: 'stop' | 'warning' | 'info'; code: string; message: string; lawTitle: string; articleNo: string };
export type Question = { key: string; type: 'yes_no' | 'date' | 'text' | 'choice'; label: string; isRequired: boolean; options?: { value: string; label: string }[] };
export type Matter = {
  service: PreregistrationService;
  code: string;
  name: string;
  providerKind: string | null;
  checklist: { key: string; name: string; isRequired: boolean }[];
  notes: LawNote[];
  questions: Question[];
};
export type Answers = Record<string, string | boolean>;
export type OfferedProvider = { id: string; name: string; region: { code: string; name: string }; address: string; phone: string; openingHours: string };
export type Route = { findings: Finding[]; providers: OfferedProvider[]; fallback: { region: { code: string; name: string }; name: string; note: string } | null };

export type Preregistration = {
  id: string;
  ticketId: string;
  number: string;
  service: PreregistrationService;
  matter: { code: string; name: string };
  answers: Answers;
  findings: Finding[];
  region: { code: string; name: string };
  provider: { id: string; name: string } | null;
  route: { name: string; region: { code: string; name: string }; note: string };
  materials: { key: string; name: string; isRequired: boolean; isChecked: boolean }[];
  notes: LawNote[];
  status: string;
  materialsNeeded: string[];
  declineReason: string;
  history: { status: string; note: string; materialsNeeded: string[]; reason: string; source: 'applicant' | 'staff' | 'provider'; actorName: string; at: string }[];
  nextStatuses: string[];
  createdAt: string;
  updatedAt: string;
  abilities: { read: boolean; recordStatus: boolean; checkMaterials: boolean };
};

const open = { isAuthProbe: true };

export const fetchMatters = () => request<{ items: Matter[] }>('GET', '/preregistration/matters', open).then((r) => r.items);
export const fetchRoute = (service: string, matter: string, regionCode: string, answers: Answers) =>
  request<Route>('GET', '/preregistration/route', { ...open, query: { service, matter, regionCode, answers: JSON.stringify(answers) } });

// ——— Portal ———
export type PortalCreate = { service: string; matter: string; regionCode: string; answers: Answers; applicantName: string; providerId?: string; materialsChecked: string[]; description?: string };
export const createMine = (body: PortalCreate, idempotencyKey: string) => api.post<Preregistration>('/portal/preregistrations', body, { headers: { 'idempotency-key': idempotencyKey } });
export const fetchMine = () => api.get<Page<Preregistration>>('/portal/preregistrations', { limit: 50 });
export const fetchOneOfMine = (id: string) => api.get<Preregistration>(`/portal/preregistrations/${id}`);
export const tickMine = (id: string, checked: string[]) => request<Preregistration>('PUT', `/portal/preregistrations/${id}/materials`, { body: { checked } });

// ——— Workbench ———
export const fetchPreregistrations = (query: { status?: string; service?: string; limit?: number; offset?: number }) => api.get<Page<Preregistration>>('/preregistrations', query);
export const fetchPreregistration = (id: string) => api.get<Preregistration>(`/preregistrations/${id}`);
export type StatusUpdate = { updateId: string; status: string; note?: string; materialsNeeded?: string[]; reason?: string };
export const recordStatus = (id: string, body: StatusUpdate) => api.post<Preregistration>(`/preregistrations/${id}/status`, body);
export const tickMaterials = (id: string, checked: string[]) => request<Preregistration>('PUT', `/preregistrations/${id}/materials`, { body: { checked } });

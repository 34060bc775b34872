import { api, request, type Page } from '../../app/api';
import type { RegionRef } from '../auth/api';

// The directory's fixed lists come from the server's own rules module, so the forms, the
// filters and the API cannot drift apart.
import {
  DIRECTORY_LANGUAGES,
  PROVIDER_KINDS,
  PUBLIC_ROLES,
  SPECIALITIES,
  OFFICE_PHONE_PATTERN,
  type DirectoryLanguage,
  type ProviderKind,
  type PublicRole,
  type Speciality,
} from '../../../server/modules/directory/directory-rules.ts';
import { SERVICE_TYPES, type ServiceType } from '../../../server/modules/services/service-catalogue.ts';

export { DIRECTORY_LANGUAGES, PROVIDER_KINDS, PUBLIC_ROLES, SPECIALITIES, OFFICE_PHONE_PATTERN, SERVICE_TYPES };
export type { DirectoryLanguage, ProviderKind, PublicRole, Speciality, ServiceType };

export type PublicVenue = {
  id: string;
  name: string;
  level: 'hall' | 'center' | 'station' | 'room';
  region: RegionRef;
  address: string;
  openingHours: string;
  phone: string;
  windows: { name: string; services: ServiceType[] }[];
  services: ServiceType[];
  mapUrl: string | null;
};

export type PublicPerson = {
  id: string;
  displayName: string;
  role: PublicRole;
  region: RegionRef;
  specialities: Speciality[];
  languages: DirectoryLanguage[];
  introduction: string;
  officePhone?: string;
  email?: string;
  venue?: { id: string; name: string; address: string; phone: string };
};

export type PublicProvider = {
  id: string;
  kind: ProviderKind;
  name: string;
  region: RegionRef;
  address: string;
  phone: string;
  openingHours: string;
  services: ServiceType[];
  licenceNumber: string;
  description: string;
  mapUrl: string | null;
};

export type ProfileInput = {
  isListed: boolean;
  displayName: string;
  role: PublicRole;
  officePhone: string;
  isOfficePhonePublic: boolean;
  email: string;
  isEmailPublic: boolean;
  venueId: string | null;
  isVenuePublic: boolean;
  specialities: Speciality[];
  languages: DirectoryLanguage[];
  introduction: string;
};

export type MyProfile = {
  profile: (ProfileInput & { id: string; updatedAt: string; isHidden: boolean; hiddenReason: string }) | null;
  publicView: PublicPerson | null;
  options: { roles: PublicRole[]; venues: { id: string; name: string }[]; defaultDisplayName: string };
};

export type StaffProfile = {
  id: string;
  accountId: string;
  displayName: string;
  role: PublicRole;
  region: RegionRef;
  isListed: boolean;
  isHidden: boolean;
  hiddenReason: string;
  updatedAt: string;
  abilities: { read: boolean; update: boolean; hide: boolean };
};

export type ProviderInput = {
  kind: ProviderKind;
  name: string;
  regionCode: string;
  address: string;
  phone: string;
  openingHours: string;
  services: ServiceType[];
  licenceNumber: string;
  description: string;
  isListed: boolean;
};

export type Provider = PublicProvider & { regionCode: string; isListed: boolean; createdAt: string; updatedAt: string; abilities: { read: boolean; update: boolean } };

export type ListQuery = Record<string, string | number | undefined>;

/** The public routes: no session is looked up (the portal pages never ask /api/auth/me). */
export const publicDirectory = {
  venues: (query: ListQuery) => api.get<Page<PublicVenue>>('/directory/venues', query),
  venue: (id: string) => api.get<PublicVenue>(`/directory/venues/${encodeURIComponent(id)}`),
  people: (query: ListQuery) => api.get<Page<PublicPerson>>('/directory/people', query),
  person: (id: string) => api.get<PublicPerson>(`/directory/people/${encodeURIComponent(id)}`),
  providers: (query: ListQuery) => api.get<Page<PublicProvider>>('/directory/providers', query),
  provider: (id: string) => api.get<PublicProvider>(`/directory/providers/${encodeURIComponent(id)}`),
};

export type CardKind = 'venues' | 'people' | 'providers';
/** The contact card's address: the vCard text, or (svg) a QR code of it. */
export const cardUrl = (kind: CardKind, id: string, format: 'vcf' | 'svg') =>
  `/api/directory/${kind}/${encodeURIComponent(id)}/card${format === 'svg' ? '?format=svg' : ''}`;

export const myProfileApi = {
  get: () => api.get<MyProfile>('/directory/my-profile'),
  save: (input: ProfileInput) => request<MyProfile>('PUT', '/directory/my-profile', { body: input }),
};

export const staffProfilesApi = {
  list: (query: ListQuery) => api.get<Page<StaffProfile>>('/directory/staff-profiles', query),
  setHidden: (id: string, isHidden: boolean, reason?: string) =>
    api.patch<StaffProfile>(`/directory/staff-profiles/${encodeURIComponent(id)}`, { isHidden, ...(reason !== undefined ? { reason } : {}) }),
};

export const providersApi = {
  list: (query: ListQuery) => api.get<Page<Provider> & { canCreate: boolean }>('/directory/managed-providers', query),
  create: (input: ProviderInput) => api.post<Provider>('/directory/managed-providers', input),
  update: (id: string, input: Partial<ProviderInput>) => api.patch<Provider>(`/directory/managed-providers/${encodeURIComponent(id)}`, input),
};

import { request } from '../app/api';

export type PortalLanguage = 'zh-CN' | 'en' | 'bo';
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';
export type PortalRegion = { code: string; name: string; level: RegionLevel; hasChildren: boolean };

/** The citizen's own profile (GET /api/portal/me): phone and ID number come masked. */
export type CitizenProfile = {
  kind: 'citizen';
  id: string;
  phone: string;
  name: string | null;
  idNumber: string | null;
  region: { code: string; name: string; level: RegionLevel } | null;
  preferredLanguage: PortalLanguage | null;
  lastSignInAt: string | null;
};

export type ProfileChanges = Partial<{ name: string | null; idNumber: string | null; regionCode: string | null; preferredLanguage: PortalLanguage | null }>;

// Portal calls handle a 401 themselves (isAuthProbe): the staff shell's handler would send a citizen to the staff login.
const portal = { isAuthProbe: true } as const;

export const requestCode = (phone: string, purpose: 'sign_in' | 'tracking' = 'sign_in') =>
  request<{ sentTo: string; expiresAt: string; resendAfterSeconds: number }>('POST', '/portal/auth/codes', { ...portal, body: { phone, purpose } });

export const signInWithCode = (phone: string, code: string) =>
  request<{ citizen: CitizenProfile; isNew: boolean }>('POST', '/portal/auth/sign-in', { ...portal, body: { phone, code } });

export const signOutCitizen = () => request<void>('POST', '/portal/auth/sign-out', { ...portal, body: {} });

export const fetchProfile = () => request<CitizenProfile>('GET', '/portal/me', portal);

export const saveProfile = (changes: ProfileChanges) => request<CitizenProfile>('PATCH', '/portal/me', { ...portal, body: changes });

export const fetchRegions = (parentCode?: string) =>
  request<{ items: PortalRegion[] }>('GET', '/portal/regions', { ...portal, query: { parentCode } }).then((r) => r.items);

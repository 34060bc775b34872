import { api } from '../../app/api';

export type Role =
  | 'admin'
  | 'leader'
  | 'dispatcher'
  | 'window'
  | 'operator'
  | 'lawyer'
  | 'mediator'
  | 'advisor'
  | 'reviewer'
  | 'supervisor';

export const ROLES: readonly Role[] = [
  'admin',
  'leader',
  'dispatcher',
  'window',
  'operator',
  'lawyer',
  'mediator',
  'advisor',
  'reviewer',
  'supervisor',
];

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export type RegionRef = { code: string; name: string; level: RegionLevel };

export type Me = {
  kind: 'staff';
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  region: RegionRef;
  abilities: {
    manageAccounts: boolean;
    manageRegions: boolean;
    readAudit: boolean;
    createVenue: boolean;
    writeArticles: boolean;
    /** 常见问题与以案释法: may write drafts (modules/knowledge). */
    writeKnowledge?: boolean;
    /** 口语对照表: may change the wording table (an admin at a root node). */
    manageWordings?: boolean;
    manageDocumentTemplates?: boolean;
    /** May search tickets by a phone / an ID number (the roles that see them in full). */
    searchByPhone: boolean;
    searchByIdNumber: boolean;
    /** The appointment slots and the day's bookings (modules/appointments). */
    readAppointments?: boolean;
    manageLegalAidStandards?: boolean;
  };
};

export const fetchMe = () => api.get<Me>('/auth/me', undefined, { isAuthProbe: true });

export const login = (username: string, password: string) =>
  api.post<{ account: Me }>('/auth/login', { username, password }, { isAuthProbe: true });

export const logout = () => api.post<void>('/auth/logout', {}, { isAuthProbe: true });

import { api, type Page } from '../../app/api';
import type { RegionRef } from '../auth/api';

// The venue vocabulary and the phone rule come from the server's own rules module, so the
// form and the API cannot drift apart.
import {
  PHONE_PATTERN as SERVER_PHONE_PATTERN,
  POST_KINDS,
  REGION_LEVEL_OF_VENUE,
  SERVICE_TYPES as SERVER_SERVICE_TYPES,
  VENUE_LEVELS as SERVER_VENUE_LEVELS,
  type PostKind,
  type ServiceType as ServerServiceType,
  type VenueLevel as ServerVenueLevel,
} from '../../../server/modules/venues/venue-rules.ts';

export type VenueLevel = ServerVenueLevel;
export const VENUE_LEVELS: readonly VenueLevel[] = SERVER_VENUE_LEVELS;

/** A venue's level is fixed by its region's level: hall=city, center=county, station=township, room=village. */
export const VENUE_LEVEL_REGION = REGION_LEVEL_OF_VENUE;

export type ServiceType = ServerServiceType;
export const SERVICE_TYPES: readonly ServiceType[] = SERVER_SERVICE_TYPES;

export type Post = PostKind;
export const POSTS: readonly Post[] = POST_KINDS;

export type Equipment = { hasTouchKiosk: boolean; hasDisplayScreen: boolean; hasRemoteVideo: boolean };

export type VenueInput = {
  name: string;
  level: VenueLevel;
  regionCode: string;
  address: string;
  openingHours: string;
  phone: string;
  floorArea: number | null;
  isStreetFacingGroundFloor: boolean;
  windows: { name: string; services: ServiceType[] }[];
  equipment: Equipment;
  posts: { post: Post; accountIds: string[] }[];
};

export type Venue = Omit<VenueInput, 'posts'> & {
  id: string;
  region: RegionRef;
  posts: { post: Post; accounts: { id: string; username: string; displayName: string }[] }[];
  abilities: { read: boolean; update: boolean };
  createdAt: string;
  updatedAt: string;
};

export type VenueQuery = { limit?: number; offset?: number; level?: VenueLevel; regionCode?: string; q?: string };

export const listVenues = (query: VenueQuery) => api.get<Page<Venue>>('/venues', query);
export const getVenue = (id: string) => api.get<Venue>(`/venues/${encodeURIComponent(id)}`);
export const createVenue = (input: VenueInput) => api.post<Venue>('/venues', input);
export const updateVenue = (id: string, input: Partial<VenueInput>) =>
  api.patch<Venue>(`/venues/${encodeURIComponent(id)}`, input);

export const LEVEL_COLORS: Record<VenueLevel, string> = {
  hall: 'magenta',
  center: 'blue',
  station: 'green',
  room: 'orange',
};

/** Landline (0xx-xxxxxxx[-ext]), mobile (1xxxxxxxxxx) or a short service number such as 12348. */
export const PHONE_PATTERN = new RegExp(SERVER_PHONE_PATTERN);

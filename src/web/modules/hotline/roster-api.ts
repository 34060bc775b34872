import { api, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The vocabulary and the shapes come from the server's own module, so the page and the API cannot drift apart.
import { MAX_COPY_WEEKS, MAX_SHIFT_HOURS, SHIFT_ROLES, type ShiftRole } from '../../../server/modules/hotline/hotline-roster.rules.ts';
import type { CreateShiftInput, GapView, ShiftView, UpdateShiftInput } from '../../../server/modules/hotline/hotline-roster.types.ts';

export { MAX_COPY_WEEKS, MAX_SHIFT_HOURS, SHIFT_ROLES };
export type { ShiftRole, ShiftView, GapView, CreateShiftInput, UpdateShiftInput };

export type Roster = { from: string; to: string; items: ShiftView[]; gaps: GapView[]; canManage: boolean };
export type Coverage = { regionCode: string; operator: number; dutyLawyer: number; canManage: boolean };
export type RosterPerson = { id: string; displayName: string; roles: string[] };
export type SeatOption = { id: string; extension: string; name: string };
export type VenueOption = { id: string; name: string };

const enc = encodeURIComponent;

export const getRoster = (query: { regionCode: string; from: string; to: string; mine?: boolean }) => api.get<Roster>('/hotline/roster', query as Query);
export const createShift = (input: CreateShiftInput) => api.post<ShiftView>('/hotline/shifts', input);
export const updateShift = (id: string, input: UpdateShiftInput) => api.patch<ShiftView>(`/hotline/shifts/${enc(id)}`, input);
export const deleteShift = (id: string) => api.delete<void>(`/hotline/shifts/${enc(id)}`);
export const copyWeek = (input: { regionCode: string; weekOf: string; weeks: number }) => api.post<{ created: number; skipped: number }>('/hotline/roster/copy-week', input);
export const getCoverage = (regionCode: string) => api.get<Coverage>('/hotline/roster/coverage', { regionCode });
export const listRosterPeople = (regionCode: string) => api.get<{ items: RosterPerson[] }>('/hotline/roster/people', { regionCode });
export const listSeats = () => api.get<{ items: SeatOption[] }>('/hotline/seats');
export const listVenues = (regionCode: string) => api.get<{ items: VenueOption[] }>('/venues', { regionCode, limit: 200 });

/** Who sees the roster page: those who run the hotline and the operators and lawyers on it (the server decides the rest). */
export const seesHotlineRoster = (me: Me) => me.roles.some((r) => ['admin', 'leader', 'supervisor', 'operator', 'lawyer'].includes(r));

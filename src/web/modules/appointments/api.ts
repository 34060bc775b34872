/**
 * 预约 from the web app: the portal's public and citizen calls, the workbench's
 * slot and day calls. Instants come as ISO strings; pages show them in Beijing time.
 */
import { api } from '../../app/api';

export type ServiceType =
  | 'consultation' | 'legal_aid' | 'mediation' | 'notarization' | 'forensic_appraisal' | 'arbitration'
  | 'administrative_reconsideration' | 'lawyer_referral' | 'complaint' | 'suggestion';

export type BookableVenue = {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
  address: string;
  openingHours: string;
  phone: string;
  services: ServiceType[];
};

export type OpenSlot = { id: string; serviceType: ServiceType; windowName: string | null; startsAt: string; endsAt: string; remaining: number };

export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'no_show';

export type MyBooking = {
  id: string;
  code: string;
  status: BookingStatus;
  contactName: string;
  contactPhone: string;
  note: string;
  slot: { id: string; startsAt: string; endsAt: string; serviceType: ServiceType; windowName: string | null };
  venue: { id: string; name: string; address: string; phone: string };
  createdAt: string;
  cancelledAt: string | null;
  abilities: { cancel: boolean; reschedule: boolean };
};

export type Slot = {
  id: string;
  venueId: string;
  windowPosition: number | null;
  windowName: string | null;
  serviceType: ServiceType;
  startsAt: string;
  endsAt: string;
  capacity: number;
  bookedCount: number;
  isClosed: boolean;
  abilities: { read: boolean; manage: boolean };
};

export type DayBooking = Omit<MyBooking, 'venue' | 'abilities'> & { abilities: { markAttendance: boolean } };

export type CreateSlotsInput = {
  venueId: string;
  windowPosition?: number | null;
  serviceType: ServiceType;
  from: string;
  to: string;
  weekdays?: number[];
  blocks: { start: string; end: string }[];
  capacity: number;
};

// ---- portal ----
export const listBookableVenues = (query: { regionCode?: string; serviceType?: ServiceType } = {}) =>
  api.get<{ items: BookableVenue[] }>('/appointments/venues', query).then((r) => r.items);
export const listOpenSlots = (venueId: string, query: { from?: string; to?: string; serviceType?: ServiceType } = {}) =>
  api.get<{ items: OpenSlot[] }>(`/appointments/venues/${venueId}/slots`, query).then((r) => r.items);
/** 401 when no citizen is signed in: the page offers the sign-in then. */
export const listMyBookings = () => api.get<{ items: MyBooking[] }>('/appointments/bookings', undefined, { isAuthProbe: true }).then((r) => r.items);
export const book = (input: { slotId: string; contactName: string; contactPhone: string; note?: string }, idempotencyKey: string) =>
  api.post<MyBooking>('/appointments/bookings', input, { headers: { 'idempotency-key': idempotencyKey }, isAuthProbe: true });
export const cancelBooking = (id: string) => api.post<MyBooking>(`/appointments/bookings/${id}/cancel`, undefined, { isAuthProbe: true });
export const rescheduleBooking = (id: string, slotId: string) => api.post<MyBooking>(`/appointments/bookings/${id}/reschedule`, { slotId }, { isAuthProbe: true });

// ---- workbench ----
export const listSlots = (query: { venueId: string; from: string; to?: string; serviceType?: ServiceType }) =>
  api.get<{ items: Slot[] }>('/appointments/slots', query).then((r) => r.items);
export const createSlots = (input: CreateSlotsInput) => api.post<{ created: number; existing: number; restDays: string[] }>('/appointments/slots/bulk', input);
export const setSlotClosed = (id: string, isClosed: boolean) => api.post<Slot>(`/appointments/slots/${id}/${isClosed ? 'close' : 'reopen'}`);
export const listDayBookings = (venueId: string, date: string) => api.get<{ items: DayBooking[] }>('/appointments/day', { venueId, date }).then((r) => r.items);
export const markAttendance = (id: string, status: 'attended' | 'no_show') => api.post<void>(`/appointments/day/${id}/attendance`, { status });

/** "09:00–10:00" of a slot, Beijing. */
export function slotHours(slot: { startsAt: string; endsAt: string }, format: (iso: string) => string): string {
  return `${format(slot.startsAt).slice(11)}–${format(slot.endsAt).slice(11)}`;
}

/** A new key for a booking attempt: a retry of the same attempt (a lost answer) sends the same key. */
export function newAttemptKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k${Date.now()}${Math.random().toString(36).slice(2)}`;
}

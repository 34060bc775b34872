import type { Static } from '@sinclair/typebox';
import { api, request } from '../../app/api';
import type {
  ServiceSettingsInput,
  ServiceSettingsListSchema,
  ServiceSettingsView,
} from '../../../server/modules/services/services.types.ts';
import type {
  CalendarNoticesSchema,
  CalendarSchema,
  HolidayYearInput,
  HolidayYearView,
} from '../../../server/modules/calendar/calendar.types.ts';
import { SERVICE_TYPES, type ServiceType } from '../../../server/modules/services/service-catalogue.ts';

// Shapes come from the server's schemas, so the pages and the API cannot drift apart.
export type { HolidayYearInput, HolidayYearView, ServiceSettingsInput, ServiceType };
export { SERVICE_TYPES };

export type ServiceSettings = ServiceSettingsView;
export type ServiceSettingsList = Static<typeof ServiceSettingsListSchema>;
export type SettingsSource = ServiceSettings['source'];
export type Calendar = Static<typeof CalendarSchema>;
export type CalendarNotices = Static<typeof CalendarNoticesSchema>;
export type CalendarNotice = CalendarNotices['notices'][number];

const at = (regionCode?: string) => (regionCode ? { regionCode } : undefined);

/** The settings in force at a node of the account's scope (its own node by default), each with its source. */
export const getServiceSettings = (regionCode?: string) => api.get<ServiceSettingsList>('/settings/services', at(regionCode));

/** Sets the node's own settings for one service type. */
export const saveServiceSettings = (serviceType: ServiceType, regionCode: string, input: ServiceSettingsInput) =>
  request<ServiceSettings>('PUT', `/settings/services/${serviceType}`, { query: { regionCode }, body: input });

/** Removes the node's own settings for one service type: it inherits again. */
export const resetServiceSettings = (serviceType: ServiceType, regionCode: string) =>
  request<ServiceSettings>('DELETE', `/settings/services/${serviceType}`, { query: { regionCode } });

export const getCalendar = (regionCode?: string) => api.get<Calendar>('/calendar', at(regionCode));

export const getCalendarNotices = () => api.get<CalendarNotices>('/calendar/notices');

/** A year's national arrangement (admins at a province node). */
export const saveNationalYear = (year: string, input: HolidayYearInput) => request<HolidayYearView>('PUT', `/calendar/${year}`, { body: input });

/** A node's own rest days and 调休 working days for a year. */
export const saveRegionalYear = (year: string, regionCode: string, input: HolidayYearInput) =>
  request<Calendar>('PUT', `/calendar/${year}/regional`, { query: { regionCode }, body: input });

export const removeRegionalYear = (year: string, regionCode: string) =>
  request<Calendar>('DELETE', `/calendar/${year}/regional`, { query: { regionCode } });

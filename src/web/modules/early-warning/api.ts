import { api, type Page, type Query } from '../../app/api';
import type { Me } from '../auth/api';
// The shapes and the readers' roles come from the server's own module, so the page and the API cannot drift apart.
import type { AlertDetail, AlertView } from '../../../server/modules/early-warning/early-warning.types.ts';
import { ALERT_READER_ROLES, ALERT_SCAN_ROLES } from '../../../server/modules/early-warning/early-warning.roles.ts';

export type Alert = AlertView;
export type { AlertDetail };
export type AlertStateFilter = 'live' | 'open' | 'acknowledged' | 'handling' | 'closed' | 'all';
export const ALERT_STATE_FILTERS: readonly AlertStateFilter[] = ['live', 'open', 'acknowledged', 'handling', 'closed', 'all'];
export type AlertKindFilter = 'counterparty' | 'place' | 'spike';
export const ALERT_KINDS: readonly AlertKindFilter[] = ['counterparty', 'place', 'spike'];
export type AlertAction = 'acknowledge' | 'handle' | 'close';

export const listAlerts = (query: { state: AlertStateFilter; kind?: AlertKindFilter; limit?: number }) => api.get<Page<Alert>>('/early-warnings', query as Query);
export const getAlert = (id: string) => api.get<AlertDetail>(`/early-warnings/${encodeURIComponent(id)}`);
export const actOnAlert = (id: string, input: { action: AlertAction; note?: string }) => api.post<AlertDetail>(`/early-warnings/${encodeURIComponent(id)}/actions`, input);
export const scanAlerts = () => api.post<{ detected: number; raised: number; updated: number; notified: number }>('/early-warnings/scan', {});

/** Who sees 矛盾纠纷预警 in the menu (the server limits the rows to their region). */
export const seesEarlyWarnings = (me: Me) => me.roles.some((r) => (ALERT_READER_ROLES as readonly string[]).includes(r));
export const mayScanAlerts = (me: Me) => me.roles.some((r) => (ALERT_SCAN_ROLES as readonly string[]).includes(r));

/** What clustered, in words: the counterparty, or the category in the place. */
export function alertSubject(a: Pick<Alert, 'kind' | 'counterpartyName' | 'category'>): string {
  return a.kind === 'counterparty' ? (a.counterpartyName ?? '—') : (a.category ?? '—');
}
export const SEVERITY_COLOURS: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };
export const STATE_COLOURS: Record<string, string> = { open: 'red', acknowledged: 'orange', handling: 'blue', closed: 'green' };

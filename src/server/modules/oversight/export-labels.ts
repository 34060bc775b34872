import { zhLabels } from "../../platform/labels.ts";
import { SERVICE_TYPE_LABELS } from "../services/service-labels.ts";

/**
 * Chinese column values for the Excel export: the same words the screen shows
 * (one source, the web app's zh-CN translation).
 */
export const CHANNEL_LABELS: Record<string, string> = zhLabels("tickets.channels");
export { SERVICE_TYPE_LABELS };
export const STATUS_LABELS: Record<string, string> = zhLabels("tickets.statuses");
export const DUE_STATE_LABELS: Record<string, string> = zhLabels("tickets.dueStates");

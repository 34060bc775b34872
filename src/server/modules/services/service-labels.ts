import { zhLabels } from "../../platform/labels.ts";
import { SERVICE_TYPES, type ServiceType } from "./service-catalogue.ts";

/** The Chinese name of each service type (one source: the web app's zh-CN translation). Server only. */
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = Object.fromEntries(
  SERVICE_TYPES.map((type) => [type, zhLabels("services")[type] ?? type]),
) as Record<ServiceType, string>;

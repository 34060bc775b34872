import type { RegionLevel } from "../regions/region-rules.ts";

/** 大厅 / 中心 / 工作站 / 工作室: the venue kinds, one per region level from city down. */
export const VENUE_LEVELS = ["hall", "center", "station", "room"] as const;
export type VenueLevel = (typeof VENUE_LEVELS)[number];

export const REGION_LEVEL_OF_VENUE: Record<VenueLevel, RegionLevel> = {
  hall: "city",
  center: "county",
  station: "township",
  room: "village",
};

/** 综合接待岗 / 法律咨询岗 / 法律援助岗 / 人民调解岗. */
export const POST_KINDS = ["reception", "consultation", "legal_aid", "mediation"] as const;
export type PostKind = (typeof POST_KINDS)[number];

export { SERVICE_TYPES, type ServiceType } from "../services/service-catalogue.ts";

/** Landline (0xx-xxxxxxx[-ext]), mobile (1xxxxxxxxxx) or a short service number such as 12348. */
export const PHONE_PATTERN = "^(0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|1[3-9]\\d{9}|\\d{5,6})$";

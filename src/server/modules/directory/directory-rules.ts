/**
 * The directory's fixed lists. Pure data: the web app imports them too, and shows
 * each through its translated label (`directory.specialities.<code>` …).
 */
import type { Role } from "../../policies/actor.ts";

/** The roles a person can appear under in the public directory: 律师, 人民调解员, 村(居)法律顾问. */
export const PUBLIC_ROLES = ["lawyer", "mediator", "advisor"] as const satisfies readonly Role[];
export type PublicRole = (typeof PUBLIC_ROLES)[number];

/** 专长: what a person may say they do well. A fixed list, so the public can filter by it in any language. */
export const SPECIALITIES = [
  "marriage_family",
  "inheritance",
  "neighbour",
  "land_housing",
  "contract",
  "labour",
  "debt",
  "injury_compensation",
  "traffic_accident",
  "medical",
  "consumer",
  "property_management",
  "company",
  "criminal_defence",
  "administrative",
  "land_acquisition",
] as const;
export type Speciality = (typeof SPECIALITIES)[number];

/** Languages a person serves in: Mandarin, Tibetan (and its Kham and Amdo dialects), Yi, English, a local dialect. */
export const DIRECTORY_LANGUAGES = ["zh", "bo", "bo_kham", "bo_amdo", "ii", "en", "local_dialect"] as const;
export type DirectoryLanguage = (typeof DIRECTORY_LANGUAGES)[number];

/** 法律服务机构 kinds. */
export const PROVIDER_KINDS = [
  "law_firm",
  "notary_office",
  "appraisal_institution",
  "arbitration_commission",
  "legal_aid_center",
  "mediation_committee",
  "grassroots_legal_office",
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Office landline (0xx-xxxxxxx[-ext]), mobile, or a service number: the same rule as a venue's phone. */
export const OFFICE_PHONE_PATTERN = "^(0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|1[3-9]\\d{9}|\\d{5,6})$";

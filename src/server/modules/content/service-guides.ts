import { SERVICE_TYPES, type ServiceType } from "../services/service-catalogue.ts";

/**
 * The fixed facts of each service's guide (办事指南) that are the same
 * everywhere: whether it costs money, the law that says so, and how a refusal is
 * challenged. The words the portal shows are in the locales
 * (`content.guides.<serviceType>`); the material checklist and the time limits
 * are not here but in the service settings in force at the visitor's region
 * (modules/services), the very ones the window's intake uses.
 *
 * - `free`: no fee at all;
 * - `charged`: fees by the government price rules of the province (公证、司法鉴定);
 * - `partly`: free to use the platform, but the service itself may cost (a lawyer's
 *   fee by agreement; a commercial arbitration commission's fee; labour arbitration is free).
 */
export type GuideFee = "free" | "charged" | "partly";

export type GuideFacts = {
  fee: GuideFee;
  /** Laws the guide rests on, in their official Chinese names (shown as they are). */
  basis: string[];
  /** Whether the portal can take the request online (the citizens' request flows); otherwise a venue or 12348. */
  isOnline: boolean;
};

export const GUIDE_FACTS: Record<ServiceType, GuideFacts> = {
  consultation: { fee: "free", basis: ["《公共法律服务体系建设规划》"], isOnline: true },
  // Legal Aid Law art. 2: legal aid is provided free of charge.
  legal_aid: { fee: "free", basis: ["《中华人民共和国法律援助法》"], isOnline: true },
  // People's Mediation Law art. 4: people's mediation charges no fee.
  mediation: { fee: "free", basis: ["《中华人民共和国人民调解法》"], isOnline: true },
  notarization: { fee: "charged", basis: ["《中华人民共和国公证法》", "《公证程序规则》"], isOnline: false },
  forensic_appraisal: { fee: "charged", basis: ["《全国人民代表大会常务委员会关于司法鉴定管理问题的决定》", "《司法鉴定程序通则》"], isOnline: false },
  arbitration: { fee: "partly", basis: ["《中华人民共和国仲裁法》", "《中华人民共和国劳动争议调解仲裁法》"], isOnline: false },
  // Administrative Reconsideration Law (2023) art. 87: no fee may be charged.
  administrative_reconsideration: { fee: "free", basis: ["《中华人民共和国行政复议法》"], isOnline: false },
  lawyer_referral: { fee: "partly", basis: ["《中华人民共和国律师法》"], isOnline: true },
  complaint: { fee: "free", basis: ["《信访工作条例》"], isOnline: true },
  suggestion: { fee: "free", basis: [], isOnline: true },
};

export const GUIDE_SERVICE_TYPES: readonly ServiceType[] = SERVICE_TYPES;

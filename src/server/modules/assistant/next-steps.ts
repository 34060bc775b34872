import { zhLabel } from "../../platform/labels.ts";
import type { ServiceGuideView } from "../content/content.types.ts";
import { REQUEST_KINDS, type RequestKind } from "../requests/request-forms.ts";
import type { ServiceType } from "../services/service-catalogue.ts";
import type { DisputeCategory } from "./classify-question.ts";

/**
 * What the person can do next, from the service guide at their region. Texts are
 * in Chinese (the guide's and the portal's own words, read from zh-CN.json, so
 * the assistant and the guide page never disagree); `kind` and the structured
 * fields let another language be shown from the web app's locales.
 */
export type NextStep = {
  kind: "eligibility" | "materials" | "venue" | "time_limit" | "fee" | "online_request" | "guide" | "hotline" | "describe_more";
  title: string;
  text: string;
  href?: string;
  materials?: { name: string; isRequired: boolean }[];
  venue?: { name: string; address: string; phone: string; openingHours: string; regionName: string };
  deadline?: { amount: number; unit: "hours" | "working_days" };
};

export type Prefill = { serviceType: RequestKind; category: DisputeCategory | null; description: string };

/** The public legal service hotline, as the guides give it. */
export const HOTLINE = "12348";

/** The portal takes online only these kinds of request; other services start from a consultation. */
export function requestKindFor(serviceType: ServiceType | null): RequestKind {
  return serviceType && (REQUEST_KINDS as readonly string[]).includes(serviceType) ? (serviceType as RequestKind) : "consultation";
}

/** The description a request form is filled with: the question as asked, cut to the form's own limit. */
export const PREFILL_MAX = 1000;

export function prefillOf(question: string, serviceType: ServiceType | null, category: DisputeCategory | null): Prefill {
  return { serviceType: requestKindFor(serviceType), category, description: question.trim().slice(0, PREFILL_MAX) };
}

/** The portal's request form, filled in: `/requests/new/<kind>?category=…&description=…` (RequestFormPage reads both). */
export function requestFormHref(prefill: Prefill): string {
  const query = new URLSearchParams();
  if (prefill.category) query.set("category", prefill.category);
  query.set("description", prefill.description);
  return `/requests/new/${prefill.serviceType}?${query.toString()}`;
}

const UNIT_WORDS = { hours: "小时", working_days: "个工作日" } as const;

/** "7 个工作日", and 720 hours as "30 日": people count a month-long limit in days. */
export function durationText(amount: number, unit: "hours" | "working_days"): string {
  if (unit === "hours" && amount >= 48 && amount % 24 === 0) return `${amount / 24} 日`;
  return `${amount} ${UNIT_WORDS[unit]}`;
}

const FEE_TEXT = {
  free: "免费，不收取任何费用。",
  charged: "按照省级人民政府价格主管部门规定的标准收费，具体以办理机构告知为准。",
  partly: "平台引导免费；服务本身可能收费（律师费按约定，劳动人事争议仲裁不收费）。",
} as const;

/**
 * The next steps for a service at a region: what makes you eligible (legal aid),
 * what to bring (the checklist in force there), where to go (the nearest venue
 * serving it), how long it takes, what it costs, then the request form filled
 * in with the question, the guide and the hotline. `guide` is the service's guide
 * (getServiceGuide); null when the service type is not known, in which case the
 * person is asked to say more and pointed to a consultation.
 */
export function nextStepsFor(serviceType: ServiceType | null, guide: ServiceGuideView | null, prefill: Prefill): NextStep[] {
  const hotline: NextStep = { kind: "hotline", title: `拨打 ${HOTLINE} 公共法律服务热线`, text: "工作日可以直接向值班律师或工作人员说明情况，免费咨询。", href: `tel:${HOTLINE}` };
  const online: NextStep = {
    kind: "online_request",
    title: `在线${zhLabel(`requests.kinds.${prefill.serviceType}`)}`,
    text: `您的问题已填入申请表，核对后提交即可。${zhLabel(`requests.next.${prefill.serviceType}`, "")}`,
    href: requestFormHref(prefill),
  };
  if (!serviceType || !guide) {
    return [
      { kind: "describe_more", title: "请再具体说说您遇到的问题", text: "说明发生了什么、和谁之间、您希望怎样解决，我们才能判断该找哪项服务、适用哪些法律。" },
      hotline,
      online,
    ];
  }
  const label = zhLabel(`services.${serviceType}`);
  const steps: NextStep[] = [];
  if (serviceType === "legal_aid") {
    steps.push({ kind: "eligibility", title: "您可能符合法律援助条件", text: `${zhLabel("content.guides.legal_aid.what")}${zhLabel("content.guides.legal_aid.who")}` });
  } else if (serviceType !== "consultation") {
    steps.push({ kind: "eligibility", title: `${label}：谁可以申请`, text: `${zhLabel(`content.guides.${serviceType}.what`)}${zhLabel(`content.guides.${serviceType}.who`)}` });
  }
  if (guide.materials.length) {
    steps.push({
      kind: "materials",
      title: "需要准备的材料",
      text: guide.materials.map((m) => `${m.name}（${m.isRequired ? "必需" : "如有"}）`).join("；"),
      materials: guide.materials.map(({ name, isRequired }) => ({ name, isRequired })),
    });
  }
  const [venue] = guide.venues;
  if (venue) {
    steps.push({
      kind: "venue",
      title: `${guide.region ? "就近办理" : "办理地点"}：${venue.name}`,
      text: [venue.address, venue.phone && `电话 ${venue.phone}`, venue.openingHours].filter(Boolean).join("；"),
      href: venue.mapUrl,
      venue: { name: venue.name, address: venue.address, phone: venue.phone, openingHours: venue.openingHours, regionName: venue.region.name },
    });
  }
  const resolve = guide.deadlines.find((d) => d.step === "resolve");
  if (resolve && serviceType !== "consultation") {
    steps.push({ kind: "time_limit", title: "办理时限", text: `${label}一般在 ${durationText(resolve.amount, resolve.unit)}内办结。`, deadline: { amount: resolve.amount, unit: resolve.unit } });
  }
  if (serviceType !== "consultation") steps.push({ kind: "fee", title: "费用", text: FEE_TEXT[guide.fee] });
  if (serviceType === "consultation") steps.push(hotline, online);
  else steps.push(online, hotline);
  steps.push({ kind: "guide", title: `查看${label}办事指南`, text: guide.basis.length ? `依据：${guide.basis.join("、")}` : "办理条件、材料、时限和地点。", href: `/guides/${serviceType}` });
  return steps;
}

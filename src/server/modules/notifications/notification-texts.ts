import type { AppointmentTemplate, NotificationTemplate } from "./commands/enqueue-notification.ts";
import { SERVICE_TYPE_LABELS } from "../services/service-labels.ts";

/** The signature Chinese SMS gateways require at the front of every message. */
const SIGNATURE = "【12348公共法律服务】";

const SERVICE_NAMES: Record<string, string> = SERVICE_TYPE_LABELS;

type Payload = Record<string, unknown>;
const text = (value: unknown, fallback = "") => (typeof value === "string" && value.trim() ? value.trim() : fallback);

/** 预约: payloads carry the booking code, the venue's name, the service and the time in Beijing ("2026-11-20 09:00–10:00"). */
const APPOINTMENT_TEXTS = {
  appointment_booked: (p: Payload) =>
    `您已预约${text(p.venue, "公共法律服务场所")}${SERVICE_NAMES[text(p.serviceType)] ?? ""}，时间${text(p.time, "—")}，预约码${text(p.code, "—")}。请按时携带身份证件到场；如需取消或改期，请在开始前登录12348法网办理。`,
  appointment_rescheduled: (p: Payload) =>
    `您的预约（预约码${text(p.code, "—")}）已改至${text(p.time, "—")}，地点${text(p.venue, "—")}。`,
  appointment_cancelled: (p: Payload) => `您在${text(p.venue, "—")}${text(p.time, "")}的预约（预约码${text(p.code, "—")}）已取消。`,
  appointment_slot_closed: (p: Payload) =>
    `很抱歉，${text(p.venue, "—")}${text(p.time, "")}的时段已停止接待，您的预约（预约码${text(p.code, "—")}）已取消，请另约时间或拨打12348。`,
  appointment_reminder: (p: Payload) =>
    `温馨提醒：您预约了明天${text(p.time, "—")}在${text(p.venue, "—")}办理${SERVICE_NAMES[text(p.serviceType)] ?? "业务"}，预约码${text(p.code, "—")}。请携带身份证件按时到场。`,
} satisfies Record<AppointmentTemplate, (p: Payload) => string>;

/**
 * Opens a sealed payload field (the one-time code) for this rendering, or null
 * where the reader may not see it: the sender opens it to send, the outbox page
 * only in the development channel (find-notifications.ts).
 */
export type RevealSealed = (sealed: string) => string | null;

/** What the applicant reads, per template. Payloads come from the outbox row (number, reason, serviceType). */
export const NOTIFICATION_TEXTS: Record<NotificationTemplate, (p: Payload, reveal: RevealSealed) => string> = {
  ticket_received: (p) => {
    const service = SERVICE_NAMES[text(p.serviceType)];
    return `您的${service ? `${service}` : ""}申请已受理登记，编号${text(p.number, "—")}，可凭编号查询办理进度；如需补充材料，工作人员将一次性告知。`;
  },
  ticket_accepted: (p) => `您的申请（编号${text(p.number, "—")}）已正式受理，我们将尽快安排承办单位办理。`,
  ticket_rejected: (p) => `很抱歉，您的申请（编号${text(p.number, "—")}）不予受理，原因：${text(p.reason, "未说明")}。如有疑问请拨打12348。`,
  ticket_assigned: (p) => `您的申请（编号${text(p.number, "—")}）已分配承办单位办理，承办人员将与您联系。`,
  ticket_suspended: (p) => `您的申请（编号${text(p.number, "—")}）暂停办理，待补充材料或相关事项完成后继续，办理时限相应顺延。`,
  ticket_resolved: (p) => `您的申请（编号${text(p.number, "—")}）已办结。感谢您的信任，欢迎对本次服务作出评价。`,
  rating_invitation: (p) =>
    `请对您的申请（编号${text(p.number, "—")}）的办理情况进行满意度评价：服务态度、办理时效、政策水平、专业能力，每项1–5分，您的意见将用于改进服务。`,
  ticket_message: (p) => `您的申请（编号${text(p.number, "—")}）有工作人员的新回复，请登录12348法网“我的申请”查看。`,
  one_time_code: (p, reveal) => {
    const sealed = text(p.sealedCode);
    const code = (sealed && reveal(sealed)) || "******";
    const use = p.purpose === "tracking" ? "查询办理进度" : "登录12348法网";
    return `您正在${use}，验证码${code}，5分钟内有效。工作人员不会向您索取验证码，请勿告诉他人。`;
  },
  roster_gap: (p) =>
    `值班缺口预警：${text(p.region, "本地区")}12348热线${p.role === "duty_lawyer" ? "值班律师" : "话务员"}在${text(p.time, "—")}（北京时间）在岗不足${text(String(p.required ?? ""), "—")}人，请及时排班。`,
  early_warning: (p) =>
    `矛盾纠纷预警：${text(p.region, "本地区")}${text(p.what, "出现纠纷聚集")}（${text(String(p.applicants ?? ""), "—")}人、${text(String(p.tickets ?? ""), "—")}件），请及时签收并研判处置。`,
  ...APPOINTMENT_TEXTS,
};

/** Nothing sealed is opened: the code shows as ******. */
export const revealNothing: RevealSealed = () => null;

/**
 * The text of an outbox message; an unknown template (an older row) still renders
 * something readable. Sealed fields stay hidden unless `reveal` opens them.
 */
export function renderNotification(template: string, payload: Payload, reveal: RevealSealed = revealNothing): string {
  const render = NOTIFICATION_TEXTS[template as NotificationTemplate];
  return SIGNATURE + (render ? render(payload, reveal) : `您的申请（编号${text(payload.number, "—")}）有新的进展，请登录12348法网查询。`);
}

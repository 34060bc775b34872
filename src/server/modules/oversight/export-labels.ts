/** Chinese column values for the Excel export (data, not UI strings: the sheet is read by people, not by the app). */
export const CHANNEL_LABELS: Record<string, string> = {
  window: "窗口",
  hotline: "12348热线",
  portal: "网络平台",
  wechat: "微信",
  kiosk: "自助终端",
  upstream: "上级交办",
  referral: "转介",
};

export const SERVICE_TYPE_LABELS: Record<string, string> = {
  consultation: "法律咨询",
  legal_aid: "法律援助",
  mediation: "人民调解",
  notarization: "公证",
  forensic_appraisal: "司法鉴定",
  arbitration: "仲裁",
  administrative_reconsideration: "行政复议",
  lawyer_referral: "律师服务导引",
  complaint: "投诉",
  suggestion: "建议",
};

export const STATUS_LABELS: Record<string, string> = {
  submitted: "待受理",
  accepted: "已受理",
  rejected: "不予受理",
  assigned: "已分配",
  in_progress: "办理中",
  suspended: "已暂停",
  resolved: "已办结",
  followed_up: "已回访",
  archived: "已归档",
  merged: "已合并",
};

export const DUE_STATE_LABELS: Record<string, string> = {
  ok: "正常",
  due_soon: "临期",
  overdue: "逾期",
};

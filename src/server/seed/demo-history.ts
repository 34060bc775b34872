/**
 * A lived-in demo: a couple of months of tickets in 云岭市, taken in at the
 * windows, on the hotline and the portal, dispatched, handled, followed up,
 * rated and archived — some still open, some overdue, supervised, sent back,
 * rated low. Everything goes through the same commands as real work, at the
 * simulated moment each step happened, so deadlines, the audit chain, the
 * follow-ups and the outbox are exactly what they would be.
 */
import type { Database, Tx } from "../platform/db/index.ts";
import type { Protector } from "../platform/personal/protect.ts";
import { idCheckChar } from "../platform/personal/identity.ts";
import { systemActor, type Actor, type StaffActor } from "../policies/actor.ts";
import { loadStaffActor } from "../modules/accounts/queries/load-staff-actor.ts";
import { createTicket } from "../modules/tickets/commands/create-ticket.ts";
import { actOnTicket } from "../modules/tickets/commands/act-on-ticket.ts";
import { extendTicketDeadline } from "../modules/tickets/commands/extend-ticket-deadline.ts";
import { findTicketsWithDeadlinesToMark, markTicketDeadlines } from "../modules/tickets/commands/mark-deadlines.ts";
import { getTicketRow } from "../modules/tickets/queries/get-ticket.ts";
import { ticketPolicy } from "../modules/tickets/tickets.policy.ts";
import type { CreateTicketInput, TicketActionInput } from "../modules/tickets/tickets.types.ts";
import { suggestForTicket } from "../modules/dispatch/queries/dispatch-suggestion.ts";
import { issueSupervision } from "../modules/oversight/commands/issue-supervision.ts";
import { respondSupervision } from "../modules/oversight/commands/respond-supervision.ts";
import { recordRating } from "../modules/oversight/commands/record-rating.ts";
import { completeFollowUp } from "../modules/oversight/commands/complete-follow-up.ts";
import { escalateOverdueTicket, findTicketsToEscalate } from "../modules/oversight/commands/escalate-overdue.ts";
import { hasOpenFollowUps } from "../modules/oversight/commands/follow-up-tasks.ts";
import { findStaffByIds } from "../modules/accounts/queries/find-staff.ts";
import { DEMO_ACCOUNTS, DEMO_REGIONS } from "./demo.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32), so the same seed gives the same history. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const weighted = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as [T, number][];
    let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
    return entries[entries.length - 1][0];
  };
  return { next, pick, weighted, chance: (p: number) => next() < p, between: (lo: number, hi: number) => lo + next() * (hi - lo) };
}
type Random = ReturnType<typeof random>;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤".split("");
const GIVEN = "秀英桂兰玉兰建华建国志强明霞海燕国华德明淑珍文杰红梅丽华金凤永刚春生小红卫东晓东海涛秀兰凤英建军志刚".match(/../g)!;
const TIBETAN_NAMES = ["扎西", "卓玛", "次仁", "央金", "多吉", "格桑", "拉姆", "达瓦"];

/** What people come about, by service type: the category and how they put it. */
const MATTERS: Record<string, [category: string, description: string][]> = {
  consultation: [
    ["劳动争议", "在工地干了四个月，老板拖欠工资一万二，想问怎么讨回来"],
    ["婚姻家庭", "想离婚，孩子抚养权和房子怎么分，需要准备什么材料"],
    ["借贷", "借给亲戚五万元有借条，对方一直不还，能不能起诉"],
    ["交通事故", "被电动车撞伤住院，对方不愿赔偿医药费"],
    ["房屋宅基地", "老宅翻修被邻居阻拦，说占了他家的宅基地"],
    ["消费", "网上买的家电有质量问题，商家拒绝退货"],
    ["合同", "装修合同没按期完工，想解除合同退回预付款"],
    ["劳动争议", "在厂里干活受伤，老板不给交工伤保险"],
    ["婚姻家庭", "父母年纪大了，子女都不愿赡养，老人想咨询"],
    ["物业", "物业费涨价没有通知业主，能不能拒交"],
  ],
  mediation: [
    ["邻里", "楼上漏水泡坏楼下吊顶，两家协商不成"],
    ["房屋宅基地", "兄弟分家时宅基地界线说不清，双方争执"],
    ["邻里", "邻居在公共通道堆放杂物，多次沟通无果"],
    ["婚姻家庭", "夫妻因彩礼返还发生纠纷，请求调解"],
    ["山林土地", "两村交界处山林权属有争议，双方都在砍伐"],
    ["损害赔偿", "放养的牛吃了别家庄稼，赔偿数额谈不拢"],
  ],
  legal_aid: [
    ["劳动争议", "农民工被拖欠工资，经济困难请不起律师，申请法律援助"],
    ["婚姻家庭", "遭受家庭暴力，要起诉离婚，家庭困难申请援助"],
    ["损害赔偿", "工伤致残，用人单位拒绝赔偿，申请法律援助"],
    ["交通事故", "父亲车祸去世，肇事方拒赔，家里低保户"],
  ],
  lawyer_referral: [["合同", "公司合同纠纷需要委托律师代理诉讼"], ["借贷", "民间借贷金额较大，想找律师起诉"]],
  notarization: [["婚姻家庭", "办理遗嘱公证需要哪些手续"], ["其他", "出国留学需要学历公证"]],
  forensic_appraisal: [["交通事故", "交通事故伤残等级需要做司法鉴定"], ["医疗", "怀疑医疗过错，想做医疗损害鉴定"]],
  arbitration: [["劳动争议", "公司违法解除劳动合同，要申请劳动仲裁"], ["劳动争议", "加班费一直不给，准备申请仲裁"]],
  administrative_reconsideration: [["征地拆迁", "对征地补偿决定不服，想申请行政复议"], ["其他", "对行政罚款决定不服"]],
  complaint: [["其他", "反映某律师事务所收费不透明，服务态度差"], ["其他", "投诉窗口工作人员办事拖拉"]],
  suggestion: [["其他", "建议在村里增加法律顾问坐班时间"], ["其他", "建议热线增加藏语服务时段"]],
};

const SERVICE_WEIGHTS = {
  consultation: 44, mediation: 20, legal_aid: 12, lawyer_referral: 5, notarization: 4, forensic_appraisal: 2,
  arbitration: 4, administrative_reconsideration: 2, complaint: 4, suggestion: 3,
};

/** Beijing wall-clock time → instant. */
const beijing = (dayStart: number, hours: number) => new Date(dayStart + hours * HOUR);
/** Midnight (Beijing) of the day `daysAgo` before `now`. */
const beijingMidnight = (now: Date, daysAgo: number) => {
  const local = new Date(now.getTime() + 8 * HOUR);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * HOUR - daysAgo * DAY;
};
const isWeekend = (dayStart: number) => [0, 6].includes(new Date(dayStart + 8 * HOUR).getUTCDay());

function idNumber(r: Random, regionCode: string): string {
  const year = 1950 + Math.floor(r.next() * 55);
  const month = 1 + Math.floor(r.next() * 12);
  const day = 1 + Math.floor(r.next() * 28);
  const first17 = `${regionCode.slice(0, 6)}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(Math.floor(r.next() * 999)).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

type Staff = Record<string, StaffActor>;

/** The end state a ticket of this age has reached, roughly as a bureau's books look. */
function targetState(r: Random, ageDays: number) {
  if (ageDays < 1) return r.weighted({ submitted: 25, accepted: 20, assigned: 25, in_progress: 25, rejected: 5 });
  if (ageDays < 7) return r.weighted({ accepted: 4, assigned: 10, in_progress: 30, suspended: 8, resolved: 30, followed_up: 15, rejected: 3 });
  return r.weighted({ in_progress: 6, suspended: 3, resolved: 7, followed_up: 20, archived: 56, rejected: 5, merged: 3 });
}

export type HistoryReport = { tickets: number; seconds: number };

/**
 * Generates the history up to `now`: `count` tickets over the last `days` days,
 * each in its own transaction (a running server stays responsive), then marks
 * the deadlines and escalates what is overdue, as the scheduler would.
 */
export async function seedDemoHistory(
  database: Database,
  deps: { protector: Protector },
  now: Date,
  options: { count?: number; days?: number; seed?: number; log?: (line: string) => void } = {},
): Promise<HistoryReport> {
  const started = performance.now();
  const r = random(options.seed ?? 12348);
  const count = options.count ?? 240;
  const days = options.days ?? 60;
  const staff = await loadDemoStaff(database);
  const villages = DEMO_REGIONS.filter(([, , , level]) => level === "village").map(([code]) => code);

  // The moments requests came in, oldest first (so numbers run with the dates); fewer long ago.
  const moments = Array.from({ length: count }, () => {
    const daysAgo = Math.floor(Math.pow(r.next(), 1.3) * days);
    const dayStart = beijingMidnight(now, daysAgo);
    const channel = r.weighted({ window: 40, hotline: 32, portal: 16, wechat: 5, referral: 4, kiosk: 3 });
    // Windows and most hotline calls in office hours; the hotline and the portal at any hour.
    const hours = channel === "window" || channel === "referral" || r.chance(0.7) ? r.between(8.6, 17.4) : r.between(0, 24);
    const at = beijing(dayStart, hours);
    return { at: at > now ? new Date(now.getTime() - r.between(0.2, 3) * HOUR) : at, channel, isWeekday: !isWeekend(dayStart) };
  })
    .filter((m) => m.isWeekday || m.channel === "hotline" || m.channel === "portal" || m.channel === "wechat")
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  const recent: { id: string; regionCode: string; at: Date; target: string }[] = [];
  let made = 0;
  for (const moment of moments) {
    const serviceType = r.weighted(SERVICE_WEIGHTS);
    const [category, description] = r.pick(MATTERS[serviceType]);
    const regionCode = r.chance(0.85) ? r.pick(villages) : r.pick(["990102001", "990102002", "990103001", "990103002"]);
    const isTibetan = regionCode.startsWith("990103") && r.chance(0.25);
    const input: CreateTicketInput = {
      channel: moment.channel as CreateTicketInput["channel"],
      serviceType: serviceType as CreateTicketInput["serviceType"],
      category: category as CreateTicketInput["category"],
      regionCode,
      applicant: {
        name: isTibetan ? r.pick(TIBETAN_NAMES) : r.pick(SURNAMES) + r.pick(GIVEN),
        phone: `1${r.pick(["35", "38", "39", "52", "58", "77", "86", "89"])}${String(Math.floor(r.next() * 1e8)).padStart(8, "0")}`,
        ...(serviceType === "legal_aid" || r.chance(0.2) ? { idNumber: idNumber(r, regionCode) } : {}),
        gender: r.pick(["male", "female"] as const),
        ageGroup: r.weighted({ "18_35": 30, "36_59": 45, "60_plus": 22, under_18: 3 }),
        specialGroups: r.chance(0.18) ? [r.pick(["elderly", "disabled", "migrant_worker_wages", "military_family", "women_children_hardship"] as const)] : [],
      },
      description,
      language: isTibetan ? "bo" : "zh",
      preferredContact: r.pick(["phone", "sms", "phone", "visit"] as const),
    };
    const creator = creatorFor(staff, moment.channel, regionCode);
    const ageDays = (now.getTime() - moment.at.getTime()) / DAY;
    let target = targetState(r, ageDays);
    // A duplicate (重复来访) is merged into an open ticket of the same place from the days before.
    const duplicateOf =
      target === "merged"
        ? recent.filter((t) => t.regionCode.slice(0, 9) === regionCode.slice(0, 9) && ["in_progress", "suspended", "assigned", "resolved", "followed_up"].includes(t.target) && moment.at.getTime() - t.at.getTime() < 5 * DAY).at(-1)
        : undefined;
    if (target === "merged" && !duplicateOf) target = "archived";

    await database.db.transaction(async (tx) => {
      const { id } = await createTicket(tx, creator, input, moment.at, { protector: deps.protector });
      recent.push({ id, regionCode, at: moment.at, target });
      await live(tx, r, staff, deps, id, target, moment.at, now, duplicateOf?.id);
    });
    made += 1;
    if (options.log && made % 50 === 0) options.log(`demo history: ${made} of ${moments.length} tickets (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  // What the scheduler would have done by now: deadlines marked, overdue tickets escalated.
  const scheduler = systemActor("scheduler");
  for (const id of await findTicketsWithDeadlinesToMark(database.db, now, 10_000)) {
    await database.db.transaction((tx) => markTicketDeadlines(tx, scheduler, id, now));
  }
  for (const id of await findTicketsToEscalate(database.db, now, 10_000)) {
    await database.db.transaction((tx) => escalateOverdueTicket(tx, scheduler, id, now));
  }
  return { tickets: made, seconds: (performance.now() - started) / 1000 };
}

async function loadDemoStaff(database: Database): Promise<Staff> {
  const staff: Staff = {};
  const rows = await database.pool.query<{ id: string; username: string }>("select id, username from accounts where username = any($1)", [DEMO_ACCOUNTS.map((a) => a.username)]);
  for (const row of rows.rows) {
    const actor = await loadStaffActor(database.db, row.id, null);
    if (actor) staff[row.username] = actor;
  }
  return staff;
}

/** Who takes a request in: the county's window clerk, the city's hotline operator, or the platform itself (portal, WeChat, kiosk). */
function creatorFor(staff: Staff, channel: string, regionCode: string): Actor {
  if (channel === "window" || channel === "referral") {
    const window = regionCode.startsWith("990103") ? staff.window2 : staff.window;
    if (window) return window;
  }
  if (channel === "hotline" && staff.operator) return staff.operator;
  return systemActor(`demo:${channel}`);
}

/** Takes one ticket from intake to `target`, each step a little later, never past `now`. */
async function live(tx: Tx, r: Random, staff: Staff, deps: { protector: Protector }, id: string, target: string, createdAt: Date, now: Date, duplicateOf?: string): Promise<void> {
  let at = createdAt;
  /** The next step's moment, or null when it would lie in the future. */
  const later = (minHours: number, maxHours: number) => {
    const next = new Date(at.getTime() + r.between(minHours, maxHours) * HOUR);
    if (next >= now) return null;
    at = next;
    return at;
  };
  const act = async (actor: Actor, input: TicketActionInput) => actOnTicket(tx, actor, id, input, at, { protector: deps.protector });
  const front = async () => {
    const row = (await getTicketRow(tx, id))!;
    return [staff.window, staff.window2, staff.operator, staff.dispatcher].find((a) => a && ticketPolicy.can(a, "accept", row))!;
  };
  const handlerOf = async (): Promise<Actor | null> => {
    const row = (await getTicketRow(tx, id))!;
    if (row.assigneeId) {
      const person = (await findStaffByIds(tx, [row.assigneeId])).get(row.assigneeId);
      return person ? Object.values(staff).find((s) => s.id === person.id) ?? null : null;
    }
    return Object.values(staff).find((s) => ticketPolicy.can(s, "start", row)) ?? null;
  };

  if (target === "submitted" || !later(0.1, 3)) return;
  // A legal aid application is a legal aid case from its intake, which took the ticket in and handed it
  // to the county's center (legal-aid-flow.md). From there the case's own steps move the ticket (its
  // deadlines, Art. 43's among them, are the case's); this history does not play them, so such a ticket
  // stays with the center as taken in — overdue when old, as an unattended application would be.
  if ((await getTicketRow(tx, id))!.status !== "submitted") return;
  if (target === "merged" && duplicateOf) {
    await act(await front(), { action: "merge_into", targetTicketId: duplicateOf });
    return;
  }
  if (target === "rejected") {
    await act(await front(), { action: "reject", reason: r.pick(["不属于法律服务事项，已告知向相关部门反映", "重复申请，已在原工单中办理", "诉讼已终结，告知当事人申请再审的途径"]) });
    if (r.chance(0.6) && later(24, 96)) await act(staff.dispatcher, { action: "archive" });
    return;
  }
  await act(await front(), { action: "accept" });
  if (target === "accepted" || !later(0.5, 20)) return;

  const assign = async () => {
    const row = (await getTicketRow(tx, id))!;
    const suggestion = await suggestForTicket(tx, row, at);
    await act(staff.dispatcher, { action: "assign", unitRegionCode: suggestion.unit.code, assigneeId: suggestion.assignee?.id ?? null });
  };
  await assign();
  // Sent back now and then (退回), and dispatched again.
  if (r.chance(0.07) && later(1, 20)) {
    const handler = await handlerOf();
    if (handler) {
      await act(handler, { action: "send_back", reason: "不属于本单位受理范围，请重新分配" });
      if (!later(0.5, 8)) return;
      await assign();
    }
  }
  if (target === "assigned" || !later(0.5, 24)) return;
  const handler = await handlerOf();
  if (!handler) return;
  await act(handler, { action: "start" });
  if (r.chance(0.1) && (target === "in_progress" || target === "suspended")) {
    // 督办 on a slow one; answered most of the time.
    if (!later(24, 72)) return;
    const orderId = await issueSupervision(tx, staff.supervisor, id, { reason: r.pick(["当事人多次来电催办，请加快办理", "办理时间较长，请说明进展"]), dueAt: new Date(at.getTime() + 2 * DAY) }, at);
    if (r.chance(0.7) && later(2, 30)) await respondSupervision(tx, handler, orderId, { response: "已联系双方当事人，约定本周内调解" }, at);
  }
  if (target === "in_progress") {
    if (r.chance(0.15)) await extendTicketDeadline(tx, staff.dispatcher, id, { step: "resolve", amount: 3, unit: "working_days", reason: "案情复杂，需补充调查" }, at);
    return;
  }
  if (target === "suspended") {
    if (later(2, 48)) await act(handler, { action: "suspend", reason: "等待当事人补充证据材料" });
    return;
  }
  if (!later(2, serviceHours(r, (await getTicketRow(tx, id))!.serviceType))) return;
  await act(handler, { action: "resolve", summary: r.pick(["已当面解答，告知维权途径和所需材料", "经调解双方达成协议，已签订调解协议书", "已指派律师代理，案件进入诉讼程序", "已出具法律意见，当事人表示理解"]) });
  if (target === "resolved" || !later(4, 60)) return;
  const isLow = r.chance(0.09);
  const scores = isLow ? { attitude: 2, speed: r.pick([1, 2]), policy: 3, expertise: 3, comment: "等了很久才有人联系" } : { attitude: 5, speed: r.pick([4, 5]), policy: 5, expertise: r.pick([4, 5]) };
  await act(staff.operator, { action: "follow_up", outcome: isLow ? "当事人对办理时效不满意" : "当事人表示满意，问题已解决" });
  const { followUpId } = await recordRating(tx, staff.operator, id, scores, at);
  if (followUpId && r.chance(0.5) && later(4, 48)) {
    await completeFollowUp(tx, staff.supervisor, followUpId, { outcome: "已向当事人说明情况并致歉，督促承办人改进", isSatisfied: true }, at);
  }
  if (target === "followed_up" || !later(24, 120)) return;
  // A low rating's follow-up still open holds the archive back, as it should.
  if (await hasOpenFollowUps(tx, id)) return;
  await act(staff.dispatcher, { action: "archive" });
}

/** How long a service usually takes to resolve, in hours (some run late: the overdue ones). */
function serviceHours(r: Random, serviceType: string): number {
  const base: Record<string, number> = { consultation: 30, mediation: 240, legal_aid: 100, lawyer_referral: 60 };
  return (base[serviceType] ?? 80) * (r.chance(0.12) ? 3 : 1);
}

import type { Tx } from "../platform/db/index.ts";
import { loadStaffActor } from "../modules/accounts/queries/load-staff-actor.ts";
import { createArticle } from "../modules/content/commands/create-article.ts";
import { actOnArticle } from "../modules/content/commands/act-on-article.ts";
import type { CreateArticleInput } from "../modules/content/content.types.ts";

const DAY_MS = 86_400_000;

/** The demo city's 普法 articles and notices: written and published by its admin and leader, through the commands. */
export const DEMO_ARTICLES: (CreateArticleInput & { author: "admin" | "leader"; daysAgo: number; isPublished: boolean })[] = [
  {
    author: "admin",
    daysAgo: 1,
    isPublished: true,
    kind: "notice",
    category: "public_notice",
    title: "云岭市公共法律服务大厅春节期间服务安排",
    summary: "春节假期大厅暂停窗口服务，12348 热线照常接听。",
    body: "根据国务院办公厅节假日安排，春节假期期间云岭市公共法律服务大厅暂停窗口服务，节后第一个工作日起恢复正常办公。\n\n## 假期间如何求助\n\n- 12348 公共法律服务热线 24 小时接听\n- 可在本平台网上咨询、申请法律援助\n- 急需法律援助的，可联系所在区县法律援助中心值班律师\n\n给您带来不便，敬请谅解。",
  },
  {
    author: "admin",
    daysAgo: 3,
    isPublished: true,
    kind: "legal_education",
    category: "labour",
    title: "被拖欠工资怎么办？农民工讨薪的几条途径",
    summary: "先留证据，再协商、投诉、仲裁，经济困难的可以申请法律援助。",
    body: "年底将至，一些务工人员遇到被拖欠工资的问题。讨薪要依法、有序，以下途径可以参考。\n\n## 第一步：保留证据\n\n- 劳动合同或用工协议\n- 工资条、银行流水、考勤记录\n- 与老板或包工头的聊天记录\n\n## 第二步：协商和投诉\n\n先与用人单位协商；协商不成的，可以向当地人力资源和社会保障部门劳动保障监察机构投诉。\n\n## 第三步：申请仲裁\n\n可以向劳动人事争议仲裁委员会申请仲裁，劳动争议仲裁不收费。\n\n农民工请求支付劳动报酬的，申请法律援助时免予核查经济困难状况（《法律援助法》第四十二条）。有疑问请拨打 12348。",
  },
  {
    author: "leader",
    daysAgo: 6,
    isPublished: true,
    kind: "legal_education",
    category: "anti_fraud",
    title: "警惕“冒充公检法”电信网络诈骗",
    summary: "公检法机关不会通过电话办案，更不会要求转账到“安全账户”。",
    body: "近期，我市发生多起冒充公安、检察院、法院工作人员实施的诈骗案件。骗子往往声称您“涉嫌洗钱”，要求您将钱转入所谓“安全账户”。\n\n## 记住三个“绝不会”\n\n- 公检法机关绝不会通过电话、微信办案\n- 绝不会通过网络发送“通缉令”“逮捕令”\n- 绝不会要求转账到“安全账户”\n\n接到此类电话，请立即挂断，拨打 110 报警或 96110 反诈专线咨询。",
  },
  {
    author: "admin",
    daysAgo: 10,
    isPublished: true,
    kind: "legal_education",
    category: "marriage_family",
    title: "《民法典》里的离婚冷静期，您了解吗？",
    summary: "协议离婚要经过 30 日冷静期；诉讼离婚不适用。",
    body: "《民法典》第一千零七十七条规定：自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。\n\n冷静期届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；未申请的，视为撤回离婚登记申请。\n\n## 需要注意\n\n- 冷静期只适用于协议离婚，不适用于向法院起诉离婚\n- 遭受家庭暴力的，可以向法院申请人身安全保护令\n\n家庭矛盾也可以先找所在村（社区）人民调解委员会免费调解。",
  },
  {
    author: "admin",
    daysAgo: 14,
    isPublished: true,
    kind: "notice",
    category: "public_notice",
    title: "关于开展 2026 年度“法律明白人”培训的通知",
    summary: "各乡镇（街道）司法所组织辖区“法律明白人”参加集中培训。",
    body: "为提升基层依法治理水平，市司法局决定开展 2026 年度“法律明白人”集中培训。\n\n## 培训对象\n\n各村（社区）“法律明白人”、村（居）法律顾问。\n\n## 培训内容\n\n- 《民法典》婚姻家庭编、物权编常见问题\n- 人民调解的方法与技巧\n- 法律援助的申请条件与流程\n\n请各乡镇（街道）司法所于本月底前将参训人员名单报市司法局。",
  },
  {
    author: "admin",
    daysAgo: 0,
    isPublished: false,
    kind: "legal_education",
    category: "minors",
    title: "未成年人网络保护：家长要知道的几件事（草稿）",
    summary: "",
    body: "（草稿，待审核后发布）\n\n《未成年人保护法》专设“网络保护”一章……",
  },
];

/** Writes the demo articles; the accounts are the demo's admin and leader (by id). */
export async function seedDemoArticles(tx: Tx, accountIds: { admin: string; leader: string }, now: Date): Promise<void> {
  const admin = await loadStaffActor(tx, accountIds.admin, null);
  const leader = await loadStaffActor(tx, accountIds.leader, null);
  if (!admin || !leader) throw new Error("the demo's admin and leader must exist before its articles");
  // Oldest first, so the audit log reads in the order things happened.
  for (const { author, daysAgo, isPublished, ...input } of [...DEMO_ARTICLES].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const actor = author === "admin" ? admin : leader;
    const at = new Date(now.getTime() - daysAgo * DAY_MS);
    const id = await createArticle(tx, actor, input, at);
    if (isPublished) await actOnArticle(tx, actor, id, "publish", at);
  }
}

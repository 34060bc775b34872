import type { Tx } from "../platform/db/index.ts";
import { loadStaffActor } from "../modules/accounts/queries/load-staff-actor.ts";
import { createKnowledgeEntry } from "../modules/knowledge/commands/create-knowledge-entry.ts";
import { actOnKnowledgeEntry } from "../modules/knowledge/commands/act-on-knowledge-entry.ts";
import type { CreateKnowledgeEntryInput } from "../modules/knowledge/knowledge-entries.types.ts";

const DAY_MS = 86_400_000;

type DemoAuthor = "admin" | "lawyer" | "lawyer2" | "advisor";

/**
 * The demo city's FAQ entries and case explainers (以案释法): written by the people who
 * answer consultations and by the city's admin, published by the leader, through the
 * commands. The citations are real articles of the current laws, as the laws write them,
 * so they resolve whether or not the laws are imported before the demo is seeded.
 */
export const DEMO_KNOWLEDGE: (CreateKnowledgeEntryInput & { author: DemoAuthor; daysAgo: number; isPublished: boolean })[] = [
  {
    author: "lawyer",
    daysAgo: 12,
    isPublished: true,
    kind: "faq",
    category: "劳动争议",
    title: "入职半年了单位一直没签劳动合同，能要求双倍工资吗？",
    body: "可以。用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。\n二倍工资从用工满一个月的次日起算，最长算到满一年的前一日，也就是最多 11 个月的差额。\n请保留工资条、考勤记录、工作证、与单位的聊天记录等能证明劳动关系的材料，先与单位协商；协商不成的，可以向劳动人事争议仲裁委员会申请仲裁，仲裁不收费。\n注意：劳动争议的仲裁时效一般为一年。",
    citations: [
      { lawTitle: "中华人民共和国劳动合同法", articleNo: "第十条" },
      { lawTitle: "中华人民共和国劳动合同法", articleNo: "第八十二条" },
      { lawTitle: "中华人民共和国劳动争议调解仲裁法", articleNo: "第二十七条" },
    ],
  },
  {
    author: "admin",
    daysAgo: 9,
    isPublished: true,
    kind: "faq",
    category: "劳动争议",
    title: "老板拖欠工资不给，该怎么办？",
    body: "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。被拖欠工资的，可以这样做：\n一、保留证据：劳动合同、工资条、银行流水、考勤记录、欠条或聊天记录。\n二、协商或投诉：与单位协商；协商不成的，向当地劳动保障监察机构投诉。\n三、申请仲裁：向劳动人事争议仲裁委员会申请，劳动争议仲裁不收费。\n进城务工人员申请支付劳动报酬的，申请法律援助时免予核查经济困难状况，可以到就近的法律援助中心申请，或拨打 12348 咨询。",
    citations: [
      { lawTitle: "中华人民共和国劳动合同法", articleNo: "第三十条" },
      { lawTitle: "中华人民共和国劳动争议调解仲裁法", articleNo: "第五十三条" },
      { lawTitle: "中华人民共和国法律援助法", articleNo: "第四十二条" },
    ],
  },
  {
    author: "admin",
    daysAgo: 7,
    isPublished: true,
    kind: "faq",
    category: "婚姻家庭",
    title: "离婚后孩子归谁抚养？抚养费怎么定？",
    body: "父母与子女间的关系，不因父母离婚而消除。离婚后，子女无论由父或者母直接抚养，仍是父母双方的子女，父母对子女仍有抚养、教育、保护的权利和义务。\n不满两周岁的子女，以由母亲直接抚养为原则；已满两周岁的，父母双方协议不成的，由人民法院根据双方的具体情况，按照最有利于未成年子女的原则判决；子女已满八周岁的，应当尊重其真实意愿。\n子女由一方直接抚养的，另一方应当负担部分或者全部抚养费，数额和期限由双方协议，协议不成的由人民法院判决。不直接抚养的一方有探望子女的权利。",
    citations: [
      { lawTitle: "中华人民共和国民法典", articleNo: "第一千零八十四条" },
      { lawTitle: "中华人民共和国民法典", articleNo: "第一千零八十五条" },
      { lawTitle: "中华人民共和国民法典", articleNo: "第一千零八十六条" },
    ],
  },
  {
    author: "lawyer2",
    daysAgo: 5,
    isPublished: true,
    kind: "case_explainer",
    category: "损害赔偿",
    title: "以案释法：遛狗不拴绳，狗咬伤路人谁来赔？",
    body: "【基本案情】石桥县村民张某傍晚遛狗时没有拴绳，狗突然扑向路过的李某，将其小腿咬伤。李某花去医疗费、疫苗费三千余元，误工半月，要求张某赔偿，张某认为是李某自己躲闪不及，拒绝赔偿。\n【调解结果】经柳河镇人民调解委员会调解，张某赔偿李某医疗费、误工费等共计五千元，并承诺今后遛狗一律拴绳。\n【以案释法】饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任；违反管理规定，未对动物采取安全措施造成他人损害的，也应当承担侵权责任，只有能够证明损害是因被侵权人故意造成的，才可以减轻责任。遛狗拴绳既是文明养犬，也是法定义务。",
    citations: [
      { lawTitle: "中华人民共和国民法典", articleNo: "第一千二百四十五条" },
      { lawTitle: "中华人民共和国民法典", articleNo: "第一千二百四十六条" },
    ],
  },
  {
    author: "admin",
    daysAgo: 3,
    isPublished: true,
    kind: "case_explainer",
    category: "交通事故",
    title: "以案释法：电动车与小轿车相撞，交强险先赔",
    body: "【基本案情】王某骑电动车在青川区河滨路被赵某驾驶的小轿车撞伤，交警认定赵某负主要责任。赵某称车辆买了保险，让王某去找保险公司。\n【处理结果】经青川区道路交通事故人民调解委员会调解，保险公司在交强险责任限额内先行赔付，超出部分由赵某按责任比例承担。\n【以案释法】机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在机动车第三者责任强制保险责任限额范围内予以赔偿；不足的部分，机动车与非机动车驾驶人、行人之间发生交通事故的，由机动车一方承担赔偿责任；非机动车驾驶人、行人有过错的，根据过错程度适当减轻机动车一方的赔偿责任。遇到交通事故，先报警、保留现场和就医票据，再协商或申请调解。",
    citations: [{ lawTitle: "中华人民共和国道路交通安全法", articleNo: "第七十六条" }],
  },
  {
    author: "advisor",
    daysAgo: 1,
    isPublished: false,
    kind: "faq",
    category: "房屋宅基地",
    title: "农村宅基地能卖给外村人吗？（草稿）",
    body: "（草稿，待审核后发布）\n农村村民一户只能拥有一处宅基地……",
    citations: [{ lawTitle: "中华人民共和国土地管理法", articleNo: "第六十二条" }],
  },
];

/** Writes the demo's FAQ entries and case explainers; the leader publishes those marked so. */
export async function seedDemoKnowledge(tx: Tx, idOf: (username: string) => string, now: Date): Promise<void> {
  const leader = await loadStaffActor(tx, idOf("leader"), null);
  if (!leader) throw new Error("the demo's leader must exist before its FAQ entries");
  // Oldest first, so the audit log reads in the order things happened.
  for (const { author, daysAgo, isPublished, ...input } of [...DEMO_KNOWLEDGE].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const writer = await loadStaffActor(tx, idOf(author), null);
    if (!writer) throw new Error(`the demo account ${author} must exist before its FAQ entries`);
    const at = new Date(now.getTime() - daysAgo * DAY_MS);
    const id = await createKnowledgeEntry(tx, writer, input, at);
    if (isPublished) await actOnKnowledgeEntry(tx, leader, id, "publish", at);
  }
}

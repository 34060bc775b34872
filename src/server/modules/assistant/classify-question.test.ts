import { describe, expect, it } from "vitest";
import { DISPUTE_CATEGORIES } from "../services/service-catalogue.ts";
import { CATEGORY_TERMS } from "./category-lexicon.ts";
import { categoryOfArticle, classifyCategory, classifyQuestion, classifyServiceType, lastClause, lexiconWords } from "./classify-question.ts";

// Questions quoted here are real: ordinary people's questions from STARD
// (bench/data/assistant-labelled.jsonl, tuning half), unless marked as written
// for the test (STARD holds no question asking for legal aid, notarization…).

describe("the dispute category of a real question", () => {
  it.each([
    ["用人单位在第二次固定期限劳动合同到期前告知劳动者不续签劳动合同，合法吗？", "劳动争议"],
    ["宅基地被征收了，会有补偿吗？", "征地拆迁"],
    ["主张这块宅基地是我的必须要提供证明吗？", "房屋宅基地"],
    ["邻居改装阳台（安装空调外机/改装房屋），把我家采光挡了，我可以要求他不改装吗？", "邻里"],
    ["医院输入的血液不合格造成了患者损害，可以向医院要求赔偿或追究医院责任吗？", "医疗"],
    ["新冠肺炎疫情期间，我的车不幸发生了事故，但因疫情防控需要，我无法前往保险公司定损，我该怎么留存证据呢？", "交通事故"],
    ["物业发的《用户手册》约定“业主违反手册规定，物业公司有权罚款”，合法吗？", "物业"],
    ["旅游过程中被强制消费该如何维权？", "消费"],
    ["民间借贷中，出借人可以向借款人主张利息吗？民间借贷中的利息应该怎么计算？", "借贷"],
    ["共同遗嘱中一人死亡时遗嘱能否予以生效并开始继承？", "婚姻家庭"],
    ["租赁物毁损、灭失，承租人是否应继续支付租金？", "合同"],
    ["家庭承包经营户成员死亡后，该成员拥有的土地承包份额谁来继承？", "山林土地"],
    ["大学生在校期间饮酒后，晚上在学校宿舍楼使用无电灯照明的卫生间时滑倒摔伤，学校应否承担赔偿责任？能否减轻赔偿责任？", "损害赔偿"],
    ["出售银行卡是犯罪吗", "其他"],
    ["我可以以名人的名字注册商标吗？", "其他"],
  ])("%s → %s", (question, category) => {
    expect(classifyQuestion(question).category).toBe(category);
  });

  it("two different questions get different categories, each from its own words", () => {
    const labour = classifyCategory("用人单位辞退员工未通知工会是否属于违法解除？");
    const lending = classifyCategory("网贷利率过高可以请求法院撤销借款合同吗？");
    expect(labour.category).toBe("劳动争议");
    expect(lending.category).toBe("借贷");
    expect(labour.evidence.map((e) => e.term)).toEqual(expect.arrayContaining(["用人单位", "辞退"]));
    expect(lending.evidence.map((e) => e.term)).toEqual(expect.arrayContaining(["网贷", "借款合同"]));
  });

  it("says it does not know when nothing in the question points anywhere, instead of a default", () => {
    const nothing = classifyQuestion("你好");
    expect(nothing).toMatchObject({ category: null, serviceType: null, confidence: { category: 0, serviceType: 0 }, isUncertain: true });
    // A real question with no word of any category: a legal question (a consultation), category unknown.
    const unplaced = classifyQuestion("乘坐高铁，发现自己的位置被别人霸占了，这是可以的吗？");
    expect(unplaced).toMatchObject({ category: null, serviceType: "consultation", isUncertain: true });
  });

  it("is sure when one decisive word decides, unsure when the words disagree", () => {
    expect(classifyCategory("宅基地被卖了两次，已经办理登记的人获得宅基地使用权吗？").confidence).toBeGreaterThanOrEqual(0.8);
    // 肖像权 (a personal right) against 许可合同 (a contract): a guess, and said to be one.
    const torn = classifyQuestion("肖像权人可以随时解除肖像权许可合同吗？");
    expect(torn.isUncertain).toBe(true);
    expect(torn.alternatives.map((a) => a.category).sort()).toEqual(["合同", "损害赔偿"]);
  });
});

describe("hearing the words", () => {
  it("a longer word silences the shorter ones inside it, unless they also stand alone", () => {
    expect(lexiconWords("劳动合同到期")).toEqual(["劳动合同"]);
    expect(lexiconWords("劳动合同到期后另签了一份合同")).toEqual(expect.arrayContaining(["劳动合同", "合同"]));
    expect(lexiconWords("出租车司机")).not.toContain("出租");
  });

  it("a word the segmenter knows is heard only where it is a word: 婚后 is not in 离婚后, 车 not in 车间", () => {
    expect(lexiconWords("父母已经离婚，可以要求离婚后的父母赔偿吗")).not.toContain("婚后");
    expect(lexiconWords("车间主任扣我工资")).not.toContain("车");
    expect(lexiconWords("婚后买的房子")).toContain("婚后");
  });

  it("hears every word of the lexicon said on its own (no dead entries)", () => {
    for (const category of DISPUTE_CATEGORIES) {
      for (const word of Object.keys(CATEGORY_TERMS[category])) expect(lexiconWords(word), `${category}: ${word}`).toContain(word);
    }
  });

  it("weighs the question at the end of a story more: 交通事故 … 是否属于诈骗 is about fraud", () => {
    expect(lastClause("交通事故发生后偷偷替换驾驶人员，是否属于诈骗？")).toBe("是否属于诈骗?"); // normalised: full-width marks become ASCII
    expect(lastClause("什么是留置权？")).toBe("");
    expect(classifyCategory("有人伪造交通事故骗取保险赔偿，是否属于诈骗罪？").category).toBe("其他");
  });

  it("infringement beside a trademark or a work is intellectual property, not injury", () => {
    expect(classifyCategory("商标侵权损害赔偿的抗辩都有哪些？").category).toBe("其他");
    expect(classifyCategory("被邻居家的狗咬伤，侵权责任谁来承担？").category).toBe("损害赔偿");
  });
});

describe("the retrieved articles vote", () => {
  it("by their law: 劳动合同法 → 劳动争议, 道路交通安全法 → 交通事故, 著作权法 → 其他", () => {
    expect(categoryOfArticle({ lawTitle: "中华人民共和国劳动合同法", articleNo: "第四十七条" })).toBe("劳动争议");
    expect(categoryOfArticle({ lawTitle: "中华人民共和国道路交通安全法", articleNo: "第七十六条" })).toBe("交通事故");
    expect(categoryOfArticle({ lawTitle: "中华人民共和国著作权法", articleNo: "第十条" })).toBe("其他");
    expect(categoryOfArticle({ lawTitle: "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", articleNo: "第二十五条" })).toBe("借贷");
  });

  it("by the part of the civil code their article number falls in", () => {
    const civil = (articleNo: string) => categoryOfArticle({ lawTitle: "中华人民共和国民法典", articleNo });
    expect(civil("第二百八十八条")).toBe("邻里"); // 相邻关系
    expect(civil("第六百六十七条")).toBe("借贷"); // 借款合同
    expect(civil("第九百四十四条")).toBe("物业"); // 物业服务合同
    expect(civil("第七百零三条")).toBe("合同"); // 租赁合同
    expect(civil("第一千零七十九条")).toBe("婚姻家庭"); // 离婚
    expect(civil("第一千二百一十八条")).toBe("医疗"); // 医疗损害责任
    expect(civil("第一千一百六十五条")).toBe("损害赔偿");
    expect(civil("第一条")).toBeNull();
  });

  it("decide a question whose words point nowhere, and only lean on one whose words are clear", () => {
    const question = "乘坐高铁，发现自己的位置被别人霸占了，这是可以的吗？";
    const transport = [
      { lawTitle: "中华人民共和国民法典", articleNo: "第八百一十五条" },
      { lawTitle: "中华人民共和国民法典", articleNo: "第八百一十九条" },
    ];
    expect(classifyCategory(question, transport)).toMatchObject({ category: "合同" });
    expect(classifyCategory(question, transport).evidence.every((e) => e.source === "article")).toBe(true);
    // Ten articles of another law cannot outvote a decisive word of the question.
    const tenOther = Array.from({ length: 10 }, () => ({ lawTitle: "中华人民共和国刑法", articleNo: "第二百六十四条" }));
    expect(classifyCategory("宅基地被征收了，会有补偿吗？", tenOther).category).toBe("征地拆迁");
  });
});

describe("the service type", () => {
  it.each([
    // Real (STARD): a point of law about a service is a consultation, not a request for it.
    ["因征收集体所有的土地及其补偿发生的纠纷是否可以仲裁？", "consultation"],
    ["建设工程施工合同约定了计价方式或计价标准，能否对工程款结算再进行司法鉴定？", "consultation"],
    ["网贷利率过高可以请求法院撤销借款合同吗？", "consultation"],
    // Real (STARD): trouble with a neighbour, asking what to do → people's mediation.
    ["和邻居约定他家的巷道我可以使用出行，但是邻居之后又拿砖头封住了道路改成自己的厨房，我该怎么办？", "mediation"],
    ["邻居都说空地的使用权归自己，该怎么解决这样的纠纷?", "mediation"],
    // Written for the test: how people ask for the other services.
    ["我是农民工，老板拖欠工资半年，没钱请律师，怎么办？", "legal_aid"],
    ["能不能申请法律援助？", "legal_aid"],
    ["我想给父母的房产做个公证，需要带什么材料？", "notarization"],
    ["被车撞伤了，想做伤残鉴定去哪里做？", "forensic_appraisal"],
    ["公司不给加班费，我想申请劳动仲裁", "arbitration"],
    ["对派出所的罚款决定不服，怎么办？", "administrative_reconsideration"],
    ["我想找个律师帮我打离婚官司", "lawyer_referral"],
    ["我要投诉司法所的工作人员态度差", "complaint"],
  ])("%s → %s", (question, serviceType) => {
    expect(classifyQuestion(question).serviceType).toBe(serviceType);
  });

  it("names the phrase that asked for the service", () => {
    const guess = classifyServiceType("我是农民工，老板拖欠工资半年，没钱请律师，怎么办？", "劳动争议");
    expect(guess.evidence).toContainEqual(expect.objectContaining({ serviceType: "legal_aid", phrase: "没钱请律师" }));
    // Hardship beside a lawyer is legal aid, not a referral to a paid lawyer.
    expect(guess.evidence.some((e) => e.serviceType === "lawyer_referral")).toBe(true);
    expect(guess.serviceType).toBe("legal_aid");
  });

  it("a dispute the person wants resolved is mediation whatever its category; a neighbour's trouble even without the word 纠纷", () => {
    expect(classifyServiceType("和兄弟因为老人的赡养问题闹矛盾，怎么解决？", "婚姻家庭").serviceType).toBe("mediation");
    expect(classifyServiceType("隔壁装修天天有噪音影响生活怎么办？", "邻里").serviceType).toBe("mediation");
    expect(classifyServiceType("隔壁装修天天有噪音影响生活怎么办？", "合同").serviceType).toBe("consultation");
  });
});

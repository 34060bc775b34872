/**
 * The starter set of the everyday-to-legal wording table, shipped with the release
 * and put in place once on every database (reference-data.ts). Drawn from how people
 * put their questions (../shared/data/stard-train.jsonl, the 12348 desk's usual
 * phrasings: 老板不发工资, 房东不退押金, 狗把人咬伤了) and mapped to the words the
 * statutes use (拖欠劳动报酬, 出租人, 饲养的动物); each legal term occurs in the
 * laws' text, so adding it to a query can find the article.
 *
 * A wording's key is its words and term as shipped. Never change a shipped entry in
 * place: a corrected one is a new entry (a new key), and the old one can be removed
 * from this list — databases that have it keep it until staff change it.
 */
export type ShippedWording = { everyday: string[]; legal: string };

export const SHIPPED_WORDINGS: readonly ShippedWording[] = [
  // 劳动
  { everyday: ["老板", "不发工资"], legal: "拖欠劳动报酬" },
  { everyday: ["欠薪"], legal: "拖欠劳动报酬" },
  { everyday: ["讨薪"], legal: "拖欠劳动报酬" },
  { everyday: ["拖欠", "工资"], legal: "拖欠劳动报酬" },
  { everyday: ["包工头"], legal: "农民工 拖欠劳动报酬" },
  { everyday: ["被辞退"], legal: "解除劳动合同 经济补偿" },
  { everyday: ["开除"], legal: "解除劳动合同 经济补偿" },
  { everyday: ["炒鱿鱼"], legal: "解除劳动合同 经济补偿" },
  { everyday: ["裁员"], legal: "经济性裁员 经济补偿" },
  { everyday: ["辞职"], legal: "劳动者解除劳动合同" },
  { everyday: ["没签", "合同"], legal: "书面劳动合同 二倍工资" },
  { everyday: ["加班"], legal: "延长工作时间 加班费" },
  { everyday: ["社保"], legal: "社会保险" },
  { everyday: ["工伤"], legal: "工伤保险" },
  { everyday: ["上班", "受伤"], legal: "工伤 工伤保险" },
  // 婚姻家庭
  { everyday: ["离婚", "孩子"], legal: "抚养" },
  { everyday: ["抚养费", "不给"], legal: "抚养费" },
  { everyday: ["看孩子"], legal: "探望" },
  { everyday: ["离婚", "房子"], legal: "夫妻共同财产" },
  { everyday: ["离婚", "欠债"], legal: "夫妻共同债务" },
  { everyday: ["彩礼"], legal: "婚约财产 彩礼" },
  { everyday: ["打老婆"], legal: "家庭暴力" },
  { everyday: ["家暴"], legal: "家庭暴力 人身安全保护令" },
  { everyday: ["不赡养"], legal: "赡养" },
  { everyday: ["养老", "子女"], legal: "赡养 赡养费" },
  { everyday: ["遗产"], legal: "继承" },
  { everyday: ["小孩"], legal: "未成年人" },
  // 借贷、合同、消费
  { everyday: ["欠钱不还"], legal: "民间借贷" },
  { everyday: ["借钱"], legal: "民间借贷 借款" },
  { everyday: ["借条"], legal: "借款合同 民间借贷" },
  { everyday: ["欠条"], legal: "民间借贷" },
  { everyday: ["网贷"], legal: "民间借贷 借款合同" },
  { everyday: ["房东"], legal: "租赁合同 出租人" },
  { everyday: ["租房"], legal: "租赁合同" },
  { everyday: ["押金", "不退"], legal: "租赁合同 押金" },
  { everyday: ["装修"], legal: "承揽合同" },
  { everyday: ["快递", "丢"], legal: "运输合同 承运人 货物毁损 灭失" },
  { everyday: ["买到假货"], legal: "欺诈 消费者 惩罚性赔偿" },
  { everyday: ["网购", "退货"], legal: "无理由退货" },
  { everyday: ["物业"], legal: "物业服务人 物业服务合同" },
  // 侵权、交通、邻里
  { everyday: ["撞车"], legal: "交通事故" },
  { everyday: ["车祸"], legal: "交通事故" },
  { everyday: ["被车撞"], legal: "交通事故 机动车" },
  { everyday: ["狗", "咬"], legal: "饲养的动物" },
  { everyday: ["楼上", "掉"], legal: "高空抛物 建筑物 坠落" },
  { everyday: ["滑倒", "受伤"], legal: "安全保障义务" },
  { everyday: ["学校", "受伤"], legal: "教育机构 人身损害" },
  { everyday: ["霸凌"], legal: "学生欺凌" },
  { everyday: ["打伤"], legal: "人身损害 赔偿" },
  { everyday: ["医院", "治坏"], legal: "医疗损害 医疗机构" },
  { everyday: ["噪音"], legal: "噪声" },
  { everyday: ["邻居"], legal: "相邻关系" },
  { everyday: ["造谣"], legal: "名誉权 诽谤" },
  // 土地、征收、法律援助、诈骗
  { everyday: ["征地"], legal: "征收 补偿" },
  { everyday: ["拆迁"], legal: "征收 补偿" },
  { everyday: ["外嫁女"], legal: "集体经济组织成员" },
  { everyday: ["请不起律师"], legal: "法律援助" },
  { everyday: ["没钱", "打官司"], legal: "法律援助" },
  { everyday: ["电话", "骗"], legal: "电信网络诈骗" },
];

/** The stable key of a shipped wording: its words and term as shipped. */
export const shippedWordingKey = (wording: ShippedWording): string => `${wording.everyday.join("+")}→${wording.legal}`;

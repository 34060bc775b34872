import { describe, expect, it } from "vitest";
import {
  allowedKnowledgeActions,
  isWordingUsed,
  knowledgeTransition,
  normalizeArticleNo,
  paragraphsOf,
  parseCitationText,
  wordingsUsed,
} from "./knowledge-rules.ts";
import { chineseNumber } from "./lawrefbook-format.ts";

describe("article numbers", () => {
  it("every number of 民法典's range is written as the laws write it, and reads back", () => {
    expect(normalizeArticleNo("110")).toBe("第一百一十条");
    expect(normalizeArticleNo("11")).toBe("第十一条");
    expect(normalizeArticleNo("1010")).toBe("第一千零一十条");
    for (let n = 1; n <= 1260; n++) expect(chineseNumber(normalizeArticleNo(String(n)).slice(1, -1))).toBe(n);
  });

  it.each([
    ["第54条", "第五十四条"],
    ["54", "第五十四条"],
    ["第 1084 条", "第一千零八十四条"],
    ["第１０８５条", "第一千零八十五条"],
    ["五十四", "第五十四条"],
    ["第五十四条", "第五十四条"],
    ["第十条之一", "第十条之一"],
    ["第120条之1", "第一百二十条之一"],
    ["一、", "一、"],
    ["第0条", "第0条"],
  ])("%s → %s", (typed, written) => {
    expect(normalizeArticleNo(typed)).toBe(written);
  });

  it("a citation typed in one line is split into the law and the article", () => {
    expect(parseCitationText("民法典 第五十四条")).toEqual({ lawTitle: "民法典", articleNo: "第五十四条" });
    expect(parseCitationText("《劳动合同法》第82条")).toEqual({ lawTitle: "劳动合同法", articleNo: "第八十二条" });
    expect(parseCitationText("中华人民共和国民法典第一千零八十四条")).toEqual({ lawTitle: "中华人民共和国民法典", articleNo: "第一千零八十四条" });
    expect(parseCitationText("民法典，第1085条 ")).toEqual({ lawTitle: "民法典", articleNo: "第一千零八十五条" });
    expect(parseCitationText("民法典")).toBeNull();
    expect(parseCitationText("第五十四条")).toBeNull();
  });
});

describe("publishing", () => {
  it.each([
    ["draft", "publish", "published"],
    ["draft", "withdraw", null],
    ["published", "publish", null],
    ["published", "withdraw", "withdrawn"],
    ["withdrawn", "publish", "published"],
    ["withdrawn", "withdraw", null],
  ] as const)("%s + %s → %s", (from, action, to) => {
    expect(knowledgeTransition(from, action)).toBe(to);
  });

  it("offers the actions the machine allows", () => {
    expect(allowedKnowledgeActions("draft")).toEqual(["publish"]);
    expect(allowedKnowledgeActions("published")).toEqual(["withdraw"]);
  });

  it("a body's paragraphs are its non-empty lines, as text", () => {
    expect(paragraphsOf("第一段\r\n\r\n  第二段 <b>x</b>\n")).toEqual(["第一段", "第二段 <b>x</b>"]);
  });
});

describe("wordings", () => {
  const table = [
    { everyday: ["老板", "不发工资"], legal: "拖欠劳动报酬" },
    { everyday: ["离婚", "孩子"], legal: "抚养" },
    { everyday: ["ＡＢ"], legal: "x" },
  ];

  it("applies when every everyday word is in the question, as text", () => {
    expect(wordingsUsed("老板一直不发工资怎么办？", table).map((w) => w.legal)).toEqual(["拖欠劳动报酬"]);
    expect(wordingsUsed("孩子离婚后跟谁", table).map((w) => w.legal)).toEqual(["抚养"]);
    expect(wordingsUsed("老板跑了", table)).toEqual([]);
  });

  it("compares full-width and case alike", () => {
    expect(isWordingUsed("ab 公司", ["ＡＢ"])).toBe(true);
    expect(isWordingUsed("任何问题", [])).toBe(false);
  });
});

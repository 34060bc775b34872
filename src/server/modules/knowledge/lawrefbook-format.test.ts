/**
 * The LawRefBook parser on real files and excerpts (test/fixtures/laws/lawrefbook,
 * copied from the collection as they are written).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  articleNumber,
  chineseNumber,
  fileNameDate,
  fileNameTitle,
  LawFormatError,
  parseLawRefBook,
  shortTitle,
  toChineseArticleNo,
} from "./lawrefbook-format.ts";

const FIXTURES = join(process.cwd(), "test/fixtures/laws/lawrefbook");
const read = (path: string) => readFileSync(join(FIXTURES, path), "utf8");
const parse = (path: string) => parseLawRefBook(read(path), { isCase: path.startsWith("案例/") });
const article = (law: ReturnType<typeof parse>, articleNo: string) => law.articles.find((a) => a.articleNo === articleNo);

describe("parseLawRefBook", () => {
  it("reads a part of the Civil Code: the second # line is the 编, chapters and sections become the heading path", () => {
    const law = parse("民法典/总则.md");
    expect(law.title).toBe("中华人民共和国民法典");
    expect(law.part).toBe("总则");
    expect(law.history).toEqual(["2020年5月28日 第十三届全国人民代表大会第三次会议通过", "2021年1月1日 施行"]);
    expect(law.numbering).toBe("articles");
    expect(law.articles.map((a) => a.articleNo)).toEqual(["第一条", "第二条", "第十三条", "第五十四条", "第五十五条", "第五十六条"]);
    expect(article(law, "第五十四条")).toEqual({
      articleNo: "第五十四条",
      headings: ["第二章 自然人", "第四节 个体工商户和农村承包经营户"],
      body: "自然人从事工商业经营，经依法登记，为个体工商户。个体工商户可以起字号。",
    });
    expect(article(law, "第一条")!.headings).toEqual(["第一章 基本规定"]);
    // The table of contents: each heading with its level and the first article under it.
    expect(law.headings).toEqual([
      { level: 1, title: "第一章 基本规定", firstArticle: 0 },
      { level: 1, title: "第二章 自然人", firstArticle: 2 },
      { level: 2, title: "第一节 民事权利能力和民事行为能力", firstArticle: 2 },
      { level: 2, title: "第四节 个体工商户和农村承包经营户", firstArticle: 3 },
    ]);
  });

  it("keeps the paragraphs after an article with it, up to the next article", () => {
    const law = parse("民法典/合同编.md");
    expect(law.part).toBe("合同编");
    expect(article(law, "第四百六十四条")!.body).toBe(
      "合同是民事主体之间设立、变更、终止民事法律关系的协议。\n婚姻、收养、监护等有关身份关系的协议，适用有关该身份关系的法律规定；没有规定的，可以根据其性质参照适用本编规定。",
    );
    expect(article(law, "第四百六十三条")!.headings).toEqual(["第一分编 通则", "第一章 一般规定"]);
  });

  it("reads 第X条之一 and 之二 as articles of their own, with their numbered clauses in the body", () => {
    const law = parse("刑法/刑法.md");
    expect(law.part).toBeNull();
    expect(law.history.length).toBeGreaterThan(10);
    expect(law.articles.map((a) => a.articleNo)).toEqual(["第一百三十三条", "第一百三十三条之一", "第一百三十三条之二"]);
    const drunkDriving = article(law, "第一百三十三条之一")!;
    expect(drunkDriving.headings).toEqual(["第二编 分则", "第二章 危害公共安全罪"]);
    expect(drunkDriving.body.split("\n")).toEqual([
      "在道路上驾驶机动车，有下列情形之一的，处拘役，并处罚金：",
      "（一）追逐竞驶，情节恶劣的；",
      "（二）醉酒驾驶机动车的；",
      "（三）从事校车业务或者旅客运输，严重超过额定乘员载客，或者严重超过规定时速行驶的；",
      "（四）违反危险化学品安全管理规定运输危险化学品，危及公共安全的。",
      "机动车所有人、管理人对前款第三项、第四项行为负有直接责任的，依照前款的规定处罚。",
      "有前两款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。",
    ]);
  });

  it("numbers an amendment by its items 一、二、…, and the 第X条 it quotes do not start articles", () => {
    const law = parse("刑法/刑法修正案（十一）.md");
    expect(law.numbering).toBe("items");
    expect(law.articles.map((a) => a.articleNo)).toEqual(["一、", "二、", "四十六、", "四十七、", "四十八、"]);
    const first = law.articles[0];
    expect(first.body.startsWith("将刑法第十七条修改为：“已满十六周岁的人犯罪，应当负刑事责任。")).toBe(true);
    // The quoted paragraphs of the new text belong to the item.
    expect(first.body.split("\n")).toHaveLength(5);
    expect(law.articles[1].body).toContain("作为第一百三十三条之二");
    expect(law.articles[4].body).toBe("本修正案自2021年3月1日起施行。");
  });

  it("reads two versions of one law to the same title; the file names give the dates", () => {
    const old = parse("民法商法/公司法(2018-10-26).md");
    const current = parse("民法商法/公司法(2023-12-29).md");
    expect(old.title).toBe("中华人民共和国公司法");
    expect(current.title).toBe(old.title);
    expect(shortTitle(current.title)).toBe("公司法");
    expect(fileNameDate("公司法(2023-12-29).md")).toBe("2023-12-29");
    expect(fileNameTitle("公司法(2023-12-29).md")).toBe("公司法");
    expect(fileNameDate("总则.md")).toBeNull();
    expect(article(old, "第二条")!.body).toBe("本法所称公司是指依照本法在中国境内设立的有限责任公司和股份有限公司。");
    expect(article(current, "第二条")!.body).toBe("本法所称公司，是指依照本法在中华人民共和国境内设立的有限责任公司和股份有限公司。");
  });

  it("drops the zero-width-space lines some files hold between articles", () => {
    const raw = read("民法商法/公司法(2023-12-29).md");
    expect(raw).toContain("\u200b"); // the fixture keeps them, as the collection does
    const law = parseLawRefBook(raw);
    expect(law.articles.map((a) => a.articleNo)).toEqual(["第一条", "第二条", "第三条", "第二十八条", "第二十九条"]);
    for (const a of law.articles) expect(a.body).not.toMatch(/[\u200b\n]$/u);
    expect(article(law, "第二十八条")!.body.split("\n")).toHaveLength(2);
    expect(article(law, "第二十九条")!.headings).toEqual(["第二章 公司登记"]);
    expect(article(law, "第一条")!.headings).toEqual(["第一章 总 则"]);
  });

  it("splits a published case at its sections", () => {
    const law = parse("案例/劳动人事/加班费的仲裁时效应当如何认定.md");
    expect(law.title).toBe("加班费的仲裁时效应当如何认定");
    expect(law.numbering).toBe("sections");
    expect(law.articles.map((a) => a.articleNo)).toEqual(["基本案情", "原告诉讼请求", "裁判结果", "案例分析", "典型意义"]);
    expect(law.articles[1].body).toBe("请求判决某建筑公司支付加班费46293元。");
    expect(law.articles[0].body.split("\n")).toHaveLength(2);
  });

  it("indexes a reply with no numbered article as one passage (全文)", () => {
    const law = parse("司法解释/最高人民法院关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的批复.md");
    expect(law.numbering).toBe("whole");
    expect(law.history).toEqual(["法释〔2021〕11号", "2021年5月31日 最高人民法院审判委员会第1840次会议通过", "2021年6月3日 施行"]);
    expect(law.articles).toHaveLength(1);
    expect(law.articles[0].articleNo).toBe("全文");
    expect(law.articles[0].body.split("\n")).toEqual([
      "上海市高级人民法院：",
      "你院《关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的请示》（沪高法〔2021〕215号）收悉。经研究，批复如下：",
      expect.stringMatching(/^在知识产权侵权诉讼中，.*被告也可以另行起诉请求原告赔偿上述合理开支。$/u),
    ]);
  });

  it("refuses a file without a title, or with nothing after its head, with the reason", () => {
    expect(() => parseLawRefBook("第一条 没有标题的文本。")).toThrow(new LawFormatError("no `# title` line"));
    expect(() => parseLawRefBook("# 某某规定\n\n2020年1月1日 施行\n\n<!-- INFO END -->\n\n")).toThrow(LawFormatError);
  });
});

describe("article numbers", () => {
  it.each([
    ["一", 1], ["十", 10], ["十五", 15], ["二十", 20], ["五十四", 54], ["一百", 100], ["一百零五", 105], ["一百一十", 110],
    ["二百零五", 205], ["一千", 1000], ["一千零一", 1001], ["一千零一十", 1010], ["一千二百六十", 1260], ["两", 2], ["〇", 0], ["12", 12],
  ])("chineseNumber(%s) = %i", (text, n) => {
    expect(chineseNumber(text)).toBe(n);
  });

  it("chineseNumber is null for what is not a numeral", () => {
    for (const text of ["", "条", "第一", "abc", "一a"]) expect(chineseNumber(text)).toBeNull();
  });

  it("articleNumber reads 第X条 and 第X条之Y, and nothing else", () => {
    expect(articleNumber("第五十四条")).toBe(54);
    expect(articleNumber("第一千二百六十条")).toBe(1260);
    expect(articleNumber("第一百三十三条之一")).toBe(133.1);
    expect(articleNumber("第一百三十三条之二")).toBe(133.2);
    expect(articleNumber("第54条")).toBe(54);
    for (const other of ["一、", "1.", "全文", "基本案情", "第X条"]) expect(articleNumber(other)).toBeNull();
  });

  it.each([
    [1, "第一条"], [10, "第十条"], [15, "第十五条"], [54, "第五十四条"], [100, "第一百条"], [105, "第一百零五条"], [110, "第一百一十条"],
    [1001, "第一千零一条"], [1010, "第一千零一十条"], [1100, "第一千一百条"], [1260, "第一千二百六十条"],
  ])("toChineseArticleNo(%i) = %s, as the Civil Code writes it", (n, text) => {
    expect(toChineseArticleNo(n)).toBe(text);
  });

  it("toChineseArticleNo and articleNumber agree on every number up to 1,300", () => {
    const wrong: number[] = [];
    for (let n = 1; n <= 1300; n++) if (articleNumber(toChineseArticleNo(n)) !== n) wrong.push(n);
    expect(wrong).toEqual([]);
  });
});

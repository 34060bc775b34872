/** The JSONL import format (docs/laws.md): good lines become law sources, bad ones are named by line and field. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLawJsonl } from "./read-law-jsonl.ts";

const line = (value: Record<string, unknown>) => JSON.stringify(value);
const labourLaw = {
  id: "flk-labour-law",
  title: "中华人民共和国劳动法",
  level: "law",
  category: "社会法",
  publishedOn: "2018-12-29",
  isExpired: false,
  regionCode: null,
  history: ["1994年7月5日 第八届全国人民代表大会常务委员会第八次会议通过", "2018年12月29日 第十三届全国人民代表大会常务委员会第七次会议修正"],
  articles: [
    { articleNo: "第一条", body: "为了保护劳动者的合法权益，调整劳动关系，建立和维护适应社会主义市场经济的劳动制度，促进经济发展和社会进步，根据宪法，制定本法。", headings: ["第一章 总则"] },
    { articleNo: "第二条", body: "在中华人民共和国境内的企业、个体经济组织（以下统称用人单位）和与之形成劳动关系的劳动者，适用本法。", headings: ["第一章 总则"] },
    { articleNo: "第十六条", body: "劳动合同是劳动者与用人单位确立劳动关系、明确双方权利和义务的协议。\n建立劳动关系应当订立劳动合同。", headings: ["第三章 劳动合同和集体合同"] },
  ],
};

describe("parseLawJsonl", () => {
  it("reads a law given as articles: source key jsonl:<id>, fields as given, a table of contents from the headings", () => {
    const { sources, failed, notes, files } = parseLawJsonl(line(labourLaw), "laws.jsonl");
    expect(failed).toEqual([]);
    expect(notes).toEqual([]);
    expect(files).toBe(1);
    const [law] = sources;
    expect(law.sourceKey).toBe("jsonl:flk-labour-law");
    expect(law.origin).toBe("laws.jsonl:1");
    expect(law).toMatchObject({ level: "law", category: "社会法", publishedOn: "2018-12-29", effectiveOn: null, isExpired: false, regionCode: null });
    expect(law.parsed.title).toBe("中华人民共和国劳动法");
    expect(law.parsed.history).toEqual(labourLaw.history);
    expect(law.parsed.numbering).toBe("articles");
    expect(law.parsed.articles.map((a) => a.articleNo)).toEqual(["第一条", "第二条", "第十六条"]);
    expect(law.parsed.articles[2].body).toBe("劳动合同是劳动者与用人单位确立劳动关系、明确双方权利和义务的协议。\n建立劳动关系应当订立劳动合同。");
    expect(law.parsed.headings).toEqual([
      { level: 1, title: "第一章 总则", firstArticle: 0 },
      { level: 1, title: "第三章 劳动合同和集体合同", firstArticle: 2 },
    ]);
  });

  it("reads a law given as LawRefBook markdown, taking the line's title", () => {
    const markdown = readFileSync(join(process.cwd(), "test/fixtures/laws/lawrefbook/刑法/刑法修正案（十一）.md"), "utf8");
    const { sources, failed } = parseLawJsonl(line({ id: "amendment-11", title: "中华人民共和国刑法修正案（十一）", level: "law", category: "刑法", markdown }));
    expect(failed).toEqual([]);
    const [law] = sources;
    expect(law.parsed.numbering).toBe("items");
    expect(law.parsed.articles.map((a) => a.articleNo)).toEqual(["一、", "二、", "四十六、", "四十七、", "四十八、"]);
    // The date comes from the history lines when the line does not give one.
    expect(law.publishedOn).toBe("2020-12-26");
  });

  it("gives markdown without its own # line the line's title", () => {
    const { sources, failed } = parseLawJsonl(line({ id: "x", title: "某某规定", level: "other", markdown: "第一条 为了测试，制定本规定。\n\n第二条 本规定自公布之日起施行。" }));
    expect(failed).toEqual([]);
    expect(sources[0].parsed.title).toBe("某某规定");
    expect(sources[0].parsed.articles.map((a) => a.articleNo)).toEqual(["第一条", "第二条"]);
    expect(sources[0].category).toBe("其他");
  });

  it("reports every bad line with its number and the field, and still reads the good ones", () => {
    const { articles: _articles, ...withoutArticles } = labourLaw;
    const lines = [
      line(labourLaw),
      "{not json",
      line({ ...labourLaw, id: "a" , level: "statute" }),
      line({ ...labourLaw, id: "b", publishedOn: "2018-02-30" }),
      line({ ...labourLaw, id: "c", title: "  " }),
      line(withoutArticles),
      line({ ...labourLaw, id: "d", markdown: "# x\n\n第一条 x" }),
      line({ ...labourLaw, id: "e", articles: [{ articleNo: "第一条", body: "" }] }),
      line({ ...labourLaw, id: "f", articles: [{ articleNo: "第一条", body: "正文", headings: "第一章" }] }),
      line({ ...labourLaw, id: "g", regionCode: "河南" }),
      line({ ...labourLaw, id: "h", isExpired: "no" }),
      line({ ...labourLaw, id: "" }),
      "",
      line(labourLaw),
      "[1, 2]",
      line({ ...labourLaw, id: "i", articles: [] }),
      line({ ...labourLaw, id: "j", publisher: "全国人大", articles: [{ articleNo: "第一条", body: "正文", note: "x" }] }),
    ];
    const { sources, failed, notes, files } = parseLawJsonl(lines.join("\n"), "in.jsonl");
    expect(files).toBe(16); // the blank line is not a law
    expect(sources.map((s) => s.sourceKey)).toEqual(["jsonl:flk-labour-law", "jsonl:j"]);
    expect(failed).toEqual([
      { origin: "in.jsonl:2", reason: expect.stringMatching(/^not JSON: /u) },
      { origin: "in.jsonl:3", reason: expect.stringMatching(/^level: must be one of constitution, law, .*; got "statute"$/u) },
      { origin: "in.jsonl:4", reason: 'publishedOn: not a date YYYY-MM-DD: "2018-02-30"' },
      { origin: "in.jsonl:5", reason: "title: must not be empty" },
      { origin: "in.jsonl:6", reason: "articles: required (or markdown)" },
      { origin: "in.jsonl:7", reason: "articles and markdown: give one of them, not both" },
      { origin: "in.jsonl:8", reason: "articles[0].body: must not be empty" },
      { origin: "in.jsonl:9", reason: "articles[0].headings: must be a list of strings" },
      { origin: "in.jsonl:10", reason: 'regionCode: must be a region code (2 to 12 digits); got "河南"' },
      { origin: "in.jsonl:11", reason: "isExpired: must be true or false" },
      { origin: "in.jsonl:12", reason: "id: must not be empty" },
      { origin: "in.jsonl:14", reason: 'id: "flk-labour-law" is already on line 1' },
      { origin: "in.jsonl:15", reason: "not a JSON object" },
      { origin: "in.jsonl:16", reason: "articles: empty" },
    ]);
    expect(notes).toEqual([
      { origin: "in.jsonl:17", reason: "ignored unknown field(s): publisher" },
      { origin: "in.jsonl:17", reason: "ignored unknown article field(s): note" },
    ]);
  });

  it("notes a markdown text with no numbered article, as the folder import does", () => {
    const { sources, notes } = parseLawJsonl(line({ id: "reply", title: "某某批复", level: "judicial_interpretation", markdown: "# 某某批复\n\n<!-- INFO END -->\n\n某某高级人民法院：\n\n经研究，批复如下：同意。" }));
    expect(sources[0].parsed.articles.map((a) => a.articleNo)).toEqual(["全文"]);
    expect(notes).toEqual([{ origin: "jsonl:1", reason: "no numbered article: indexed as one passage (全文)" }]);
  });

  it("reports markdown the LawRefBook parser cannot read, naming the field", () => {
    const { failed } = parseLawJsonl(line({ id: "empty", title: "空", level: "other", markdown: "# 空\n\n<!-- INFO END -->\n" }));
    expect(failed).toEqual([{ origin: "jsonl:1", reason: "markdown: no text after the title and history lines" }]);
  });
});

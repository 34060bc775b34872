import { describe, expect, it } from "vitest";
import { draftMessages, groundDraft, PROMPT_ARTICLES } from "./llm-draft.ts";

const articles = [
  { lawTitle: "中华人民共和国劳动合同法", articleNo: "第三十条", text: "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。" },
  { lawTitle: "中华人民共和国劳动合同法", articleNo: "第八十五条", text: "用人单位有下列情形之一的，由劳动行政部门责令限期支付劳动报酬……" },
  { lawTitle: "中华人民共和国民法典", articleNo: "第五百七十七条", text: "当事人一方不履行合同义务或者履行合同义务不符合约定的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任。" },
];

describe("the draft prompt", () => {
  it("lists the retrieved articles with their law and number, and leaves phone and ID numbers out", () => {
    const [system, user] = draftMessages("老板欠我工资，我电话13912345678，身份证110101199003074514", articles);
    expect(system.content).toMatch(/只能依据/);
    expect(user.content).toContain("[1] 《中华人民共和国劳动合同法》第三十条：用人单位应当");
    expect(user.content).toContain("[3] 《中华人民共和国民法典》第五百七十七条");
    expect(user.content).not.toMatch(/13912345678|110101199003074514/);
    expect(user.content).toContain("[phone]");
  });

  it(`carries at most ${PROMPT_ARTICLES} articles`, () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ ...articles[0], articleNo: `第${"一二三四五六七八九十"[i]}条` }));
    expect(draftMessages("问题", many)[1].content.match(/^\[\d+\]/gm)).toHaveLength(PROMPT_ARTICLES);
  });
});

describe("grounding a draft", () => {
  it("keeps the citations of retrieved articles, also when the model shortens the title or lists several", () => {
    const draft = groundDraft("用人单位应当及时足额支付工资（《劳动合同法》第三十条、第八十五条）。也可以要求赔偿损失，见《中华人民共和国民法典》第五百七十七条。", articles);
    expect(draft).toEqual({
      text: "用人单位应当及时足额支付工资（《劳动合同法》第三十条、第八十五条）。也可以要求赔偿损失，见《中华人民共和国民法典》第五百七十七条。",
      citations: [
        { lawTitle: "中华人民共和国劳动合同法", articleNo: "第三十条" },
        { lawTitle: "中华人民共和国劳动合同法", articleNo: "第八十五条" },
        { lawTitle: "中华人民共和国民法典", articleNo: "第五百七十七条" },
      ],
      isMachineDrafted: true,
    });
  });

  it("drops a sentence that cites an article nobody retrieved, and its citation", () => {
    const draft = groundDraft(
      "用人单位应当及时足额支付劳动报酬（《中华人民共和国劳动合同法》第三十条）。拒不支付的可能构成犯罪（《中华人民共和国刑法》第二百七十六条之一）。建议先协商，协商不成可以申请劳动仲裁。",
      articles,
    );
    expect(draft!.citations).toEqual([{ lawTitle: "中华人民共和国劳动合同法", articleNo: "第三十条" }]);
    expect(draft!.text).not.toContain("刑法");
    expect(draft!.text).toBe("用人单位应当及时足额支付劳动报酬（《中华人民共和国劳动合同法》第三十条）。建议先协商，协商不成可以申请劳动仲裁。");
  });

  it("drops a citation of the right law but an article not retrieved", () => {
    const draft = groundDraft("依照《中华人民共和国劳动合同法》第三十条应当支付。依照《中华人民共和国劳动合同法》第四十七条还应支付补偿。", articles);
    expect(draft!.citations).toEqual([{ lawTitle: "中华人民共和国劳动合同法", articleNo: "第三十条" }]);
    expect(draft!.text).not.toContain("第四十七条");
  });

  it("turns numbered references into citations, and drops numbers out of range", () => {
    const draft = groundDraft("应当支付工资[1]。还可以主张违约责任[3]。另见[9]。", articles);
    expect(draft!.text).toBe("应当支付工资《中华人民共和国劳动合同法》第三十条。还可以主张违约责任《中华人民共和国民法典》第五百七十七条。");
    expect(draft!.citations.map((c) => c.articleNo)).toEqual(["第三十条", "第五百七十七条"]);
  });

  it("is no draft when nothing it cites was retrieved, or it cites nothing", () => {
    expect(groundDraft("依照《中华人民共和国刑法》第二百六十六条处理。", articles)).toBeNull();
    expect(groundDraft("建议拨打12348咨询。", articles)).toBeNull();
    expect(groundDraft("", articles)).toBeNull();
  });
});

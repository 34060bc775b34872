import { describe, expect, it } from "vitest";
import { allowedArticleActions, articleTransition, parseBody, type ArticleAction, type ArticleStatus } from "./content-rules.ts";

describe("articleTransition", () => {
  it.each([
    ["draft", "publish", "published"],
    ["draft", "withdraw", null],
    ["published", "publish", null],
    ["published", "withdraw", "withdrawn"],
    ["withdrawn", "publish", "published"],
    ["withdrawn", "withdraw", null],
  ] as [ArticleStatus, ArticleAction, ArticleStatus | null][])("%s + %s → %s", (status, action, next) => {
    expect(articleTransition(status, action)).toBe(next);
  });

  it("lists what each status allows", () => {
    expect(allowedArticleActions("draft")).toEqual(["publish"]);
    expect(allowedArticleActions("published")).toEqual(["withdraw"]);
  });
});

describe("parseBody", () => {
  it.each([
    ["one paragraph", [{ type: "paragraph", text: "one paragraph" }]],
    ["a\nb\n\nc", [{ type: "paragraph", text: "a\nb" }, { type: "paragraph", text: "c" }]],
    ["## 标题\n正文", [{ type: "heading", text: "标题" }, { type: "paragraph", text: "正文" }]],
    ["- 一\n- 二\n· 三", [{ type: "list", items: ["一", "二", "三"] }]],
    ["- 一\n不是列表", [{ type: "paragraph", text: "- 一\n不是列表" }]],
    ["<b>粗</b>\r\n\r\n<script>x</script>", [{ type: "paragraph", text: "<b>粗</b>" }, { type: "paragraph", text: "<script>x</script>" }]],
    ["\n\n  \n", []],
    ["##没有空格", [{ type: "paragraph", text: "##没有空格" }]],
  ])("%j", (body, blocks) => {
    expect(parseBody(body)).toEqual(blocks);
  });
});

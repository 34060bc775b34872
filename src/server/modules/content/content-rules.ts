/**
 * Legal education articles and notices (普法、公告): the vocabulary, the body
 * format and the publishing state machine. Pure and dependency-free: the web
 * app imports this file too, so the editor's live preview renders a body with
 * the very parser the portal uses.
 */

/** 普法文章 / 公告. */
export const ARTICLE_KINDS = ["legal_education", "notice"] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/**
 * The categories an article is filed under, a fixed list (labels in the locales'
 * `content.categories`). Stored by key, not by the Chinese name: unlike the
 * dispute categories of tickets, these are ours, not a regulation's words.
 */
export const ARTICLE_CATEGORIES = [
  "labour", // 劳动就业
  "marriage_family", // 婚姻家庭
  "consumer", // 消费维权
  "land_housing", // 土地房产
  "traffic", // 交通事故
  "anti_fraud", // 反诈防骗
  "minors", // 未成年人保护
  "elderly", // 老年人权益
  "rural", // 农村农业
  "public_notice", // 通知公告
  "other", // 其他
] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];

/** 草稿 / 已发布 / 已撤回. */
export const ARTICLE_STATUSES = ["draft", "published", "withdrawn"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE_ACTIONS = ["publish", "withdraw"] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

/**
 * The publishing machine: a draft or a withdrawn article may be published, a
 * published one withdrawn. Editing is allowed in every status (a correction to
 * a published notice stays published and moves `updatedAt`). null: not allowed.
 */
export function articleTransition(status: ArticleStatus, action: ArticleAction): ArticleStatus | null {
  if (action === "publish") return status === "published" ? null : "published";
  return status === "published" ? "withdrawn" : null;
}

/** The actions the machine allows from this status. */
export const allowedArticleActions = (status: ArticleStatus): ArticleAction[] => ARTICLE_ACTIONS.filter((a) => articleTransition(status, a) !== null);

export const MAX_BODY_LENGTH = 20_000;

/**
 * A body is plain text in a small Markdown-like format, never HTML:
 * - blocks are separated by a blank line;
 * - a block whose first line starts with "## " is a heading;
 * - a block whose lines all start with "- " (or "· ") is a list;
 * - anything else is a paragraph (its line breaks kept).
 * Whatever the text holds — "<script>", "<b>" — is text: the portal renders the
 * blocks as text nodes, so nothing a staff member types becomes markup.
 */
export type BodyBlock = { type: "heading"; text: string } | { type: "paragraph"; text: string } | { type: "list"; items: string[] };

export function parseBody(body: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  const normalized = body.replace(/\r\n?/g, "\n");
  for (const raw of normalized.split(/\n[ \t\u3000]*\n/)) {
    const lines = raw.split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
    if (lines.length === 0) continue;
    const first = lines[0].trimStart();
    if (first.startsWith("## ") && lines.length === 1) {
      blocks.push({ type: "heading", text: first.slice(3).trim() });
    } else if (first.startsWith("## ")) {
      // A heading followed directly by text: the heading, then the rest as a paragraph.
      blocks.push({ type: "heading", text: first.slice(3).trim() });
      blocks.push(...parseBody(lines.slice(1).join("\n")));
    } else if (lines.every((line) => /^\s*[-·]\s+/.test(line))) {
      blocks.push({ type: "list", items: lines.map((line) => line.replace(/^\s*[-·]\s+/, "").trim()) });
    } else {
      blocks.push({ type: "paragraph", text: lines.map((line) => line.trim()).join("\n") });
    }
  }
  return blocks;
}

/** The text of a body without its markers, e.g. to make a summary or count words. */
export const bodyText = (body: string): string =>
  parseBody(body)
    .map((block) => (block.type === "list" ? block.items.join(" ") : block.text))
    .join(" ");

/**
 * A bulletin's first draft from the rankings (pure): summary figures, the top and
 * bottom venues, commendations (表扬) and criticisms with rectification (通报批评/整改).
 * People edit the text before it is reviewed and published.
 */
import type { BulletinContent, ScoresView } from "./assessment.types.ts";

/** How many venues the ranking table shows at the top and at the bottom. */
export const RANKING_ROWS = 5;
/** Below this total a venue is named for rectification (整改). */
export const RECTIFY_BELOW = 60;

export function bulletinTitle(regionName: string, periodLabel: string): string {
  return `${regionName}公共法律服务${periodLabel}考核情况通报`;
}

export function draftBulletin(scores: ScoresView): { title: string; content: BulletinContent } {
  const scored = scores.venues.filter((v) => v.total !== null && v.rank !== null);
  const row = (v: (typeof scored)[number]) => ({ rank: v.rank!, name: v.name, regionName: v.regionName, total: v.total! });
  const top = scored.slice(0, RANKING_ROWS).map(row);
  // The bottom rows are the last ones not already in the top rows, worst last.
  const bottom = scored.slice(Math.max(RANKING_ROWS, scored.length - RANKING_ROWS)).map(row);
  const averageScore = scored.length === 0 ? null : Math.round((scored.reduce((s, v) => s + v.total!, 0) / scored.length) * 10) / 10;
  const ticketsHandled = scores.ticketsResolved;
  const region = scores.region.name;
  const period = scores.period.label;
  const summary =
    scored.length === 0
      ? `${period}，${region}共有公共法律服务场所${scores.venues.length}个，本期无可考核数据。`
      : `${period}，${region}对辖区${scores.venues.length}个公共法律服务场所开展考核评价，${scored.length}个场所纳入评分，平均得分${averageScore}分。现将考核情况通报如下。`;
  const best = top.filter((v) => v.total >= 90);
  const commendations =
    best.length > 0
      ? `${best.map((v) => `${v.name}（${v.total}分）`).join("、")}考核成绩优异，予以通报表扬。`
      : top.length > 0
        ? `${top[0].name}（${top[0].total}分）考核排名第一，予以通报表扬。`
        : "本期无通报表扬对象。";
  const weak = scored.filter((v) => v.total! < RECTIFY_BELOW).map(row);
  const criticisms =
    weak.length > 0
      ? `${weak.map((v) => `${v.name}（${v.total}分）`).join("、")}考核得分低于${RECTIFY_BELOW}分，予以通报批评，请于下一考核期前完成整改并书面报告整改情况。`
      : `本期无得分低于${RECTIFY_BELOW}分的场所。`;
  return {
    title: bulletinTitle(region, period),
    content: {
      summary,
      figures: { venues: scores.venues.length, scored: scored.length, averageScore, ticketsHandled },
      top,
      bottom,
      commendations,
      criticisms,
      closing: "各单位要对照考核指标查找差距，持续提升公共法律服务质效。",
    },
  };
}

/** The bulletin as blocks of text, in reading order: what both the PDF and the DOCX print. */
export function bulletinBlocks(b: { title: string; regionName: string; periodLabel: string; content: BulletinContent; publishedAt: Date | null }): { style: "heading" | "body" | "row"; text: string }[] {
  const c = b.content;
  const table = (rows: BulletinContent["top"]) => rows.map((r) => ({ style: "row" as const, text: `${r.rank}. ${r.name}（${r.regionName}）  ${r.total}分` }));
  return [
    { style: "body", text: c.summary },
    { style: "heading", text: "一、总体情况" },
    {
      style: "body",
      text: `纳入考核场所${c.figures.venues}个，评分${c.figures.scored}个，平均得分${c.figures.averageScore ?? "—"}分，本期办结事项${c.figures.ticketsHandled}件。`,
    },
    { style: "heading", text: "二、排名靠前的场所" },
    ...(c.top.length ? table(c.top) : [{ style: "body" as const, text: "无" }]),
    { style: "heading", text: "三、排名靠后的场所" },
    ...(c.bottom.length ? table(c.bottom) : [{ style: "body" as const, text: "无" }]),
    { style: "heading", text: "四、通报表扬" },
    { style: "body", text: c.commendations },
    { style: "heading", text: "五、通报批评与整改要求" },
    { style: "body", text: c.criticisms },
    { style: "body", text: c.closing },
  ];
}

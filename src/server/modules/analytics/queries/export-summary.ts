import ExcelJS from "exceljs";
import { zhLabels } from "../../../platform/labels.ts";
import { formatBeijingDateTime } from "../../../platform/beijing-time.ts";
import { SERVICE_TYPE_LABELS } from "../../services/service-labels.ts";
import { MEASURES, type Figures, type Measure } from "../analytics.types.ts";
import type { Summary } from "./analytics-summary.ts";

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const CHANNEL_LABELS = zhLabels("tickets.channels");
/** The figures' names, as the page shows them (zh-CN analytics.measures). */
const MEASURE_LABELS = zhLabels("analytics.measures") as Record<Measure, string>;
const DERIVED: [keyof Figures, string][] = [
  ["withinDeadlineShare", "按期办结率"],
  ["avgAcceptMinutes", "平均受理用时（分钟）"],
  ["avgResolveHours", "平均办结用时（小时）"],
  ["satisfaction", "满意度（5分制）"],
];

const figureColumns = () => [
  ...MEASURES.map((m) => ({ header: MEASURE_LABELS[m] ?? m, key: m, width: 12 })),
  ...DERIVED.map(([key, header]) => ({ header, key, width: 14 })),
];
const figureCells = (f: Figures) => Object.fromEntries([...MEASURES.map((m) => [m, f[m]]), ...DERIVED.map(([key]) => [key, f[key]])]);

/**
 * The summary as an .xlsx (统计分析导出): a sheet of totals, then the series and
 * each breakdown, with the same figures as the page (numbers, not text, so they
 * can be summed; the within-deadline share as a fraction formatted as a percent).
 */
export async function exportSummary(summary: Summary, now: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = now;
  const overview = workbook.addWorksheet("总览");
  overview.columns = [
    { header: "指标", key: "name", width: 24 },
    { header: "数值", key: "value", width: 14 },
  ];
  overview.addRow({ name: "区域", value: summary.region.name });
  overview.addRow({ name: "统计期间", value: `${summary.from} 至 ${summary.to}` });
  overview.addRow({ name: "导出时间（北京时间）", value: formatBeijingDateTime(now) });
  for (const m of MEASURES) overview.addRow({ name: MEASURE_LABELS[m] ?? m, value: summary.totals[m] });
  for (const [key, name] of DERIVED) {
    const row = overview.addRow({ name, value: summary.totals[key] });
    if (key === "withinDeadlineShare") row.getCell(2).numFmt = "0.0%";
  }
  const sheet = (name: string, first: string, rows: { label: string; figures: Figures }[]) => {
    const ws = workbook.addWorksheet(name);
    ws.columns = [{ header: first, key: "label", width: 18 }, ...figureColumns()];
    for (const r of rows) ws.addRow({ label: r.label, ...figureCells(r.figures) });
    ws.getColumn("withinDeadlineShare").numFmt = "0.0%";
    ws.views = [{ state: "frozen", ySplit: 1, xSplit: 1 }];
  };
  sheet(summary.granularity === "week" ? "按周" : "按日", summary.granularity === "week" ? "周（周一）" : "日期", summary.series.map((p) => ({ label: p.period, figures: p.figures })));
  sheet("按区域", "区域", summary.byRegion.map((r) => ({ label: r.region.name, figures: r.figures })));
  sheet("按渠道", "渠道", summary.byChannel.map((r) => ({ label: CHANNEL_LABELS[r.channel] ?? r.channel, figures: r.figures })));
  sheet("按服务类型", "服务类型", summary.byServiceType.map((r) => ({ label: SERVICE_TYPE_LABELS[r.serviceType as keyof typeof SERVICE_TYPE_LABELS] ?? r.serviceType, figures: r.figures })));
  sheet("按纠纷类别", "纠纷类别", summary.byCategory.map((r) => ({ label: r.category, figures: r.figures })));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

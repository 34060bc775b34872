import ExcelJS from "exceljs";
import type { CallFigures } from "../hotline-statistics.ts";
import type { HotlineStatistics } from "./hotline-statistics.ts";

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const WEEKDAY_NAMES = ["", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

/** The figure columns every sheet shares, in the words of the page. Shares are Excel percentages, times seconds. */
const FIGURE_COLUMNS: { header: string; key: keyof CallFigures; width: number; format?: string }[] = [
  { header: "呼入总量", key: "offered", width: 10 },
  { header: "接通", key: "answered", width: 8 },
  { header: "放弃", key: "abandoned", width: 8 },
  { header: "未接", key: "missed", width: 8 },
  { header: "留言", key: "voicemail", width: 8 },
  { header: "转接", key: "transferred", width: 8 },
  { header: "接通率", key: "answerRate", width: 10, format: "0.0%" },
  { header: "放弃率", key: "abandonRate", width: 10, format: "0.0%" },
  { header: "服务水平", key: "serviceLevel", width: 10, format: "0.0%" },
  { header: "平均等待(秒)", key: "avgWaitSeconds", width: 13, format: "0.0" },
  { header: "平均应答(秒)", key: "avgAnswerSeconds", width: 13, format: "0.0" },
  { header: "平均处理(秒)", key: "avgHandlingSeconds", width: 13, format: "0.0" },
  { header: "最长等待(秒)", key: "maxWaitSeconds", width: 13 },
  { header: "进行中", key: "inProgress", width: 8 },
];

type Sheet = { name: string; label: { header: string; width: number }; rows: { label: string; figures: CallFigures }[] };

/**
 * The figures as an .xlsx: a sheet for the whole period and one for each breakdown (by day, hour,
 * weekday, operator, seat), the same numbers as GET /api/hotline/statistics. The rates are the
 * exact quotients (Excel shows them to one decimal); blank where there were no calls to divide by.
 */
export async function exportHotlineStatistics(stats: HotlineStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Santai 三台公共法律服务平台";
  const sheets: Sheet[] = [
    { name: "总览", label: { header: "统计期间", width: 26 }, rows: [{ label: `${stats.period.from} 至 ${stats.period.to}（${stats.region.name}）`, figures: stats.total }] },
    { name: "按日", label: { header: "日期", width: 12 }, rows: stats.byDay.map((d) => ({ label: d.date, figures: d })) },
    { name: "按小时", label: { header: "时段", width: 12 }, rows: stats.byHour.map((h) => ({ label: `${String(h.hour).padStart(2, "0")}:00–${String(h.hour + 1).padStart(2, "0")}:00`, figures: h })) },
    { name: "按星期", label: { header: "星期", width: 10 }, rows: stats.byWeekday.map((w) => ({ label: WEEKDAY_NAMES[w.weekday], figures: w })) },
    { name: "按话务员", label: { header: "话务员", width: 14 }, rows: stats.byOperator.map((o) => ({ label: o.operator?.name ?? "（未到坐席）", figures: o })) },
    {
      name: "按坐席",
      label: { header: "坐席", width: 18 },
      rows: stats.bySeat.map((s) => ({ label: s.seat ? `${s.seat.extension}${s.seat.name ? ` ${s.seat.name}` : ""}` : "（未到坐席）", figures: s })),
    },
  ];
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [{ header: spec.label.header, key: "label", width: spec.label.width }, ...FIGURE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.format ? { numFmt: c.format } : {} }))];
    sheet.getRow(1).font = { bold: true };
    for (const row of spec.rows) {
      sheet.addRow({ label: row.label, ...Object.fromEntries(FIGURE_COLUMNS.map((c) => [c.key, row.figures[c.key] ?? null])) });
    }
  }
  const notes = workbook.addWorksheet("口径");
  notes.columns = [{ header: "指标", key: "name", width: 14 }, { header: "口径", key: "definition", width: 90 }];
  notes.getRow(1).font = { bold: true };
  for (const [name, definition] of [
    ["呼入总量", "统计期间内（北京时间，按来电时间）已结束的来电；通话中的来电单列为“进行中”，不计入各项比率"],
    ["接通率", "接通 ÷ 呼入总量"],
    ["放弃率", "来电人在接通前挂断 ÷ 呼入总量（未接：电话系统放弃；留言：转语音信箱）"],
    ["服务水平", `来电后 ${stats.serviceLevelSeconds} 秒内接通 ÷ 呼入总量`],
    ["平均等待", "已结束来电从来电到接通（未接通的到结束）的平均秒数"],
    ["平均应答", "接通来电的平均等待秒数"],
    ["平均处理", "接通来电的平均通话秒数（不含话后处理）"],
  ]) {
    notes.addRow({ name, definition });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

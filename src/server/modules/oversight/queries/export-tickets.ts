import ExcelJS from "exceljs";
import type { Tx } from "../../../platform/db/index.ts";
import type { Actor } from "../../../policies/actor.ts";
import type { Protector } from "../../../platform/personal/protect.ts";
import { formatBeijingDateTime, formatBeijingDeadline } from "../../../platform/beijing-time.ts";
import { searchTickets } from "../../tickets/queries/search-tickets.ts";
import { presentTickets } from "../../tickets/queries/present-ticket.ts";
import { CHANNEL_LABELS, DUE_STATE_LABELS, SERVICE_TYPE_LABELS, STATUS_LABELS } from "../export-labels.ts";
import type { TicketExportQuery } from "../oversight.types.ts";

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const COLUMNS = [
  { header: "编号", key: "number", width: 22 },
  { header: "渠道", key: "channel", width: 10 },
  { header: "服务类型", key: "serviceType", width: 14 },
  { header: "纠纷类别", key: "category", width: 12 },
  { header: "所属区划", key: "region", width: 18 },
  { header: "申请人", key: "applicant", width: 10 },
  { header: "联系电话", key: "phone", width: 15 },
  { header: "状态", key: "status", width: 10 },
  { header: "承办单位", key: "unit", width: 18 },
  { header: "承办人", key: "assignee", width: 10 },
  // The same words and the same times as the ticket list on screen (登记时间, 下一时限).
  { header: "登记时间", key: "createdAt", width: 18 },
  { header: "办结时间", key: "resolvedAt", width: 18 },
  { header: "下一时限", key: "nextDueAt", width: 18 },
  { header: "时限状态", key: "dueState", width: 10 },
  // 首问责任人 as the ticket page shows it (the clerk who took the request in).
  { header: "首问责任人", key: "firstResponder", width: 10 },
] as const;

/** 2026-11-20 10:00 in Beijing time, whatever the server's zone. */
const beijingTime = (iso: string | null) => (iso ? formatBeijingDateTime(new Date(iso)) : "");
/** A deadline in Beijing time; one ending a day reads "2026-11-20 24:00", as on screen. */
const beijingDeadline = (iso: string | null) => (iso ? formatBeijingDeadline(new Date(iso)) : "");

/**
 * The ticket list as an .xlsx: the same filters, scope and personal-data rules as
 * GET /api/tickets (searchTickets: a search by phone or ID number is refused,
 * limited and recorded alike), phones masked exactly as the list shows them to this actor.
 */
export async function exportTickets(
  tx: Tx,
  actor: Actor,
  query: TicketExportQuery,
  deps: { protector: Protector; now: Date },
): Promise<{ buffer: Buffer; count: number; total: number }> {
  // The reads in one transaction (a lookup is recorded if, and only if, it answered); the workbook is built after it.
  const { views, total } = await tx.transaction(async (inner) => {
    const { rows, total } = await searchTickets(inner, actor, query, { ...deps, via: "export" });
    return { views: await presentTickets(inner, actor, deps.protector, rows, { now: deps.now }), total };
  });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Santai 三台公共法律服务平台";
  const sheet = workbook.addWorksheet("工单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const t of views) {
    sheet.addRow({
      number: t.number,
      channel: CHANNEL_LABELS[t.channel] ?? t.channel,
      serviceType: SERVICE_TYPE_LABELS[t.serviceType] ?? t.serviceType,
      category: t.category,
      region: t.region.name,
      applicant: t.applicant.name,
      phone: t.applicant.phone ?? "",
      status: STATUS_LABELS[t.status] ?? t.status,
      unit: t.unit?.name ?? "",
      assignee: t.assignee?.displayName ?? "",
      firstResponder: t.firstResponder?.displayName ?? "",
      createdAt: beijingTime(t.createdAt),
      resolvedAt: beijingTime(t.resolvedAt),
      nextDueAt: beijingDeadline(t.nextDueAt),
      dueState: DUE_STATE_LABELS[t.dueState] ?? t.dueState,
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, count: views.length, total };
}

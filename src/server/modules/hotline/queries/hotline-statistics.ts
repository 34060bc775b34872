import { sql } from "drizzle-orm";
import type { Tx } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import { beijingDayEnd, beijingDayStart } from "../../../platform/beijing-time.ts";
import { escapeLike, isWithinScope, type Actor } from "../../../policies/actor.ts";
import { findStaffNames } from "../../accounts/queries/find-staff.ts";
import { resolveRegion } from "../../regions/queries/resolve-region.ts";
import { datesOf, EMPTY_TALLY, figuresOf, HOURS, periodProblem, SERVICE_LEVEL_SECONDS, WEEKDAYS, type CallFigures, type CallTally } from "../hotline-statistics.ts";
import { hotlineStatisticsPolicy } from "../hotline.policy.ts";

export type StatisticsQuery = { from: string; to: string; regionCode?: string };

export type HotlineStatistics = {
  period: { from: string; to: string };
  region: { code: string; name: string };
  serviceLevelSeconds: number;
  total: CallFigures;
  byHour: (CallFigures & { hour: number })[];
  byWeekday: (CallFigures & { weekday: number })[];
  byDay: (CallFigures & { date: string })[];
  byOperator: (CallFigures & { operator: { id: string; name: string } | null })[];
  bySeat: (CallFigures & { seat: { sourceId: string; extension: string; name: string | null } | null })[];
};

type Row = {
  g_hour: number;
  g_weekday: number;
  g_day: number;
  g_operator: number;
  g_seat: number;
  hour: number | null;
  weekday: number | null;
  day: string | null;
  operator_id: string | null;
  source_id: string | null;
  seat: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  missed: number;
  voicemail: number;
  transferred: number;
  in_progress: number;
  wait_seconds: number;
  wait_count: number;
  answer_wait_seconds: number;
  talk_seconds: number;
  within_service_level: number;
  max_wait_seconds: number;
};

const tallyOf = (r: Row): CallTally => ({
  offered: Number(r.offered),
  answered: Number(r.answered),
  abandoned: Number(r.abandoned),
  missed: Number(r.missed),
  voicemail: Number(r.voicemail),
  transferred: Number(r.transferred),
  inProgress: Number(r.in_progress),
  waitSeconds: Number(r.wait_seconds),
  waitCount: Number(r.wait_count),
  answerWaitSeconds: Number(r.answer_wait_seconds),
  talkSeconds: Number(r.talk_seconds),
  answeredWithinServiceLevel: Number(r.within_service_level),
  maxWaitSeconds: Number(r.max_wait_seconds),
});

/**
 * The hotline's figures for a period of Beijing days and a region subtree (the actor's own region
 * by default), from the call records in one pass (GROUPING SETS): the whole, by hour of day, by
 * weekday, by day, by operator and by seat. A call belongs to the day and hour it arrived, Beijing
 * time. Definitions: hotline-statistics.ts.
 */
export async function findHotlineStatistics(tx: Tx, actor: Actor, query: StatisticsQuery): Promise<HotlineStatistics> {
  const problem = periodProblem(query.from, query.to);
  if (problem) throw new AppError("VALIDATION_FAILED", problem.message, { field: problem.field });
  if (actor.kind !== "staff" && actor.kind !== "system") throw new AppError("FORBIDDEN", "The hotline's figures are for staff");
  const regionCode = query.regionCode ?? (actor.kind === "staff" ? actor.regionCode : undefined);
  if (!regionCode) throw new AppError("VALIDATION_FAILED", "regionCode is needed", { field: "regionCode" });
  const region = await resolveRegion(tx, regionCode);
  if (!isWithinScope(actor, region.path)) throw new AppError("FORBIDDEN", "That region is outside your own", { field: "regionCode" });
  if (!hotlineStatisticsPolicy.can(actor, "read", { regionPath: region.path })) throw new AppError("FORBIDDEN", "The hotline's figures are for admins, leaders and supervisors");

  const start = beijingDayStart(query.from);
  const end = beijingDayEnd(query.to);
  const result = await tx.execute<Row>(sql`
    with c as (
      select outcome, wait_seconds, talk_seconds, transfer_target, operator_id, source_id, seat,
        extract(hour from arrived_at at time zone 'Asia/Shanghai')::int as hour,
        extract(isodow from arrived_at at time zone 'Asia/Shanghai')::int as weekday,
        to_char(arrived_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
      from hotline_calls
      where region_path like ${escapeLike(region.path) + "%"} and arrived_at >= ${start} and arrived_at < ${end}
    )
    select
      grouping(hour)::int as g_hour, grouping(weekday)::int as g_weekday, grouping(day)::int as g_day,
      grouping(operator_id)::int as g_operator, grouping(source_id, seat)::int as g_seat,
      hour, weekday, day, operator_id, source_id, seat,
      (count(*) filter (where outcome is not null))::int as offered,
      (count(*) filter (where outcome = 'answered'))::int as answered,
      (count(*) filter (where outcome = 'abandoned'))::int as abandoned,
      (count(*) filter (where outcome = 'missed'))::int as missed,
      (count(*) filter (where outcome = 'voicemail'))::int as voicemail,
      (count(*) filter (where outcome is not null and transfer_target is not null))::int as transferred,
      (count(*) filter (where outcome is null))::int as in_progress,
      coalesce(sum(wait_seconds) filter (where outcome is not null), 0)::float8 as wait_seconds,
      (count(wait_seconds) filter (where outcome is not null))::int as wait_count,
      coalesce(sum(wait_seconds) filter (where outcome = 'answered'), 0)::float8 as answer_wait_seconds,
      coalesce(sum(talk_seconds) filter (where outcome = 'answered'), 0)::float8 as talk_seconds,
      (count(*) filter (where outcome = 'answered' and wait_seconds <= ${SERVICE_LEVEL_SECONDS}))::int as within_service_level,
      coalesce(max(wait_seconds) filter (where outcome is not null), 0)::int as max_wait_seconds
    from c
    group by grouping sets ((), (hour), (weekday), (day), (operator_id), (source_id, seat))`);

  const rows = result.rows;
  // grouping() is 1 for a column rolled up in that row: the whole has every column rolled up.
  const isGroup = (r: Row, by: "hour" | "weekday" | "day" | "operator" | "seat") =>
    Number(r.g_hour) === (by === "hour" ? 0 : 1) &&
    Number(r.g_weekday) === (by === "weekday" ? 0 : 1) &&
    Number(r.g_day) === (by === "day" ? 0 : 1) &&
    Number(r.g_operator) === (by === "operator" ? 0 : 1) &&
    Number(r.g_seat) === (by === "seat" ? 0 : 3);
  const whole = rows.find((r) => Number(r.g_hour) === 1 && Number(r.g_weekday) === 1 && Number(r.g_day) === 1 && Number(r.g_operator) === 1 && Number(r.g_seat) === 3);

  const hours = new Map(rows.filter((r) => isGroup(r, "hour")).map((r) => [Number(r.hour), tallyOf(r)]));
  const weekdays = new Map(rows.filter((r) => isGroup(r, "weekday")).map((r) => [Number(r.weekday), tallyOf(r)]));
  const days = new Map(rows.filter((r) => isGroup(r, "day")).map((r) => [r.day!, tallyOf(r)]));
  const operatorRows = rows.filter((r) => isGroup(r, "operator"));
  const seatRows = rows.filter((r) => isGroup(r, "seat"));

  const names = await findStaffNames(tx, operatorRows.map((r) => r.operator_id));
  const seatNames = await seatNamesOf(tx, seatRows);
  const byName = (a: string, b: string) => a.localeCompare(b, "zh-CN");

  return {
    period: { from: query.from, to: query.to },
    region: { code: region.code, name: region.name },
    serviceLevelSeconds: SERVICE_LEVEL_SECONDS,
    total: figuresOf(whole ? tallyOf(whole) : EMPTY_TALLY),
    byHour: HOURS.map((hour) => ({ hour, ...figuresOf(hours.get(hour) ?? EMPTY_TALLY) })),
    byWeekday: WEEKDAYS.map((weekday) => ({ weekday, ...figuresOf(weekdays.get(weekday) ?? EMPTY_TALLY) })),
    byDay: datesOf(query.from, query.to).map((date) => ({ date, ...figuresOf(days.get(date) ?? EMPTY_TALLY) })),
    // People by name; calls no operator was at (unanswered before any seat rang) last.
    byOperator: operatorRows
      .map((r) => ({ operator: r.operator_id ? { id: r.operator_id, name: names.get(r.operator_id) ?? r.operator_id } : null, ...figuresOf(tallyOf(r)) }))
      .sort((a, b) => (a.operator && b.operator ? byName(a.operator.name, b.operator.name) : a.operator ? -1 : b.operator ? 1 : 0)),
    bySeat: seatRows
      .map((r) => ({
        seat: r.seat && r.source_id ? { sourceId: r.source_id, extension: r.seat, name: seatNames.get(`${r.source_id}|${r.seat}`) ?? null } : null,
        ...figuresOf(tallyOf(r)),
      }))
      .sort((a, b) => (a.seat && b.seat ? a.seat.extension.localeCompare(b.seat.extension, "en", { numeric: true }) : a.seat ? -1 : b.seat ? 1 : 0)),
  };
}

async function seatNamesOf(tx: Tx, rows: readonly Row[]): Promise<Map<string, string>> {
  const sourceIds = [...new Set(rows.map((r) => r.source_id).filter((id): id is string => Boolean(id)))];
  if (sourceIds.length === 0) return new Map();
  const result = await tx.execute<{ source_id: string; extension: string; name: string }>(
    sql`select source_id, extension, name from hotline_seats where source_id = any(${sql.param(sourceIds)}::uuid[])`,
  );
  return new Map(result.rows.map((r) => [`${r.source_id}|${r.extension}`, r.name]));
}

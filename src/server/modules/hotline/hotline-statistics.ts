/**
 * The hotline's figures (话务统计) from the call records, with one definition of each, so the page,
 * the Excel export and the tests say the same. Counts and sums come from SQL over `hotline_calls`
 * (queries/hotline-statistics.ts); the rates and averages are derived here from them, never stored.
 *
 * - offered (呼入总量): calls of the period that have finished (an outcome); calls still ringing or
 *   talking are counted apart as `inProgress` and enter no rate.
 * - answer rate (接通率): answered ÷ offered. Abandonment rate (放弃率): abandoned (the caller hung up
 *   before an answer) ÷ offered. Missed (the phone system gave up) and voicemail are their own shares.
 * - average wait (平均等待): over all finished calls, arrival to answer or to the end of an unanswered call.
 * - average speed of answer (平均应答时长): the wait of answered calls only.
 * - average handling time (平均处理时长): the talk time of answered calls, answer to end. After-call work is
 *   not in it: operator states keep only the current state, not its history.
 * - service level (服务水平): calls answered within SERVICE_LEVEL_SECONDS of arrival ÷ offered.
 */

/** Who reads the figures: those who run the hotline (hotline.policy.ts applies it per region). */
export const HOTLINE_STATISTICS_READERS = ["admin", "leader", "supervisor"] as const;

/** The service level's threshold: answered within 20 seconds (the common 80/20 target's 20). */
export const SERVICE_LEVEL_SECONDS = 20;
/** The longest period one request may ask for: three years and a day. */
export const MAX_PERIOD_DAYS = 1097;

/** What SQL counts and sums for a group of calls. */
export type CallTally = {
  offered: number;
  answered: number;
  abandoned: number;
  missed: number;
  voicemail: number;
  transferred: number;
  inProgress: number;
  /** Seconds of wait over the finished calls that have one. */
  waitSeconds: number;
  waitCount: number;
  /** Seconds of wait over answered calls. */
  answerWaitSeconds: number;
  /** Seconds of talk over answered calls. */
  talkSeconds: number;
  answeredWithinServiceLevel: number;
  maxWaitSeconds: number;
};

export type CallFigures = CallTally & {
  answerRate: number | null;
  abandonRate: number | null;
  serviceLevel: number | null;
  avgWaitSeconds: number | null;
  avgAnswerSeconds: number | null;
  avgHandlingSeconds: number | null;
};

export const EMPTY_TALLY: CallTally = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  missed: 0,
  voicemail: 0,
  transferred: 0,
  inProgress: 0,
  waitSeconds: 0,
  waitCount: 0,
  answerWaitSeconds: 0,
  talkSeconds: 0,
  answeredWithinServiceLevel: 0,
  maxWaitSeconds: 0,
};

/** part ÷ whole, or null when there is nothing to divide (a rate of no calls is no figure, not 0 %). */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function figuresOf(tally: CallTally): CallFigures {
  return {
    ...tally,
    answerRate: ratio(tally.answered, tally.offered),
    abandonRate: ratio(tally.abandoned, tally.offered),
    serviceLevel: ratio(tally.answeredWithinServiceLevel, tally.offered),
    avgWaitSeconds: ratio(tally.waitSeconds, tally.waitCount),
    avgAnswerSeconds: ratio(tally.answerWaitSeconds, tally.answered),
    avgHandlingSeconds: ratio(tally.talkSeconds, tally.answered),
  };
}

/** One call as the figures see it: what the tests recompute the SQL's tallies from. */
export type CallForFigures = {
  outcome: "answered" | "missed" | "abandoned" | "voicemail" | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  transferTarget: string | null;
};

/** The tally of a list of calls, by the same definitions as the SQL (the reference the tests hold it to). */
export function tallyCalls(calls: readonly CallForFigures[]): CallTally {
  const t = { ...EMPTY_TALLY };
  for (const c of calls) {
    if (c.outcome === null) {
      t.inProgress += 1;
      continue;
    }
    t.offered += 1;
    t[c.outcome] += 1;
    if (c.transferTarget !== null) t.transferred += 1;
    if (c.waitSeconds !== null) {
      t.waitSeconds += c.waitSeconds;
      t.waitCount += 1;
      t.maxWaitSeconds = Math.max(t.maxWaitSeconds, c.waitSeconds);
    }
    if (c.outcome === "answered") {
      t.answerWaitSeconds += c.waitSeconds ?? 0;
      t.talkSeconds += c.talkSeconds ?? 0;
      if (c.waitSeconds !== null && c.waitSeconds <= SERVICE_LEVEL_SECONDS) t.answeredWithinServiceLevel += 1;
    }
  }
  return t;
}

const DAY_MS = 86_400_000;

/** The number of Beijing days from `from` to `to`, both included (dates, no zone involved). */
export const periodDays = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** A real calendar date "YYYY-MM-DD" (not 2026-02-30, which Date.parse would roll into March). */
const isDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;

/** Why a period cannot be asked for, naming the field, or null when it can. */
export function periodProblem(from: string, to: string): { field: "from" | "to"; message: string } | null {
  if (!isDate(from)) return { field: "from", message: "from must be a date YYYY-MM-DD" };
  if (!isDate(to)) return { field: "to", message: "to must be a date YYYY-MM-DD" };
  const days = periodDays(from, to);
  if (days < 1) return { field: "to", message: "to must not be before from" };
  if (days > MAX_PERIOD_DAYS) return { field: "to", message: `A period is at most ${MAX_PERIOD_DAYS} days` };
  return null;
}

/** Monday 1 … Sunday 7, as ISO (and PostgreSQL's isodow) count them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Every Beijing date of the period, in order: the daily series has a point for a day without calls. */
export function datesOf(from: string, to: string): string[] {
  const days = periodDays(from, to);
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: Math.max(days, 0) }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
}

import { holidayYearProblem, type HolidayYear } from "../calendar/working-calendar.ts";

/** A refusal naming the field that is wrong, as the API reports it. */
export type FieldProblem = { field: string; message: string };

type SettingsInput = {
  checklist: readonly { key: string; name: string }[];
  deadlines: readonly { step: string; amount: number; unit: "hours" | "working_days" }[];
};

/** A year has about 250 working days; a longer limit is a typo. */
export const MAX_WORKING_DAYS = 250;

/** Why a service type's settings cannot be saved (schema checks aside), or null. */
export function serviceSettingsProblem(input: SettingsInput): FieldProblem | null {
  const keys = new Set<string>();
  for (const [i, item] of input.checklist.entries()) {
    if (keys.has(item.key)) return { field: `checklist[${i}].key`, message: `the key ${item.key} appears twice` };
    keys.add(item.key);
  }
  const steps = new Map<string, (typeof input.deadlines)[number]>();
  for (const [i, rule] of input.deadlines.entries()) {
    if (steps.has(rule.step)) return { field: `deadlines[${i}].step`, message: `the step ${rule.step} has two limits` };
    if (rule.unit === "working_days" && rule.amount > MAX_WORKING_DAYS) return { field: `deadlines[${i}].amount`, message: `at most ${MAX_WORKING_DAYS} working days` };
    steps.set(rule.step, rule);
  }
  const accept = steps.get("accept");
  const resolve = steps.get("resolve");
  // Both limits run from intake, so accepting cannot be allowed longer than resolving.
  if (accept && resolve && accept.unit === resolve.unit && accept.amount > resolve.amount) {
    const i = input.deadlines.findIndex((rule) => rule.step === "accept");
    return { field: `deadlines[${i}].amount`, message: "the accept limit is longer than the resolve limit" };
  }
  return null;
}

/**
 * holidayYearProblem (calendar/working-calendar.ts) says what is wrong; this says
 * where, by checking one entry at a time with the same rule.
 */
export function holidayYearFieldProblem(year: string, data: HolidayYear): FieldProblem | null {
  for (const [i, range] of data.off.entries()) {
    const problem = holidayYearProblem(year, { off: [range], work: [] });
    if (!problem) continue;
    const fromAlone = holidayYearProblem(year, { off: [{ ...range, from: range.from, to: range.from }], work: [] });
    const toAlone = holidayYearProblem(year, { off: [{ ...range, from: range.to, to: range.to }], work: [] });
    const field = !range.name?.trim() ? "name" : fromAlone ? "from" : toAlone ? "to" : "to";
    return { field: `off[${i}].${field}`, message: problem };
  }
  for (const [i, date] of data.work.entries()) {
    const problem = holidayYearProblem(year, { off: [], work: [date] });
    if (problem) return { field: `work[${i}]`, message: problem };
    const inside = data.off.find((range) => range.from <= date && date <= range.to);
    if (inside) return { field: `work[${i}]`, message: `working day ${date} falls in the holiday ${inside.name}` };
  }
  // Whatever the whole year still finds wrong (nothing today), reported on the body.
  const problem = holidayYearProblem(year, data);
  return problem ? { field: "off", message: problem } : null;
}

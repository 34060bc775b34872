import type { FieldProblem } from "../../platform/errors.ts";
import { holidayYearProblem, type HolidayYear } from "./working-calendar.ts";

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

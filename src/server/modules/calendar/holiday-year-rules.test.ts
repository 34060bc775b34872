import { describe, expect, it } from "vitest";
import { holidayYearFieldProblem } from "./holiday-year-rules.ts";

describe("holiday year, with the field named", () => {
  const off = (name: string, from: string, to: string) => ({ name, from, to });
  it.each([
    ["valid", { off: [off("元旦", "2027-01-01", "2027-01-03")], work: ["2027-01-09"] }, null],
    ["blank name", { off: [off("元旦", "2027-01-01", "2027-01-01"), off(" ", "2027-02-01", "2027-02-02")], work: [] }, "off[1].name"],
    ["from in another year", { off: [off("元旦", "2026-12-31", "2027-01-01")], work: [] }, "off[0].from"],
    ["to in another year", { off: [off("春节", "2027-12-31", "2028-01-01")], work: [] }, "off[0].to"],
    ["from after to", { off: [off("春节", "2027-02-10", "2027-02-05")], work: [] }, "off[0].to"],
    ["working day not at a weekend", { off: [], work: ["2027-01-09", "2027-01-06"] }, "work[1]"],
    ["working day in another year", { off: [], work: ["2026-01-10"] }, "work[0]"],
    ["working day inside a holiday", { off: [off("国庆节", "2027-10-01", "2027-10-07")], work: ["2027-10-02"] }, "work[0]"],
  ])("%s", (_case, data, field) => {
    expect(holidayYearFieldProblem("2027", data)?.field ?? null).toBe(field);
  });
});

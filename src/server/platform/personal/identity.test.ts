import { describe, expect, it } from "vitest";
import { idCheckChar, idNumberProblem, maskIdNumber, maskPhone } from "./identity.ts";

describe("GB 11643 resident ID numbers", () => {
  // The standard's own example and numbers built with the check rule.
  it.each([
    ["11010519491231002X", null],
    ["440524188001010014", "before 1900"], // a valid check digit, but born in 1880
    ["11010519491231002x", null],
    ["110105194912310021", "check digit"],
    ["11010519491331002X", "not a date"],
    ["1101051949123100", "17 digits"],
  ])("%s → %s", (id, problem) => {
    const found = idNumberProblem(id);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  /** A valid number for this birth date (region 110105, sequence 123, the right check character). */
  const bornOn = (yyyymmdd: string) => `110105${yyyymmdd}123${idCheckChar(`110105${yyyymmdd}123`)}`;
  // Monday 2 March 2026, 00:30 in Beijing (still 1 March in UTC).
  const today = new Date("2026-03-01T16:30:00Z");

  it.each([
    ["19000101", null],
    ["19491231", null],
    ["20260302", null], // born today, Beijing time
    ["20240229", null],
    ["18991231", "before 1900"],
    ["10000101", "before 1900"],
    ["00000101", "before 1900"],
    ["20260303", "in the future"],
    ["20990101", "in the future"],
    ["20250229", "not a date"],
    ["20261301", "not a date"],
  ])("born %s → %s", (birth, problem) => {
    const found = idNumberProblem(bornOn(birth), today);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it("computes the check character", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
    expect(idCheckChar("44052418800101001")).toBe("4");
  });
});

describe("masking", () => {
  it("keeps the region prefix and last four of an ID number", () => expect(maskIdNumber("11010519491231002X")).toBe("110105********002X"));
  it("keeps the first three and last four of a phone", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("12348")).toBe("*****");
  });
});

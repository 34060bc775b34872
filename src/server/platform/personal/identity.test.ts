import { describe, expect, it } from "vitest";
import { idCheckChar, idNumberProblem, maskIdNumber, maskPhone } from "./identity.ts";

describe("GB 11643 resident ID numbers", () => {
  // The standard's own example and numbers built with the check rule.
  it.each([
    ["11010519491231002X", null],
    ["440524188001010014", null],
    ["11010519491231002x", null],
    ["110105194912310021", "check digit"],
    ["11010519491331002X", "not a date"],
    ["1101051949123100", "17 digits"],
  ])("%s → %s", (id, problem) => {
    const found = idNumberProblem(id);
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

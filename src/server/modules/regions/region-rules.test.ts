/**
 * Pure rules of the administrative tree: code shapes per level, the CSV reader
 * and the all-or-nothing import plan. No database.
 */
import { describe, expect, it } from "vitest";
import {
  childLevelOf,
  codeProblem,
  parseRegionCsv,
  planRegionImport,
  type KnownRegion,
  type RegionCsvRow,
  type RegionLevel,
} from "./region-rules.ts";

describe("codeProblem", () => {
  it.each<[string, RegionLevel, string | null]>([
    ["110000", "province", null],
    ["110100", "city", "110000"],
    ["110101", "county", "110100"],
    ["110101001", "township", "110101"],
    ["110101001001", "village", "110101001"],
    // A county directly under a province-level placeholder city (省直辖县级行政区划).
    ["429004", "county", "429000"],
  ])("accepts %s as a %s under %s", (code, level, parent) => {
    expect(codeProblem(code, level, parent)).toBeNull();
  });

  it.each<[string, RegionLevel, string | null, RegExp]>([
    // wrong length or not digits
    ["11000", "province", null, /6 digits/],
    ["1100000", "province", null, /6 digits/],
    ["11010", "city", "110000", /6 digits/],
    ["1101010", "county", "110100", /6 digits/],
    ["11010100", "township", "110101", /9 digits/],
    ["1101010010", "township", "110101", /9 digits/],
    ["11010100100", "village", "110101001", /12 digits/],
    ["1101010010010", "village", "110101001", /12 digits/],
    ["11a000", "province", null, /6 digits/],
    // endings
    ["110100", "province", null, /ends in 0000/],
    ["110101", "city", "110000", /ends in 00/],
    ["110000", "city", "110000", /not 0000/],
    ["110100", "county", "110100", /does not end in 00/],
    // prefix not matching the parent
    ["120100", "city", "110000", /start with its parent's 11$/],
    ["110201", "county", "110100", /start with its parent's 1101$/],
    ["110102001", "township", "110101", /start with its parent's 110101$/],
    ["110101002001", "village", "110101001", /start with its parent's 110101001$/],
  ])("refuses %s as a %s under %s", (code, level, parent, message) => {
    expect(codeProblem(code, level, parent)).toMatch(message);
  });
});

describe("childLevelOf", () => {
  it.each<[RegionLevel, RegionLevel | null]>([
    ["province", "city"],
    ["city", "county"],
    ["county", "township"],
    ["township", "village"],
    ["village", null],
  ])("a child of a %s is a %s", (level, child) => {
    expect(childLevelOf(level)).toBe(child);
  });
});

describe("parseRegionCsv", () => {
  it("skips the header and blank lines, keeping source line numbers", () => {
    const { rows, problems } = parseRegionCsv("code,name,parentCode,level\n110000,北京市,,province\n\n   \n110100,市辖区,110000,city\n");
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, code: "110000", name: "北京市", parentCode: null, level: "province" },
      { line: 5, code: "110100", name: "市辖区", parentCode: "110000", level: "city" },
    ]);
  });

  it("does not treat a data line as a header", () => {
    const { rows } = parseRegionCsv("110000,北京市,,province");
    expect(rows).toHaveLength(1);
    expect(rows[0].line).toBe(1);
  });

  it("strips a UTF-8 BOM, so the header is still recognised", () => {
    const { rows, problems } = parseRegionCsv("\uFEFFcode,name,parentCode,level\r\n110000,北京市,,province\r\n");
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ line: 2, code: "110000", name: "北京市", parentCode: null, level: "province" }]);
  });

  it("reads RFC 4180 quotes: commas and doubled quotes inside a field, whitespace trimmed", () => {
    const { rows, problems } = parseRegionCsv('"110000","北京市, ""首都""",,"province"\n 110100 , "市辖区" ,110000, city ');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 1, code: "110000", name: '北京市, "首都"', parentCode: null, level: "province" },
      { line: 2, code: "110100", name: "市辖区", parentCode: "110000", level: "city" },
    ]);
  });

  it("reports bad lines with their line numbers and keeps the good ones", () => {
    const text = [
      "code,name,parentCode,level", // 1
      "110000,北京市,,province", // 2
      "110100,市辖区,110000", // 3: three fields
      "", // 4
      '110101,"东城区,110100,county', // 5: unbalanced quote
      "110102,,110100,county", // 6: empty name
      "110105,朝阳区,110100,county,extra", // 7: five fields
      "110106,丰台区,110100,county", // 8
    ].join("\n");
    const { rows, problems } = parseRegionCsv(text);
    expect(rows.map((row) => row.line)).toEqual([2, 8]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [3, "BAD_LINE"],
      [5, "BAD_LINE"],
      [6, "BAD_LINE"],
      [7, "BAD_LINE"],
    ]);
    expect(problems[0].message).toMatch(/got 3/);
    expect(problems[1].message).toMatch(/quote/);
    expect(problems[2].message).toMatch(/name is empty/);
  });
});

describe("planRegionImport", () => {
  const existing = new Map<string, KnownRegion>([
    ["110000", { code: "110000", level: "province", path: "/110000/" }],
    ["110100", { code: "110100", level: "city", path: "/110000/110100/" }],
    ["110101", { code: "110101", level: "county", path: "/110000/110100/110101/" }],
  ]);
  const everywhere = () => true;
  let lineNo = 0;
  const row = (code: string, parentCode: string | null, level: string, line = ++lineNo): RegionCsvRow => ({ line, code, name: `区划${code}`, parentCode, level });

  type Case = { name: string; rows: RegionCsvRow[]; scope?: (path: string) => boolean; problems: [number, string][] };
  const cases: Case[] = [
    { name: "unknown parent", rows: [row("110199", "110188", "county", 1)], problems: [[1, "UNKNOWN_PARENT"]] },
    { name: "duplicate of an existing code", rows: [row("110101", "110100", "county", 1)], problems: [[1, "DUPLICATE_CODE"]] },
    {
      name: "duplicate within the file",
      rows: [row("110102", "110100", "county", 1), row("110102", "110100", "county", 2)],
      problems: [[2, "DUPLICATE_CODE"]],
    },
    { name: "bad level", rows: [row("110102", "110100", "district", 1)], problems: [[1, "BAD_LEVEL"]] },
    { name: "village directly under a county", rows: [row("110101001001", "110101", "village", 1)], problems: [[1, "LEVEL_MISMATCH"]] },
    { name: "a province with a parent", rows: [row("120000", "110000", "province", 1)], problems: [[1, "LEVEL_MISMATCH"]] },
    { name: "a city without a parent", rows: [row("120100", null, "city", 1)], problems: [[1, "LEVEL_MISMATCH"]] },
    { name: "a bad code for the level", rows: [row("110201", "110100", "county", 1)], problems: [[1, "BAD_CODE"]] },
    {
      name: "out of scope",
      rows: [row("110102", "110100", "county", 1), row("110101001", "110101", "township", 2)],
      scope: (path) => path.startsWith("/110000/110100/110101/"),
      problems: [[1, "OUT_OF_SCOPE"]],
    },
  ];

  it.each(cases)("$name → $problems and an empty plan", ({ rows, scope, problems }) => {
    const result = planRegionImport(rows, existing, scope ?? everywhere);
    expect(result.problems.map((p) => [p.line, p.code])).toEqual(problems);
    expect(result.plan).toEqual([]);
  });

  it("resolves parents listed after their children and orders the plan parents first", () => {
    const rows = [
      row("110101001001", "110101001", "village", 1),
      row("110102001", "110102", "township", 2),
      row("110101001", "110101", "township", 3),
      row("110102", "110100", "county", 4),
      row("120000", null, "province", 5),
      row("120100", "120000", "city", 6),
    ];
    const { plan, problems } = planRegionImport(rows, existing, everywhere);
    expect(problems).toEqual([]);
    expect(plan.map((p) => [p.code, p.level, p.path, p.depth])).toHaveLength(6);
    const position = new Map(plan.map((p, i) => [p.code, i]));
    for (const p of plan) {
      if (p.parentCode && position.has(p.parentCode)) expect(position.get(p.parentCode)!).toBeLessThan(position.get(p.code)!);
    }
    const byCode = new Map(plan.map((p) => [p.code, p]));
    expect(byCode.get("110101001001")).toMatchObject({ level: "village", depth: 4, path: "/110000/110100/110101/110101001/110101001001/" });
    expect(byCode.get("110102001")).toMatchObject({ level: "township", depth: 3, path: "/110000/110100/110102/110102001/" });
    expect(byCode.get("120100")).toMatchObject({ level: "city", depth: 1, path: "/120000/120100/" });
  });

  it("one bad line among good ones empties the plan", () => {
    const rows = [row("110102", "110100", "county", 1), row("110102001", "110102", "township", 2), row("110102002", "110102", "bogus", 3)];
    const { plan, problems } = planRegionImport(rows, existing, everywhere);
    expect(problems.map((p) => [p.line, p.code])).toEqual([[3, "BAD_LEVEL"]]);
    expect(plan).toEqual([]);
  });

  it("a child of a bad line in the file is reported as having an unknown parent", () => {
    const rows = [row("110102", "110100", "bogus", 1), row("110102001", "110102", "township", 2)];
    const { problems } = planRegionImport(rows, existing, everywhere);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [1, "BAD_LEVEL"],
      [2, "UNKNOWN_PARENT"],
    ]);
  });

  it("a parent/child cycle inside the file is refused, not looped", () => {
    const rows = [row("110102001", "110102002", "township", 1), row("110102002", "110102001", "township", 2)];
    const { plan, problems } = planRegionImport(rows, existing, everywhere);
    expect(plan).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === "UNKNOWN_PARENT")).toBe(true);
  });

  it("reports a bad line once, even when several lines depend on it", () => {
    // A county with a bad code and two townships under it: the county's line
    // is the one problem; it must not be listed once per child.
    const rows = [
      row("110201", "110100", "county", 1),
      row("110201001", "110201", "township", 2),
      row("110201002", "110201", "township", 3),
    ];
    const { problems } = planRegionImport(rows, existing, everywhere);
    expect(problems.map((p) => [p.line, p.code])).toEqual([[1, "BAD_CODE"]]);
  });
});

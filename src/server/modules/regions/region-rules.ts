/**
 * Pure rules of the administrative tree (行政区划). County and above use the
 * 6-digit GB/T 2260 codes; townships the 9-digit and villages the 12-digit
 * statistical codes (统计用区划代码), which extend their parent's code.
 */
export const REGION_LEVELS = ["province", "city", "county", "township", "village"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

const CODE_LENGTH: Record<RegionLevel, number> = { province: 6, city: 6, county: 6, township: 9, village: 12 };

export const isRegionLevel = (value: string): value is RegionLevel => (REGION_LEVELS as readonly string[]).includes(value);

/** The level a child of `level` must have, or null for a village. */
export function childLevelOf(level: RegionLevel): RegionLevel | null {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1] ?? null;
}

export function depthOf(level: RegionLevel): number {
  return REGION_LEVELS.indexOf(level);
}

/** Why `code` cannot be a region of `level` under `parentCode`, or null when it can. */
export function codeProblem(code: string, level: RegionLevel, parentCode: string | null): string | null {
  const length = CODE_LENGTH[level];
  if (!new RegExp(`^\\d{${length}}$`).test(code)) return `a ${level} code has ${length} digits`;
  if (level === "province" && !code.endsWith("0000")) return "a province code ends in 0000";
  if (level === "city" && (!code.endsWith("00") || code.endsWith("0000"))) return "a city code ends in 00 (not 0000)";
  if (level === "county" && code.endsWith("00")) return "a county code does not end in 00";
  if (parentCode) {
    const prefix = level === "city" ? parentCode.slice(0, 2) : level === "county" ? parentCode.slice(0, 4) : parentCode;
    if (!code.startsWith(prefix)) return `the code must start with its parent's ${prefix}`;
  }
  return null;
}

export const pathOf = (parentPath: string | null, code: string) => `${parentPath ?? "/"}${code}/`;

/** Codes from the root to the node, from a materialized path. */
export const codesOfPath = (path: string) => path.split("/").filter(Boolean);

export type RegionCsvRow = { line: number; code: string; name: string; parentCode: string | null; level: string };
export type ImportProblem = {
  line: number;
  code: "BAD_LINE" | "BAD_LEVEL" | "BAD_CODE" | "DUPLICATE_CODE" | "UNKNOWN_PARENT" | "LEVEL_MISMATCH" | "OUT_OF_SCOPE";
  message: string;
};

/**
 * Parses `code,name,parentCode,level` CSV (RFC 4180 quoting; an optional header
 * line; blank lines ignored). Lines that cannot be split into four fields are
 * reported, not thrown.
 */
export function parseRegionCsv(text: string): { rows: RegionCsvRow[]; problems: ImportProblem[] } {
  const rows: RegionCsvRow[] = [];
  const problems: ImportProblem[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    const fields = splitCsvLine(raw);
    if (fields === null) {
      problems.push({ line, code: "BAD_LINE", message: "unbalanced quotes" });
      return;
    }
    const [code, name, parentCode, level] = fields.map((f) => f.trim());
    if (line === 1 && code.toLowerCase() === "code" && name?.toLowerCase() === "name") return;
    if (fields.length !== 4) {
      problems.push({ line, code: "BAD_LINE", message: `expected 4 fields (code,name,parentCode,level), got ${fields.length}` });
      return;
    }
    if (!name) {
      problems.push({ line, code: "BAD_LINE", message: "the name is empty" });
      return;
    }
    rows.push({ line, code, name, parentCode: parentCode || null, level });
  });
  return { rows, problems };
}

function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let current = "";
  let isQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (isQuoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') isQuoted = false;
      else current += ch;
    } else if (ch === '"' && current.trim() === "") {
      isQuoted = true;
      current = "";
    } else if (ch === ",") {
      fields.push(current);
      current = "";
    } else current += ch;
  }
  if (isQuoted) return null;
  fields.push(current);
  return fields;
}

export type KnownRegion = { code: string; level: RegionLevel; path: string };

/**
 * Checks every row against the existing tree and the other rows, and returns the
 * rows ordered parents-first with their paths, or every problem found. The import
 * is all or nothing, so one problem rejects the file.
 */
export function planRegionImport(
  rows: RegionCsvRow[],
  existing: Map<string, KnownRegion>,
  isInScope: (parentPath: string) => boolean,
): { plan: (RegionCsvRow & { level: RegionLevel; path: string; depth: number })[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const byCode = new Map<string, RegionCsvRow>();
  for (const row of rows) {
    if (!isRegionLevel(row.level)) {
      problems.push({ line: row.line, code: "BAD_LEVEL", message: `level must be one of ${REGION_LEVELS.join(", ")}` });
      continue;
    }
    if (existing.has(row.code)) {
      problems.push({ line: row.line, code: "DUPLICATE_CODE", message: `${row.code} already exists` });
      continue;
    }
    const first = byCode.get(row.code);
    if (first) {
      problems.push({ line: row.line, code: "DUPLICATE_CODE", message: `${row.code} is also on line ${first.line}` });
      continue;
    }
    byCode.set(row.code, row);
  }
  // Resolve parents: an existing region or another row of the file.
  const plan: (RegionCsvRow & { level: RegionLevel; path: string; depth: number })[] = [];
  const resolved = new Map<string, KnownRegion>();
  // Rows already found bad: their children fail quietly instead of reporting them again.
  const failed = new Set<string>();
  const resolve = (row: RegionCsvRow, trail: Set<string>): KnownRegion | null => {
    const done = resolved.get(row.code);
    if (done) return done;
    if (failed.has(row.code)) return null;
    const known = check(row, trail);
    if (known) resolved.set(row.code, known);
    else failed.add(row.code);
    return known;
  };
  const check = (row: RegionCsvRow, trail: Set<string>): KnownRegion | null => {
    const level = row.level as RegionLevel;
    let parent: KnownRegion | null = null;
    if (row.parentCode) {
      const parentRow = byCode.get(row.parentCode);
      if (existing.has(row.parentCode)) parent = existing.get(row.parentCode)!;
      else if (parentRow && !trail.has(parentRow.code)) {
        parent = resolve(parentRow, new Set([...trail, row.code]));
        if (!parent) return null;
      } else {
        problems.push({ line: row.line, code: "UNKNOWN_PARENT", message: `parent ${row.parentCode} does not exist` });
        return null;
      }
    }
    const expectedLevel = parent ? childLevelOf(parent.level) : "province";
    if (expectedLevel !== level) {
      problems.push({
        line: row.line,
        code: "LEVEL_MISMATCH",
        message: parent ? `a child of a ${parent.level} must be a ${expectedLevel ?? "nothing (villages have no children)"}` : "only a province has no parent",
      });
      return null;
    }
    const codeIssue = codeProblem(row.code, level, row.parentCode);
    if (codeIssue) {
      problems.push({ line: row.line, code: "BAD_CODE", message: codeIssue });
      return null;
    }
    const path = pathOf(parent?.path ?? null, row.code);
    if (!isInScope(path)) {
      problems.push({ line: row.line, code: "OUT_OF_SCOPE", message: `${row.code} is outside your region` });
      return null;
    }
    const known = { code: row.code, level, path };
    plan.push({ ...row, level, path, depth: depthOf(level) });
    return known;
  };
  for (const row of byCode.values()) resolve(row, new Set());
  problems.sort((a, b) => a.line - b.line);
  return { plan: problems.length ? [] : plan, problems };
}

import { existsSync, statSync } from "node:fs";
import type { Db } from "../../../platform/db/index.ts";
import { AppError } from "../../../platform/errors.ts";
import type { Actor } from "../../../policies/actor.ts";
import { importLaws, readLawRefBook, type ImportProblem, type ImportReport } from "./import-laws.ts";
import { readLawJsonl } from "./read-law-jsonl.ts";

/** What to import: a LawRefBook folder, or a JSONL file (one law per line). */
export type LawImportInput = { kind: "lawrefbook"; dir: string } | { kind: "jsonl"; file: string };

export type LawImportOptions = {
  now: Date;
  /** Progress lines (about one per 5 %), for stderr. */
  progress?: (line: string) => void;
  batchSize?: number;
};

/** Progress every `1/steps` of the way, and at the end: a few lines, not one per law. */
function stepsOf(total: number, steps: number, report: (done: number) => void): (done: number) => void {
  const every = Math.max(1, Math.ceil(total / steps));
  return (done) => {
    if (done % every === 0 || done === total) report(done);
  };
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * `santai import-laws`: reads the folder or file, stores every law it could read
 * (in batches, see importLaws) and reports counts, each file or line it could not
 * read with the reason, and the notes. A file that cannot be read does not stop
 * the others.
 */
export async function runLawImport(db: Db, actor: Actor, input: LawImportInput, options: LawImportOptions): Promise<ImportReport> {
  const progress = options.progress ?? (() => {});
  const startedAt = performance.now();
  const path = input.kind === "lawrefbook" ? input.dir : input.file;
  if (!existsSync(path)) throw new AppError("VALIDATION_FAILED", `import-laws: ${path} does not exist`);
  if (input.kind === "lawrefbook" && !statSync(path).isDirectory()) throw new AppError("VALIDATION_FAILED", `import-laws: ${path} is not a folder (a JSONL file is imported with --jsonl)`);
  if (input.kind === "jsonl" && !statSync(path).isFile()) throw new AppError("VALIDATION_FAILED", `import-laws --jsonl: ${path} is not a file`);

  progress(`Reading ${path}…`);
  const read = input.kind === "lawrefbook" ? await readLawRefBook(input.dir) : readLawJsonl(input.file);
  const unit = input.kind === "lawrefbook" ? "files" : "lines";
  if (!read.files) throw new AppError("VALIDATION_FAILED", `import-laws: no law ${unit} in ${path}`);
  progress(`Read ${read.files} ${unit} in ${seconds(startedAt).toFixed(1)} s: ${read.sources.length} laws, ${read.failed.length} could not be read.`);

  const storingSince = performance.now();
  const step = stepsOf(read.sources.length, 20, (done) => {
    const percent = Math.round((done / read.sources.length) * 100);
    progress(`  stored ${done}/${read.sources.length} (${percent} %) in ${seconds(storingSince).toFixed(1)} s`);
  });
  const counts = await importLaws(db, actor, read.sources, {
    now: options.now,
    batchSize: options.batchSize,
    onProgress: (done) => step(done),
    detail: { source: input.kind, failed: read.failed.length },
  });
  return { files: read.files, ...counts, failed: read.failed, notes: read.notes, seconds: seconds(startedAt) };
}

/** The report as the CLI prints it: counts, then every failure and every note. */
export function describeLawImport(report: ImportReport, unit: "files" | "lines" = "files"): string[] {
  const laws = report.created + report.updated + report.unchanged;
  const lines = [
    `Imported ${laws} of ${report.files} ${unit} in ${report.seconds.toFixed(1)} s: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged; ` +
      `${report.articles} articles stored; ${report.terms} dictionary terms.`,
  ];
  const list = (title: string, problems: ImportProblem[]) => {
    if (!problems.length) return;
    lines.push(title);
    for (const p of problems) lines.push(`  ${p.origin}: ${p.reason}`);
  };
  list(`Could not import ${report.failed.length} ${report.failed.length === 1 ? unit.slice(0, -1) : unit}:`, report.failed);
  list(`Notes (${report.notes.length}):`, report.notes);
  return lines;
}

/**
 * The core set of statutes the repository carries (core-laws/README.md): loaded
 * with the demo data, so law search works on a bare clone. The full LawRefBook
 * collection is one `santai import-laws DIR` away and finds the same source keys
 * (the core set keeps the collection's folder layout), so it updates these laws
 * instead of adding copies.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "../platform/db/index.ts";
import { systemActor } from "../policies/actor.ts";
import { countLawsBySource } from "../modules/knowledge/queries/count-laws.ts";
import { lawRefBookFiles, lawRefBookPath, lawRefBookSourceKey } from "../modules/knowledge/lawrefbook-files.ts";
import type { ImportReport } from "../modules/knowledge/commands/import-laws.ts";

export const CORE_LAWS_DIR = fileURLToPath(new URL("../../../core-laws/", import.meta.url));

/**
 * Whether the core set still has to be loaded: no law is stored, or only part of
 * the core set (a first start stopped half-way). Once anything else has been
 * imported the laws are the operator's, and the core set stays out.
 */
export async function needsCoreLaws(db: Db, dir = CORE_LAWS_DIR): Promise<boolean> {
  if (!existsSync(dir)) return false;
  const keys = lawRefBookFiles(dir).map((file) => lawRefBookSourceKey(lawRefBookPath(dir, file)));
  const { matching, others } = await countLawsBySource(db, keys);
  return others === 0 && matching < keys.length;
}

/**
 * Imports the core set if `needsCoreLaws`; null when there was nothing to do. The
 * importer (and jieba with it) is loaded only then, so a normal start does not pay for it.
 */
export async function seedCoreLaws(
  db: Db,
  now: Date,
  options: { dir?: string; batchSize?: number; progress?: (line: string) => void } = {},
): Promise<ImportReport | null> {
  const dir = options.dir ?? CORE_LAWS_DIR;
  if (!(await needsCoreLaws(db, dir))) return null;
  const { runLawImport } = await import("../modules/knowledge/commands/run-law-import.ts");
  return runLawImport(db, systemActor("seed"), { kind: "lawrefbook", dir }, { now, batchSize: options.batchSize, progress: options.progress });
}

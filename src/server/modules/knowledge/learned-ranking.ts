import { existsSync, readFileSync } from "node:fs";
import type { LearnedRanking } from "./search-learning.ts";

/**
 * The law prior and word expansions learned from STARD's training questions
 * (MIT licence; see the file's `source`), written by
 * `npm run bench -- search --learn`. Absent or unreadable: the search ranks
 * without them.
 */
export const LEARNED_RANKING_FILE = new URL("./learned-ranking.json", import.meta.url);

export function loadLearnedRanking(): LearnedRanking | null {
  if (!existsSync(LEARNED_RANKING_FILE)) return null;
  try {
    const parsed = JSON.parse(readFileSync(LEARNED_RANKING_FILE, "utf8")) as Partial<LearnedRanking>;
    return { lawPrior: parsed.lawPrior ?? {}, expansions: parsed.expansions ?? {} };
  } catch {
    return null;
  }
}

// Early-warning bench: the detector's precision and recall on generated history with planted clusters.
//
// For each seed, generates a year of tickets for a larger area than the test's (10 counties × 10
// townships × 8 villages by default: about 150,000 tickets), plants clusters in the last half year
// (`--planted` of each kind, by default as densely as the test plants them: an employer named by 5–12 people, a village's land-dispute burst, a
// township's category spike), runs the detector as the scheduler would — once a day over the
// evaluation period, on the facts of its lookback — and matches alerts to planted clusters
// (src/server/modules/early-warning/generate-history.ts says how). Figures are pooled over seeds.
// scanMs is the mean time of one detector run over the lookback's facts (what the scan does after
// its query).
//
//   npm run bench -- early-warning [--seeds 5] [--counties 10] [--townships 10] [--villages 8] [--days 365] [--planted 10]
//
// Progress on stderr; the last stdout line is JSON.
import { evaluateDetector, generateHistory, type HistorySize } from "../src/server/modules/early-warning/generate-history.ts";
import { logger, numberArg, round } from "./_bench-database.ts";

const log = logger("early-warning");
const SEEDS = Math.floor(numberArg("seeds", 5));
const size: HistorySize = {
  counties: Math.floor(numberArg("counties", 10)),
  townshipsPerCounty: Math.floor(numberArg("townships", 10)),
  villagesPerTownship: Math.floor(numberArg("villages", 8)),
  days: Math.floor(numberArg("days", 365)),
  evaluationDays: Math.floor(numberArg("days", 365) / 2),
  plantedPerKind: 0,
};
// As many planted clusters per township and day as the test's history has (4 of each kind for 18 townships over 100 days),
// unless --planted says otherwise: precision depends on how many real clusters there are among the background.
size.plantedPerKind = Math.floor(numberArg("planted", Math.round((4 * size.counties * size.townshipsPerCounty * size.evaluationDays) / (18 * 100))));

let tickets = 0;
let planted = 0;
let recalled = 0;
let alerts = 0;
let truePositives = 0;
let scanMsTotal = 0;
let scans = 0;
const byKind: Record<string, { planted: number; recalled: number; alerts: number; truePositives: number }> = {};
for (let seed = 1; seed <= SEEDS; seed += 1) {
  const history = generateHistory(seed, size);
  const e = evaluateDetector(history);
  tickets += history.facts.length;
  planted += e.planted;
  recalled += e.recalled;
  alerts += e.alerts;
  truePositives += e.truePositives;
  scanMsTotal += e.scanMs * e.scans;
  scans += e.scans;
  for (const [kind, k] of Object.entries(e.byKind)) {
    const into = (byKind[kind] ??= { planted: 0, recalled: 0, alerts: 0, truePositives: 0 });
    into.planted += k.planted;
    into.recalled += k.recalled;
    into.alerts += k.alerts;
    into.truePositives += k.truePositives;
  }
  log(`seed ${seed}: ${history.facts.length} tickets, precision ${round(e.precision, 3)}, recall ${round(e.recall, 3)}, ${e.alerts} alerts for ${e.planted} planted, ${round(e.scanMs, 1)} ms a scan`);
}

console.log(
  JSON.stringify({
    bench: "early-warning",
    precision: round(alerts ? truePositives / alerts : 1, 3),
    recall: round(planted ? recalled / planted : 1, 3),
    planted,
    alerts,
    scanMs: round(scans ? scanMsTotal / scans : 0, 1),
    seeds: SEEDS,
    tickets,
    size,
    byKind,
  }),
);

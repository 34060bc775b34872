/**
 * 矛盾纠纷预警: finds clusters in a compact list of ticket facts. Pure (no
 * database, no clock): `scanEarlyWarnings` loads the facts and turns what this
 * returns into alerts, and the precision/recall test runs it on generated history.
 *
 * Three rules, each over a window ending at `now`:
 * - counterparty: one counterparty (employer, company) named by several different
 *   applicants (counted by their hash, never by name or number);
 * - place: one village with an unusual number of tickets in one dispute category;
 * - spike: a township's category against its own baseline (last week vs the weekly
 *   mean and spread of the weeks before), with a floor so tiny numbers never alert.
 */

/** What the detector needs to know of a ticket; no personal data (the applicant is a hash). */
export type TicketFact = {
  id: string;
  createdAt: Date;
  regionCode: string;
  /** Materialized path ("/province/city/county/township/village/"). */
  regionPath: string;
  category: string;
  serviceType: string;
  channel: string;
  /** counterpartyKey() of the counterparty's name, or null. */
  counterpartyKey: string | null;
  /** The counterparty's name as first given (shown on the alert), or null. */
  counterpartyName?: string | null;
  /** Who applied: the hash of their ID number or phone; the ticket id where neither was given (each such ticket one person). */
  applicantKey: string;
};

export type AlertKind = "counterparty" | "place" | "spike";
export const ALERT_KINDS = ["counterparty", "place", "spike"] as const satisfies readonly AlertKind[];
export type Severity = "low" | "medium" | "high";
export const SEVERITIES = ["low", "medium", "high"] as const satisfies readonly Severity[];

export type Thresholds = {
  counterparty: {
    /** How far back the tickets of one counterparty are gathered. */
    windowDays: number;
    /** Distinct applicants naming it before it alerts. */
    minApplicants: number;
    /** …and "high" from this many. */
    highApplicants: number;
  };
  place: {
    windowDays: number;
    /** Distinct applicants in one village and category within the window. */
    minApplicants: number;
    highApplicants: number;
    /**
     * The count must also be this unlikely (Poisson upper tail) given what the village usually has in
     * a window: its own past baselineWeeks, or its share of its township's, whichever is more.
     */
    maxPValue: number;
    baselineWeeks: number;
  };
  spike: {
    /** The recent period (days) compared with the baseline. */
    recentDays: number;
    /** Weeks (of recentDays each) before it that make the baseline. */
    baselineWeeks: number;
    /** No alert below this many tickets in the recent period, whatever the z-score. */
    minCount: number;
    /** (recent − mean) / max(stdev, √mean, 1) at or above which it alerts. */
    minZ: number;
    /** …and the recent count at least this many times the mean (a season's slow rise is no spike). */
    minRatio: number;
    /**
     * …and the count this unlikely (Poisson upper tail, λ = the larger of the mean and the variance):
     * every township × category is tested at every scan, so the level is strict.
     */
    maxPValue: number;
    /** …and "high" from this z-score. */
    highZ: number;
  };
};

export const DEFAULT_THRESHOLDS: Thresholds = {
  counterparty: { windowDays: 30, minApplicants: 4, highApplicants: 8 },
  place: { windowDays: 14, minApplicants: 5, highApplicants: 10, maxPValue: 0.001, baselineWeeks: 8 },
  spike: { recentDays: 7, baselineWeeks: 8, minCount: 6, minZ: 3.5, minRatio: 2.5, maxPValue: 0.0001, highZ: 6 },
};

/** How far back the detector needs facts, for these thresholds. */
export function lookbackDays(t: Thresholds = DEFAULT_THRESHOLDS): number {
  return Math.max(t.counterparty.windowDays, t.place.windowDays + t.place.baselineWeeks * 7, t.spike.recentDays * (t.spike.baselineWeeks + 1));
}

/** One cluster found. `key` identifies it across scans (the same counterparty, village+category, township+category). */
export type Detection = {
  kind: AlertKind;
  key: string;
  /** The region the alert belongs to: the village (place), the township (spike), the tickets' nearest common region (counterparty). */
  regionCode: string;
  regionPath: string;
  category: string | null;
  counterpartyKey: string | null;
  counterpartyName: string | null;
  windowStart: Date;
  windowEnd: Date;
  ticketIds: string[];
  ticketCount: number;
  applicantCount: number;
  /** Spike: the baseline's weekly mean and stdev and the z-score; place: the expected count in a window (mean) and the Poisson tail (z: null). */
  baseline: { mean: number; stdev: number; z: number | null; p?: number } | null;
  severity: Severity;
};

const DAY_MS = 86_400_000;

/** The path's segments ("/a/b/c/" → ["a","b","c"]). */
const segmentsOf = (path: string) => path.split("/").filter(Boolean);
/** The path of depth `depth` (0 = province) on this path, or null if the path is shallower. */
function pathAtDepth(path: string, depth: number): string | null {
  const segments = segmentsOf(path);
  return segments.length > depth ? `/${segments.slice(0, depth + 1).join("/")}/` : null;
}
const TOWNSHIP_DEPTH = 3;
const VILLAGE_DEPTH = 4;
const lastCode = (path: string) => segmentsOf(path).at(-1) ?? "";

/** The township a region path lies in (itself, or its village's), or null for a county and above. */
export const townshipPathOf = (path: string) => pathAtDepth(path, TOWNSHIP_DEPTH);

/** The longest path every one of these paths starts with. */
export function commonPath(paths: readonly string[]): string {
  if (paths.length === 0) return "/";
  let common = segmentsOf(paths[0]);
  for (const p of paths.slice(1)) {
    const s = segmentsOf(p);
    let i = 0;
    while (i < common.length && i < s.length && common[i] === s[i]) i += 1;
    common = common.slice(0, i);
  }
  return common.length ? `/${common.join("/")}/` : "/";
}

const distinct = (facts: readonly TicketFact[], by: (f: TicketFact) => string) => new Set(facts.map(by)).size;

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
function stdev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

const byTime = (a: TicketFact, b: TicketFact) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

/** Every cluster in `facts` as of `now`, each rule with its thresholds. Facts after `now` are ignored. */
export function detectClusters(facts: readonly TicketFact[], now: Date, thresholds: Thresholds = DEFAULT_THRESHOLDS): Detection[] {
  const known = facts.filter((f) => f.createdAt.getTime() <= now.getTime());
  const places = detectPlaces(known, now, thresholds.place);
  // A village's burst is also its township's spike: one alert (the village's, the more precise) is enough.
  const inPlaces = new Set(places.flatMap((p) => p.ticketIds));
  const spikes = detectSpikes(known, now, thresholds.spike).filter((s) => s.ticketIds.filter((id) => inPlaces.has(id)).length * 2 < s.ticketIds.length);
  return [...detectCounterparties(known, now, thresholds.counterparty), ...places, ...spikes];
}

function detectCounterparties(facts: readonly TicketFact[], now: Date, t: Thresholds["counterparty"]): Detection[] {
  const start = new Date(now.getTime() - t.windowDays * DAY_MS);
  const inWindow = facts.filter((f) => f.createdAt > start && f.counterpartyKey);
  const out: Detection[] = [];
  for (const [key, group] of groupBy(inWindow, (f) => f.counterpartyKey)) {
    const applicants = distinct(group, (f) => f.applicantKey);
    if (applicants < t.minApplicants) continue;
    const sorted = [...group].sort(byTime);
    const path = commonPath(sorted.map((f) => f.regionPath));
    out.push({
      kind: "counterparty",
      key: `counterparty:${key}`,
      regionCode: lastCode(path),
      regionPath: path,
      category: null,
      counterpartyKey: key,
      counterpartyName: sorted.find((f) => f.counterpartyName)?.counterpartyName ?? key,
      windowStart: start,
      windowEnd: now,
      ticketIds: sorted.map((f) => f.id),
      ticketCount: sorted.length,
      applicantCount: applicants,
      baseline: null,
      severity: applicants >= t.highApplicants ? "high" : "medium",
    });
  }
  return out;
}

/** P(X ≥ n) for X ~ Poisson(λ). */
export function poissonTail(n: number, lambda: number): number {
  if (n <= 0) return 1;
  let term = Math.exp(-lambda);
  let below = term;
  for (let k = 1; k < n; k += 1) {
    term *= lambda / k;
    below += term;
  }
  return Math.max(0, 1 - below);
}

function detectPlaces(facts: readonly TicketFact[], now: Date, t: Thresholds["place"]): Detection[] {
  const start = new Date(now.getTime() - t.windowDays * DAY_MS);
  const baselineStart = new Date(start.getTime() - t.baselineWeeks * 7 * DAY_MS);
  const byPlace = groupBy(
    facts.filter((f) => f.createdAt > baselineStart),
    (f) => {
      const village = pathAtDepth(f.regionPath, VILLAGE_DEPTH);
      return village ? `${village}|${f.category}` : null;
    },
  );
  // The township's tickets of each category over the baseline, and how many villages it has (seen), for the village's share.
  const townshipPast = new Map<string, number>();
  const villagesSeen = new Map<string, Set<string>>();
  for (const f of facts) {
    if (f.createdAt <= baselineStart) continue;
    const township = townshipPathOf(f.regionPath);
    if (!township) continue;
    const village = pathAtDepth(f.regionPath, VILLAGE_DEPTH);
    if (village) (villagesSeen.get(township) ?? villagesSeen.set(township, new Set()).get(township)!).add(village);
    if (f.createdAt <= start) townshipPast.set(`${township}|${f.category}`, (townshipPast.get(`${township}|${f.category}`) ?? 0) + 1);
  }
  const windowsInBaseline = (t.baselineWeeks * 7) / t.windowDays;
  const out: Detection[] = [];
  for (const [placeKey, group] of byPlace) {
    const recent = group.filter((f) => f.createdAt > start).sort(byTime);
    const applicants = distinct(recent, (f) => f.applicantKey);
    if (applicants < t.minApplicants) continue;
    const [villagePath, category] = placeKey.split("|");
    const township = townshipPathOf(villagePath)!;
    const own = (group.length - recent.length) / windowsInBaseline;
    const share = (townshipPast.get(`${township}|${category}`) ?? 0) / windowsInBaseline / Math.max(1, villagesSeen.get(township)?.size ?? 1);
    // What the village usually has in a window: its own past or its share of the township's, whichever is more (a quiet village's past is noisy).
    const expected = Math.max(own, share, 0.25);
    const pValue = poissonTail(applicants, expected);
    if (pValue > t.maxPValue) continue;
    const path = villagePath;
    out.push({
      kind: "place",
      key: `place:${lastCode(path)}:${category}`,
      regionCode: lastCode(path),
      regionPath: path,
      category,
      counterpartyKey: null,
      counterpartyName: null,
      windowStart: start,
      windowEnd: now,
      ticketIds: recent.map((f) => f.id),
      ticketCount: recent.length,
      applicantCount: applicants,
      baseline: { mean: round(expected), stdev: 0, z: null, p: Number(pValue.toPrecision(3)) },
      severity: applicants >= t.highApplicants ? "high" : "medium",
    });
  }
  return out;
}

function detectSpikes(facts: readonly TicketFact[], now: Date, t: Thresholds["spike"]): Detection[] {
  const periodMs = t.recentDays * DAY_MS;
  const start = new Date(now.getTime() - periodMs);
  const baselineStart = new Date(start.getTime() - t.baselineWeeks * periodMs);
  const byTownship = groupBy(
    facts.filter((f) => f.createdAt > baselineStart),
    (f) => {
      const township = townshipPathOf(f.regionPath);
      return township ? `${township}|${f.category}` : null;
    },
  );
  const out: Detection[] = [];
  for (const [groupKey, group] of byTownship) {
    const recent = group.filter((f) => f.createdAt > start).sort(byTime);
    if (recent.length < t.minCount) continue;
    const weeks = new Array<number>(t.baselineWeeks).fill(0);
    for (const f of group) {
      if (f.createdAt > start) continue;
      const index = Math.floor((start.getTime() - f.createdAt.getTime()) / periodMs);
      if (index >= 0 && index < t.baselineWeeks) weeks[index] += 1;
    }
    const m = mean(weeks);
    const s = stdev(weeks);
    // The spread is floored by Poisson's (√mean) and by 1, so a flat, quiet baseline does not make every bump a spike.
    const z = (recent.length - m) / Math.max(s, Math.sqrt(m), 1);
    if (z < t.minZ || recent.length < t.minRatio * m) continue;
    const pValue = poissonTail(recent.length, Math.max(m, s * s, 0.5));
    if (pValue > t.maxPValue) continue;
    const [path, category] = groupKey.split("|");
    out.push({
      kind: "spike",
      key: `spike:${lastCode(path)}:${category}`,
      regionCode: lastCode(path),
      regionPath: path,
      category,
      counterpartyKey: null,
      counterpartyName: null,
      windowStart: start,
      windowEnd: now,
      ticketIds: recent.map((f) => f.id),
      ticketCount: recent.length,
      applicantCount: distinct(recent, (f) => f.applicantKey),
      baseline: { mean: round(m), stdev: round(s), z: round(z), p: Number(pValue.toPrecision(3)) },
      severity: z >= t.highZ ? "high" : "medium",
    });
  }
  return out;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Thresholds from partial overrides (an admin's settings, a test's), the defaults elsewhere. */
export function thresholdsWith(overrides: { [K in keyof Thresholds]?: Partial<Thresholds[K]> } = {}): Thresholds {
  return {
    counterparty: { ...DEFAULT_THRESHOLDS.counterparty, ...overrides.counterparty },
    place: { ...DEFAULT_THRESHOLDS.place, ...overrides.place },
    spike: { ...DEFAULT_THRESHOLDS.spike, ...overrides.spike },
  };
}

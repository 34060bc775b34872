/**
 * A generated ticket history with planted clusters, to measure the detector's
 * precision and recall (docs/early-warning.md). Seeded and pure: the same seed
 * and size give the same history, so a test can hold the figures to floors.
 *
 * Background: a region tree (counties → townships → villages); each township a
 * rate of tickets per week (from 2 to ~25), spread over its villages and itself;
 * categories with their weights and seasons (wage arrears before the Spring
 * Festival, land disputes at harvest, family disputes after the holiday); about
 * a third of the tickets name a counterparty drawn from a large pool, written in
 * varying ways; one ticket in eight is a person coming back.
 *
 * Planted in the evaluation period: an employer named by 5–12 people within two
 * weeks (across one to three townships of a county), a village's burst of land
 * disputes (6–12 in ten days), and a township's category spike (5√μ+2 extra
 * tickets in a week, at least 8, μ being its usual weekly count there).
 */
import { counterpartyKey } from "./counterparty-key.ts";
import { detectClusters, lookbackDays, DEFAULT_THRESHOLDS, type AlertKind, type Detection, type TicketFact, type Thresholds } from "./early-warning.detect.ts";

export type HistorySize = { counties: number; townshipsPerCounty: number; villagesPerTownship: number; days: number; evaluationDays: number; plantedPerKind: number };

export const SMALL_HISTORY: HistorySize = { counties: 3, townshipsPerCounty: 6, villagesPerTownship: 5, days: 200, evaluationDays: 100, plantedPerKind: 4 };

export type PlantedCluster = { kind: AlertKind; label: string; ticketIds: string[] };
export type History = { facts: TicketFact[]; planted: PlantedCluster[]; start: Date; end: Date; evaluationStart: Date };

const DAY_MS = 86_400_000;

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k += 1;
    p *= random();
  } while (p > limit);
  return k - 1;
}
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Category, share of tickets, season (peak day of year, width in days, extra at the peak). */
const CATEGORIES: { name: string; weight: number; peak?: number; width?: number; lift?: number; hasCounterparty: number }[] = [
  // Wage arrears peak in the weeks before the Spring Festival (late January to mid February).
  { name: "劳动争议", weight: 0.16, peak: 25, width: 25, lift: 1.2, hasCounterparty: 0.85 },
  { name: "婚姻家庭", weight: 0.16, peak: 55, width: 20, lift: 0.4, hasCounterparty: 0 },
  { name: "邻里", weight: 0.14, hasCounterparty: 0 },
  // Land disputes at the autumn harvest.
  { name: "山林土地", weight: 0.08, peak: 270, width: 25, lift: 1, hasCounterparty: 0.1 },
  { name: "房屋宅基地", weight: 0.08, hasCounterparty: 0.1 },
  { name: "合同", weight: 0.1, hasCounterparty: 0.7 },
  { name: "借贷", weight: 0.08, hasCounterparty: 0.6 },
  { name: "消费", weight: 0.06, hasCounterparty: 0.8 },
  { name: "交通事故", weight: 0.05, hasCounterparty: 0.3 },
  { name: "物业", weight: 0.04, hasCounterparty: 0.9 },
  { name: "其他", weight: 0.05, hasCounterparty: 0.2 },
];
const CHANNELS = ["window", "hotline", "portal", "upstream"] as const;
const SERVICE_TYPES = ["consultation", "mediation", "legal_aid", "complaint"] as const;
const NAME_PARTS_A = ["鑫", "宏", "华", "盛", "恒", "瑞", "泰", "兴", "隆", "达", "丰", "源", "祥", "安", "嘉", "联", "金", "银", "新", "永", "佳", "德", "荣", "博"];
const NAME_PARTS_B = ["建筑", "建材", "物流", "餐饮", "农业", "矿业", "电子", "纺织", "服装", "食品", "装饰", "劳务", "运输", "置业", "商贸", "机械", "化工", "医药"];
const NAME_PLACES = ["四川", "四川省", "绵阳", "绵阳市", "三台", "三台县", "成都", "德阳市", ""];
/** The deployment's cities and counties, as the scan takes them from the region tree (placeShortName). */
export const GENERATED_PLACES = ["绵阳", "三台", "成都", "德阳"];
const NAME_FORMS = ["有限公司", "有限责任公司", "公司", "", "股份有限公司"];

const dayOfYear = (d: Date) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
/** The seasonal multiplier of a category on a day (a Gaussian bump around its peak, wrapping the year). */
function season(category: (typeof CATEGORIES)[number], day: number): number {
  if (!category.peak) return 1;
  const distance = Math.min(Math.abs(day - category.peak), 365 - Math.abs(day - category.peak));
  return 1 + category.lift! * Math.exp(-((distance / category.width!) ** 2));
}

/** A counterparty's name as one person writes it: with or without the place, a legal form, spaces. */
function variant(random: () => number, core: string): string {
  const place = random() < 0.5 ? pick(random, NAME_PLACES) : "";
  const form = pick(random, NAME_FORMS);
  const spaced = random() < 0.15 ? `${core.slice(0, 2)} ${core.slice(2)}` : core;
  return `${place}${spaced}${form}`;
}

type Township = { code: string; path: string; villages: string[]; weeklyRate: number; county: number };

/** The history: background tickets and the planted clusters, facts sorted by time. */
export function generateHistory(seed: number, size: HistorySize = SMALL_HISTORY, end = new Date("2027-03-01T00:00:00+08:00")): History {
  const random = seededRandom(seed);
  const start = new Date(end.getTime() - size.days * DAY_MS);
  const evaluationStart = new Date(end.getTime() - size.evaluationDays * DAY_MS);
  const townships: Township[] = [];
  for (let c = 0; c < size.counties; c += 1) {
    const county = `51${String(7 + Math.floor(c / 90)).padStart(2, "0")}${String((c % 90) + 10).padStart(2, "0")}`;
    for (let t = 0; t < size.townshipsPerCounty; t += 1) {
      const code = `${county}${String(t + 100).padStart(3, "0")}`;
      const path = `/510000/${county.slice(0, 4)}00/${county}/${code}/`;
      const villages = Array.from({ length: size.villagesPerTownship }, (_, v) => `${path}${code}${String(v + 200).padStart(3, "0")}/`);
      // Township sizes vary: 2 to about 25 tickets a week.
      townships.push({ code, path, villages, weeklyRate: 2 + 23 * random() ** 2, county: c });
    }
  }
  // A large pool of businesses people name (two characters + trade), plus private persons.
  const pool = new Set<string>();
  while (pool.size < 4000) pool.add(`${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_B)}`);
  for (let i = 0; pool.size < 20000; i += 1) pool.add(`${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_B)}`);
  const names = [...pool];

  const facts: TicketFact[] = [];
  let serial = 0;
  const recentApplicants = new Map<string, string[]>();
  const newFact = (at: Date, regionPath: string, category: string, counterpartyName: string | null, applicantKey?: string): TicketFact => {
    serial += 1;
    const township = regionPath.split("/").filter(Boolean).slice(0, 4).join("/");
    const seen = recentApplicants.get(township) ?? [];
    // One ticket in eight is someone who came before (a repeat caller, the same dispute again).
    const applicant = applicantKey ?? (seen.length > 0 && random() < 0.125 ? pick(random, seen) : `p${seed}-${serial}`);
    if (!applicantKey) {
      seen.push(applicant);
      if (seen.length > 200) seen.shift();
      recentApplicants.set(township, seen);
    }
    return {
      id: `g${seed}-${String(serial).padStart(7, "0")}`,
      createdAt: at,
      regionCode: regionPath.split("/").filter(Boolean).at(-1)!,
      regionPath,
      category,
      serviceType: pick(random, SERVICE_TYPES),
      channel: pick(random, CHANNELS),
      counterpartyKey: counterpartyKey(counterpartyName, GENERATED_PLACES),
      counterpartyName,
      applicantKey: applicant,
    };
  };
  const placeOf = (t: Township) => (random() < 0.3 ? t.path : pick(random, t.villages));
  const momentIn = (dayStart: number) => new Date(dayStart + (8 + random() * 10) * 3_600_000);

  for (let d = 0; d < size.days; d += 1) {
    const dayStart = start.getTime() + d * DAY_MS;
    const doy = dayOfYear(new Date(dayStart + 8 * 3_600_000));
    for (const t of townships) {
      for (const category of CATEGORIES) {
        const n = poisson(random, (t.weeklyRate / 7) * category.weight * season(category, doy));
        for (let i = 0; i < n; i += 1) {
          const name = random() < category.hasCounterparty ? variant(random, pick(random, names)) : null;
          facts.push(newFact(momentIn(dayStart), placeOf(t), category.name, name));
        }
      }
    }
  }

  const planted: PlantedCluster[] = [];
  const evalSpan = size.evaluationDays - 20;
  const plantedStart = () => evaluationStart.getTime() + (5 + Math.floor(random() * evalSpan)) * DAY_MS;
  for (let k = 0; k < size.plantedPerKind; k += 1) {
    // (a) An employer (a name no background ticket uses) named by 5–12 workers within 14 days.
    const core = `${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_A)}${pick(random, NAME_PARTS_A)}劳务`;
    const county = Math.floor(random() * size.counties);
    const local = townships.filter((t) => t.county === county);
    const spread = local.slice(0, 1 + Math.floor(random() * Math.min(3, local.length)));
    const workers = 5 + Math.floor(random() * 8);
    const begin = plantedStart();
    const ids: string[] = [];
    for (let i = 0; i < workers; i += 1) {
      const at = momentIn(begin + Math.floor(random() * 14) * DAY_MS);
      const f = newFact(at, placeOf(pick(random, spread)), random() < 0.8 ? "劳动争议" : "合同", variant(random, core), `w${seed}-${k}-${i}`);
      facts.push(f);
      ids.push(f.id);
      // Some workers call twice.
      if (random() < 0.2) {
        const again = newFact(new Date(at.getTime() + DAY_MS), f.regionPath, f.category, variant(random, core), f.applicantKey);
        facts.push(again);
        ids.push(again.id);
      }
    }
    planted.push({ kind: "counterparty", label: core, ticketIds: ids });
  }
  for (let k = 0; k < size.plantedPerKind; k += 1) {
    // (b) A village's burst of land disputes: 6–12 households within 10 days.
    const t = pick(random, townships);
    const village = pick(random, t.villages);
    const begin = plantedStart();
    const ids: string[] = [];
    const households = 6 + Math.floor(random() * 7);
    for (let i = 0; i < households; i += 1) {
      const f = newFact(momentIn(begin + Math.floor(random() * 10) * DAY_MS), village, "山林土地", null, `h${seed}-${k}-${i}`);
      facts.push(f);
      ids.push(f.id);
    }
    planted.push({ kind: "place", label: `${village}山林土地`, ticketIds: ids });
  }
  for (let k = 0; k < size.plantedPerKind; k += 1) {
    // (c) A township's category spike: 5√μ+2 extra tickets (at least 8) within 7 days, spread over the township.
    const t = pick(random, townships);
    const category = pick(random, CATEGORIES.filter((c) => ["劳动争议", "婚姻家庭", "邻里", "合同", "借贷"].includes(c.name)));
    const begin = plantedStart();
    const usual = t.weeklyRate * category.weight * season(category, dayOfYear(new Date(begin)));
    const extra = Math.max(8, Math.round(5 * Math.sqrt(usual) + 2));
    const ids: string[] = [];
    for (let i = 0; i < extra; i += 1) {
      const f = newFact(momentIn(begin + Math.floor(random() * 7) * DAY_MS), placeOf(t), category.name, null, `s${seed}-${k}-${i}`);
      facts.push(f);
      ids.push(f.id);
    }
    planted.push({ kind: "spike", label: `${t.code}${category.name}`, ticketIds: ids });
  }
  facts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return { facts, planted, start, end, evaluationStart };
}

export type Evaluation = {
  planted: number;
  alerts: number;
  truePositives: number;
  recalled: number;
  precision: number;
  recall: number;
  byKind: Record<AlertKind, { planted: number; recalled: number; alerts: number; truePositives: number }>;
  /** Mean time of one detector run over the lookback (ms). */
  scanMs: number;
  scans: number;
};

type Alert = { kind: AlertKind; key: string; ticketIds: Set<string>; lastSeen: number };

/**
 * Runs the detector as the scheduler would — once every `everyDays` over the
 * evaluation period — merging each cluster's detections into one alert while it
 * keeps being found (as the scan's live alert takes new tickets), then matches
 * alerts to planted clusters. An alert matches a cluster when at least 3 of its
 * tickets, and at least half of them, are that cluster's. Precision: alerts that
 * match some cluster / alerts. Recall: clusters some alert matches / clusters.
 */
export function evaluateDetector(history: History, thresholds: Thresholds = DEFAULT_THRESHOLDS, everyDays = 1): Evaluation {
  const { facts } = history;
  const lookbackMs = lookbackDays(thresholds) * DAY_MS;
  const alerts: Alert[] = [];
  const live = new Map<string, Alert>();
  let scans = 0;
  let spent = 0;
  let from = 0;
  let to = 0;
  for (let t = history.evaluationStart.getTime() + everyDays * DAY_MS; t <= history.end.getTime(); t += everyDays * DAY_MS) {
    while (from < facts.length && facts[from].createdAt.getTime() <= t - lookbackMs) from += 1;
    while (to < facts.length && facts[to].createdAt.getTime() <= t) to += 1;
    const started = performance.now();
    const detections: Detection[] = detectClusters(facts.slice(from, to), new Date(t), thresholds);
    spent += performance.now() - started;
    scans += 1;
    for (const d of detections) {
      const current = live.get(d.key);
      // A cluster not found for longer than its window has ended; found again later it is a new alert.
      if (current && t - current.lastSeen <= Math.max(thresholds.counterparty.windowDays, thresholds.place.windowDays) * DAY_MS) {
        for (const id of d.ticketIds) current.ticketIds.add(id);
        current.lastSeen = t;
      } else {
        const alert = { kind: d.kind, key: d.key, ticketIds: new Set(d.ticketIds), lastSeen: t };
        alerts.push(alert);
        live.set(d.key, alert);
      }
    }
  }
  const clusterOf = new Map<string, number>();
  history.planted.forEach((c, i) => c.ticketIds.forEach((id) => clusterOf.set(id, i)));
  const recalled = new Set<number>();
  let truePositives = 0;
  const kinds = ["counterparty", "place", "spike"] as const;
  const byKind = Object.fromEntries(kinds.map((k) => [k, { planted: history.planted.filter((c) => c.kind === k).length, recalled: 0, alerts: 0, truePositives: 0 }])) as Evaluation["byKind"];
  for (const alert of alerts) {
    byKind[alert.kind].alerts += 1;
    const counts = new Map<number, number>();
    for (const id of alert.ticketIds) {
      const c = clusterOf.get(id);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const matched = [...counts].filter(([, n]) => n >= 3 && n * 2 >= alert.ticketIds.size).map(([c]) => c);
    if (matched.length > 0) {
      truePositives += 1;
      byKind[alert.kind].truePositives += 1;
      for (const c of matched) recalled.add(c);
    }
  }
  for (const c of recalled) byKind[history.planted[c].kind].recalled += 1;
  return {
    planted: history.planted.length,
    alerts: alerts.length,
    truePositives,
    recalled: recalled.size,
    precision: alerts.length ? truePositives / alerts.length : 1,
    recall: history.planted.length ? recalled.size / history.planted.length : 1,
    byKind,
    scanMs: scans ? spent / scans : 0,
    scans,
  };
}

/**
 * The detector's precision and recall on generated history with planted clusters
 * (generate-history.ts), on fixed seeds, with the scan run daily over the
 * evaluation period as the scheduler would. The floors are set just under what
 * was measured (docs/early-warning.md): a change that makes the detector noisier
 * or blinder fails here.
 */
import { describe, expect, it } from "vitest";
import { evaluateDetector, generateHistory, SMALL_HISTORY } from "./generate-history.ts";

const SEEDS = [1, 2, 3, 4, 5];

describe("early warning on generated history", () => {
  it("generates the same history for the same seed, with the clusters planted in the evaluation period", () => {
    const a = generateHistory(7, { ...SMALL_HISTORY, counties: 1, days: 80, evaluationDays: 40 });
    const b = generateHistory(7, { ...SMALL_HISTORY, counties: 1, days: 80, evaluationDays: 40 });
    expect(a.facts.length).toBe(b.facts.length);
    expect(a.facts.slice(0, 50)).toEqual(b.facts.slice(0, 50));
    expect(a.planted.map((c) => c.kind)).toEqual([...Array(4).fill("counterparty"), ...Array(4).fill("place"), ...Array(4).fill("spike")]);
    const byId = new Map(a.facts.map((f) => [f.id, f]));
    for (const cluster of a.planted) {
      expect(cluster.ticketIds.length).toBeGreaterThanOrEqual(5);
      for (const id of cluster.ticketIds) expect(byId.get(id)!.createdAt.getTime()).toBeGreaterThanOrEqual(a.evaluationStart.getTime());
    }
    // Counterparty clusters are written in several ways: the detector must fold them.
    expect(new Set(a.planted[0].ticketIds.map((id) => byId.get(id)!.counterpartyName)).size).toBeGreaterThan(1);
  });

  it("finds the planted clusters (recall ≥ 0.95) with few false alarms (precision ≥ 0.8), pooled over five seeds", () => {
    let alerts = 0;
    let truePositives = 0;
    let planted = 0;
    let recalled = 0;
    for (const seed of SEEDS) {
      const e = evaluateDetector(generateHistory(seed, SMALL_HISTORY));
      alerts += e.alerts;
      truePositives += e.truePositives;
      planted += e.planted;
      recalled += e.recalled;
      // No seed is far off the pooled figures.
      expect(e.recall, `seed ${seed}`).toBeGreaterThanOrEqual(0.9);
      expect(e.precision, `seed ${seed}`).toBeGreaterThanOrEqual(0.75);
    }
    expect(planted).toBe(60);
    expect(recalled / planted).toBeGreaterThanOrEqual(0.95);
    expect(truePositives / alerts).toBeGreaterThanOrEqual(0.8);
  }, 60_000);
});

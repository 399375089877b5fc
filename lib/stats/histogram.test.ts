import { describe, expect, it } from "vitest";
import { bucketLowerSeconds, bucketOfSeconds, histogramPercentile } from "./histogram";

/** percentile_cont over raw values, for comparison. */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo]! + (rank - lo) * ((s[Math.ceil(rank)] ?? s[lo]!) - s[lo]!);
}

function histogramOf(values: number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const v of values) map.set(bucketOfSeconds(v), (map.get(bucketOfSeconds(v)) ?? 0) + 1);
  return map;
}

describe("turnaround histograms", () => {
  it("puts every value inside its bucket's bounds", () => {
    for (const seconds of [0, 1, 59, 60, 3599, 3600, 86_400, 7 * 86_400, 90 * 86_400]) {
      const b = bucketOfSeconds(seconds);
      expect(bucketLowerSeconds(b)).toBeLessThanOrEqual(seconds + 1e-6);
      expect(bucketLowerSeconds(b + 1)).toBeGreaterThan(seconds);
    }
  });

  it("gives the median and 90th percentile within the bucket width (about 9 %) of the exact values", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 50 + Math.floor(rand() * 2000) }, () => Math.floor(3600 + rand() * rand() * 120 * 3600));
      const histogram = histogramOf(values);
      for (const p of [0.5, 0.9]) {
        const got = histogramPercentile(histogram, p)!;
        expect(Math.abs(got - exact(values, p)) / exact(values, p)).toBeLessThan(0.1);
      }
    }
  });

  it("has no percentile without decisions, and adds months up bucket by bucket", () => {
    expect(histogramPercentile(new Map(), 0.5)).toBeNull();
    const a = [3600, 7200, 10_800];
    const b = [36_000, 72_000];
    const merged = new Map(histogramOf(a));
    for (const [k, n] of histogramOf(b)) merged.set(k, (merged.get(k) ?? 0) + n);
    expect(histogramPercentile(merged, 0.5)).toEqual(histogramPercentile(histogramOf([...a, ...b]), 0.5));
  });
});

// Turnaround histograms: bucket b holds waits between 2^(b/8) − 1 and 2^((b+1)/8) − 1 minutes.
// Histograms of months add up, so a percentile over any range of months is one sum away; the
// price is resolution — within a bucket the value is interpolated, at most about 9 % off.

/** SQL that buckets a number of seconds; the rollup and its recomputation both use it, so they agree exactly. */
export const BUCKET_SQL = (seconds: string) => `floor(8 * log(2, 1 + greatest(${seconds}, 0)::numeric / 60))::int`;

export function bucketLowerSeconds(bucket: number): number {
  return (2 ** (bucket / 8) - 1) * 60;
}

/**
 * The p-th percentile (0–1) as percentile_cont would give it over the raw values, with every
 * value spread evenly over its bucket. Null for an empty histogram.
 */
export function histogramPercentile(buckets: ReadonlyMap<number, number> | readonly [number, number][], p: number): number | null {
  const sorted = [...(buckets instanceof Map ? buckets.entries() : (buckets as [number, number][]))].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1); // 0-based, as percentile_cont
  let seen = 0;
  for (const [bucket, n] of sorted) {
    if (rank < seen + n) {
      const lower = bucketLowerSeconds(bucket);
      const upper = bucketLowerSeconds(bucket + 1);
      // The n values sit at the centres of n equal slices of the bucket.
      return lower + ((rank - seen + 0.5) / n) * (upper - lower);
    }
    seen += n;
  }
  const last = sorted.at(-1)![0];
  return bucketLowerSeconds(last + 1);
}

export function bucketOfSeconds(seconds: number): number {
  return Math.floor(8 * Math.log2(1 + Math.max(seconds, 0) / 60));
}

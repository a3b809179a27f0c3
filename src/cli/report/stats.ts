/** Small statistics for latency samples. */

/**
 * The `p`-th percentile (0 to 100) by nearest rank: always one of the samples, never an
 * interpolation, so "p99 = 4.1 ms" means some request really took 4.1 ms.
 * Returns `NaN` for no samples.
 *
 * @example
 * percentile([5, 1, 3], 50); // 3
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return nearestRank(sorted, p);
}

/** {@link percentile} on samples already sorted ascending (no copy: for large benchmark arrays). */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const clamped = Math.min(100, Math.max(0, p));
  const rank = Math.ceil((clamped / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/** Formats milliseconds for a table: `NaN` as `-`, small values with more precision. */
export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return '-';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

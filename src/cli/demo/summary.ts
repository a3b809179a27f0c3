/**
 * What the demo measured, reduced to numbers: requests by served tier, race outcomes, latency
 * percentiles per mode, and cost at list prices. Pure: observations in, summary out.
 */
import { costUsd, defaultCatalog, type Catalog } from '../../core/catalog/index.js';
import { percentile } from '../report/stats.js';
import type { Observation } from './send.js';

/** One latency row: a mode (streaming or whole) in the routed run and the baseline run. */
export interface LatencyRow {
  mode: 'streaming' | 'whole';
  routed: { p50: number; p95: number; count: number };
  baseline: { p50: number; p95: number; count: number };
}

/** Demo results. */
export interface DemoSummary {
  total: number;
  failed: number;
  /** Served tier → requests, most first; failures without a tier count as `(failed)`. */
  byTier: [tier: string, count: number][];
  /** Race outcome (`committed`, `fallback:timeout`, …) → requests and median flex wait, racing requests only. */
  byRace: { race: string; count: number; medianFlexWaitMs: number }[];
  latency: LatencyRow[];
  cost: { routedUsd: number; allStandardUsd: number; savedUsd: number; baselineRunUsd: number };
  /** Error messages of failed requests, deduplicated, with counts. */
  errors: [message: string, count: number][];
}

/** Summarises the routed run next to its all-`default` baseline run. */
export function summarise(routed: readonly Observation[], baseline: readonly Observation[], catalog: Catalog = defaultCatalog): DemoSummary {
  const raced = routed.filter((o) => o.race !== 'none' && o.race !== '');
  return {
    total: routed.length,
    failed: routed.filter((o) => !o.ok).length,
    byTier: countBy(routed, (o) => o.tier || '(failed)'),
    byRace: countBy(raced, (o) => o.race).map(([race, count]) => ({
      race,
      count,
      medianFlexWaitMs: percentile(raced.filter((o) => o.race === race).map((o) => o.flexWaitMs), 50),
    })),
    latency: (['streaming', 'whole'] as const).map((mode) => ({ mode, routed: latencyOf(routed, mode), baseline: latencyOf(baseline, mode) })),
    cost: costOf(routed, baseline, catalog),
    errors: countBy(routed.filter((o) => !o.ok), (o) => o.error ?? 'unknown error'),
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function latencyOf(observations: readonly Observation[], mode: LatencyRow['mode']): LatencyRow['routed'] {
  const samples = observations.filter((o) => o.ok && o.item.stream === (mode === 'streaming') && !Number.isNaN(o.firstTokenMs)).map((o) => o.firstTokenMs);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), count: samples.length };
}

function costOf(routed: readonly Observation[], baseline: readonly Observation[], catalog: Catalog): DemoSummary['cost'] {
  let routedUsd = 0;
  let allStandardUsd = 0;
  for (const o of routed) {
    const prices = o.usage && catalog.lookup(o.item.model)?.entry?.prices;
    if (!o.usage || !prices) continue;
    routedUsd += costUsd(o.usage, prices, o.tier === 'flex' ? 'flex' : 'standard');
    allStandardUsd += costUsd(o.usage, prices, 'standard');
  }
  let baselineRunUsd = 0;
  for (const o of baseline) {
    const prices = o.usage && catalog.lookup(o.item.model)?.entry?.prices;
    if (o.usage && prices) baselineRunUsd += costUsd(o.usage, prices, 'standard');
  }
  return { routedUsd, allStandardUsd, savedUsd: allStandardUsd - routedUsd, baselineRunUsd };
}

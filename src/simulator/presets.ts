/**
 * Ready-made pool settings. `realisticPools` is a starting point for the demo and the
 * benchmarks: a flex pool that is cheaper and busier (small capacity, long-tailed start, some
 * 429s and rare failures) beside a steady standard pool. Numbers are illustrative, not measured.
 */
import type { PoolSet } from './types.js';

export const realisticPools: PoolSet = {
  flex: {
    capacity: 8,
    queue: true,
    startDelayMs: { distribution: 'exponential', meanMs: 2500 },
    rate429: 0.1,
    rate503: 0.01,
    inbandErrorRate: 0.01,
    cutAfterStartRate: 0.005,
    tokensPerSecond: 60,
    outputTokens: { min: 40, max: 200 },
  },
  standard: {
    startDelayMs: { min: 200, max: 700 },
    rate429: 0.001,
    tokensPerSecond: 80,
    outputTokens: { min: 40, max: 200 },
  },
  priority: {
    startDelayMs: { min: 100, max: 300 },
    tokensPerSecond: 120,
    outputTokens: { min: 40, max: 200 },
  },
};

/**
 * The named pool settings `flexroute simulator --preset` and `flexroute serve --simulate` offer:
 * - `realistic`: {@link realisticPools} (the default);
 * - `instant`: every pool healthy and instant, for trying requests and measuring overhead;
 * - `outage`: flex refuses everything with 503 (every race moves up to standard at once);
 * - `slow-flex`: flex starts after 20 s on average, so short windows time out and long ones wait.
 */
export const SIMULATOR_PRESETS: Readonly<Record<string, PoolSet>> = {
  realistic: realisticPools,
  instant: {},
  outage: { ...realisticPools, flex: { ...realisticPools.flex, rate429: 0, rate503: 1 } },
  'slow-flex': { ...realisticPools, flex: { ...realisticPools.flex, startDelayMs: { distribution: 'exponential', meanMs: 20_000 } } },
};

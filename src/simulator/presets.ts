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

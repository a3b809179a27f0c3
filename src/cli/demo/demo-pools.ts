/**
 * The simulated provider the demo routes to: a busy flex pool beside a fast standard pool.
 * Flex mostly starts within a few hundred ms, but it is small (a full pool answers 429 at once,
 * as OpenAI's flex does), sometimes refuses, and a slow-start tail overruns the 5 s window, so
 * every path of the race shows up in one short run. Numbers are illustrative, not measured.
 */
import type { PoolSet, ScriptedBehavior, SimRequest } from '../../simulator/index.js';
import { seededRandom } from './random.js';

/** Share of flex requests caught in the slow-start tail. */
export const SLOW_TAIL_SHARE = 0.08;
/** Start delay of the slow tail: past a 5 s window, sometimes past a 10 s one. */
export const SLOW_TAIL_DELAY_MS = { min: 6_000, max: 11_000 };

const OUTPUT = { tokensPerSecond: 150, outputTokens: { min: 20, max: 60 } };

export const DEMO_POOLS: PoolSet = {
  flex: {
    capacity: 7,
    queue: false,
    startDelayMs: { distribution: 'exponential', meanMs: 400 },
    rate429: 0.04,
    rate503: 0.03,
    ...OUTPUT,
  },
  standard: { startDelayMs: { min: 150, max: 350 }, ...OUTPUT },
  priority: { startDelayMs: { min: 60, max: 150 }, ...OUTPUT },
};

/** Puts a seeded share of flex requests into the slow-start tail (the exponential alone rarely reaches 5 s). */
export function slowTailScript(seed: number): (req: SimRequest) => ScriptedBehavior | undefined {
  return (req) => {
    if (req.tier !== 'flex') return undefined;
    const random = seededRandom(seed * 7_919 + req.id);
    if (random() >= SLOW_TAIL_SHARE) return undefined;
    const { min, max } = SLOW_TAIL_DELAY_MS;
    return { startDelayMs: min + Math.floor(random() * (max - min)) };
  };
}

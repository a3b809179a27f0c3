/**
 * Turns a pool's knobs, the script's override and the request's seeded PRNG into one plan:
 * what will happen to this request and when. Pure: same inputs, same plan.
 */
import { chance, exponential, intBetween, type Rng } from './random.js';
import type { CountSpec, DelaySpec, PoolKnobs, ReplayTranscript, ScriptedBehavior, ScriptedOutcome } from './types.js';

/** Everything decided about one request before it runs. */
export interface Plan {
  outcome: ScriptedOutcome;
  /** Send one malformed event after start. */
  malformed: boolean;
  /** Content events before the cut / stall / malformed event; `undefined` → use `failureDraw`. */
  afterContentEvents: number | undefined;
  /** A uniform draw that places the failure point when no count was scripted. */
  failureDraw: number;
  startDelayMs: number;
  /** Milliseconds between tokens (0 = unpaced). */
  msPerToken: number;
  outputTokens: CountSpec | undefined;
  queue: boolean;
  toolCall: boolean | undefined;
  replay: ReplayTranscript | undefined;
  respond: ScriptedBehavior['respond'];
}

/** Knob values used when neither the pool nor the script sets them. */
const DEFAULT_KNOBS: Required<Pick<PoolKnobs, 'queue' | 'startDelayMs' | 'tokensPerSecond'>> = {
  queue: true,
  startDelayMs: 0,
  tokensPerSecond: 0,
};

/** Failures before start, in draw order: the first hit wins. */
const PRE_START: Array<[keyof PoolKnobs, ScriptedOutcome]> = [
  ['resetRate', 'reset'],
  ['rate429', 'status_429'],
  ['rate503', 'status_503'],
  ['inbandErrorRate', 'inband_error'],
];

/** Failures after start, in draw order: the first hit wins. */
const AFTER_START: Array<[keyof PoolKnobs, ScriptedOutcome]> = [
  ['cutAfterStartRate', 'cut_after_start'],
  ['stallAfterStartRate', 'stall_after_start'],
];

/** Pool knobs with the script's defined fields laid over them. */
export function mergeKnobs(pool: PoolKnobs | undefined, override: ScriptedBehavior | undefined): PoolKnobs {
  const merged: PoolKnobs = { ...pool };
  for (const [key, value] of Object.entries(override ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Draws one delay. Always consumes exactly one draw, so the draws after it do not shift. */
export function drawDelay(rng: Rng, spec: DelaySpec | undefined): number {
  const value = rng();
  const single: Rng = () => value;
  if (spec === undefined) return 0;
  if (typeof spec === 'number') return Math.max(0, spec);
  if ('distribution' in spec) return Math.max(0, exponential(single, spec.meanMs));
  return Math.max(0, intBetween(single, spec.min, spec.max));
}

/**
 * Decides a request's fate. Every call consumes the same number of draws whatever the knobs,
 * so changing one rate does not reshuffle the other decisions of a seeded run.
 */
export function makePlan(rng: Rng, pool: PoolKnobs | undefined, script: ScriptedBehavior | undefined): Plan {
  const knobs = { ...DEFAULT_KNOBS, ...mergeKnobs(pool, script) };
  const preStart = PRE_START.map(([knob, outcome]) => (chance(rng, knobs[knob] as number) ? outcome : undefined));
  const afterStart = AFTER_START.map(([knob, outcome]) => (chance(rng, knobs[knob] as number) ? outcome : undefined));
  const malformed = chance(rng, knobs.malformedRate);
  const startDelayMs = drawDelay(rng, knobs.startDelayMs);
  const failureDraw = rng();
  const drawn = preStart.find((o) => o !== undefined) ?? afterStart.find((o) => o !== undefined) ?? 'complete';
  const tps = knobs.tokensPerSecond;
  return {
    outcome: script?.outcome ?? drawn,
    malformed: script?.malformed ?? malformed,
    afterContentEvents: script?.afterContentEvents,
    failureDraw,
    startDelayMs,
    msPerToken: tps > 0 && Number.isFinite(tps) ? 1000 / tps : 0,
    outputTokens: knobs.outputTokens,
    queue: knobs.queue,
    toolCall: script?.toolCall,
    replay: script?.replay,
    respond: script?.respond,
  };
}

/**
 * After how many of `contentEvents` the failure happens: the scripted count, else drawn in
 * [1, contentEvents − 1] so some content is sent and some is not (1 when there is only one).
 */
export function failurePoint(plan: Plan, contentEvents: number): number {
  if (plan.afterContentEvents !== undefined) return Math.max(0, plan.afterContentEvents);
  if (contentEvents <= 1) return 1;
  return 1 + Math.floor(plan.failureDraw * (contentEvents - 1));
}

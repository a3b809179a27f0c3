/**
 * Pure parts: the seeded PRNG, the per-request plan and the generated text. Same inputs give
 * the same result; rates of 0 and 1 mean never and always; failure points land inside content.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failurePoint, makePlan } from '../../src/simulator/plan.js';
import { mulberry32, rngFor } from '../../src/simulator/random.js';
import { expectedText } from '../../src/simulator/text.js';
import { argumentsFor } from '../../src/simulator/generate.js';

describe('mulberry32', () => {
  it('is repeatable and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });
});

describe('makePlan', () => {
  const rate = fc.double({ min: 0, max: 1, noNaN: true });

  it('is a function of the seed and the knobs', () => {
    fc.assert(
      fc.property(fc.integer(), rate, rate, (seed, r429, cut) => {
        const knobs = { rate429: r429, cutAfterStartRate: cut, startDelayMs: { min: 0, max: 1000 } };
        expect(makePlan(rngFor(seed), knobs, undefined)).toEqual(makePlan(rngFor(seed), knobs, undefined));
      }),
    );
  });

  it('treats rate 1 as always and rate 0 as never, in the documented precedence', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(makePlan(rngFor(seed), { rate429: 1, rate503: 1 }, undefined).outcome).toBe('status_429');
        expect(makePlan(rngFor(seed), { resetRate: 1, rate429: 1 }, undefined).outcome).toBe('reset');
        expect(makePlan(rngFor(seed), { inbandErrorRate: 1, cutAfterStartRate: 1 }, undefined).outcome).toBe('inband_error');
        expect(makePlan(rngFor(seed), { cutAfterStartRate: 1, stallAfterStartRate: 1 }, undefined).outcome).toBe('cut_after_start');
        expect(makePlan(rngFor(seed), { rate429: 0, rate503: 0 }, undefined).outcome).toBe('complete');
        expect(makePlan(rngFor(seed), { malformedRate: 1 }, undefined).malformed).toBe(true);
      }),
    );
  });

  it('lets the script override the pool and force an outcome', () => {
    const plan = makePlan(rngFor(1), { rate429: 1, tokensPerSecond: 10 }, { outcome: 'complete', tokensPerSecond: 20 });
    expect(plan.outcome).toBe('complete');
    expect(plan.msPerToken).toBe(50);
  });

  it('keeps start delays inside their range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(500), fc.nat(500), (seed, a, b) => {
        const min = Math.min(a, b);
        const max = Math.max(a, b);
        const delay = makePlan(rngFor(seed), { startDelayMs: { min, max } }, undefined).startDelayMs;
        expect(delay).toBeGreaterThanOrEqual(min);
        expect(delay).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('places a drawn failure after at least one content event and before the last when it can', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 50 }), (seed, events) => {
        const point = failurePoint(makePlan(rngFor(seed), { cutAfterStartRate: 1 }, undefined), events);
        expect(point).toBeGreaterThanOrEqual(1);
        expect(point).toBeLessThanOrEqual(Math.max(1, events - 1));
      }),
    );
  });
});

describe('expectedText', () => {
  it('echoes the prompt and has exactly outputTokens words', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 60 }), fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 12 }), (seed, n, words) => {
        const text = expectedText({ model: 'm', input: words.join(' ') }, { seed, outputTokens: n });
        const got = text.split(' ');
        expect(got).toHaveLength(n);
        expect(got[0]).toBe('Echo:');
        const echoed = Math.min(8, words.length, n - 1);
        expect(got.slice(1, 1 + echoed)).toEqual(words.slice(0, echoed));
      }),
    );
  });

  it('depends on seed, model and prompt only — not on tier, stream or other fields', () => {
    const a = expectedText({ model: 'm', input: 'q', service_tier: 'flex', stream: true }, { seed: 2 });
    const b = expectedText({ model: 'm', input: [{ role: 'user', content: 'q' }], temperature: 0 }, { seed: 2 });
    const chat = expectedText({ model: 'm', messages: [{ role: 'user', content: 'q' }] }, { seed: 2 });
    expect(a).toBe(b);
    expect(a).toBe(chat);
    expect(expectedText({ model: 'm', input: 'q' }, { seed: 3 })).not.toBe(a);
  });
});

describe('argumentsFor', () => {
  it('fills each property by type, taking the first enum value', () => {
    expect(
      argumentsFor({
        type: 'object',
        properties: { s: { type: 'string' }, n: { type: 'number' }, e: { type: 'string', enum: ['x', 'y'] }, o: {} },
      }),
    ).toEqual({ s: 'sim', n: 1, e: 'x', o: null });
    expect(argumentsFor(undefined)).toEqual({});
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  START_WITHIN_MAX_MS,
  START_WITHIN_MIN_MS,
  formatStartWithin,
  parseStartWithin,
} from '../../src/core/deadline.js';
import { RouterError } from '../../src/core/errors.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The grammar of SPEC §3.1, written independently of the implementation. */
function isValidBySpec(text: string): boolean {
  if (text === 'default' || text === 'priority' || text === 'auto') return true;
  const m = /^(\d{2})h-(\d{2})m-(\d{2})s$/.exec(text);
  if (!m) return false;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (min >= 60 || s >= 60) return false;
  const total = h * 3600 + min * 60 + s;
  return total >= 5 && total <= 600;
}

function rejection(value: unknown): RouterError {
  try {
    parseStartWithin(value);
  } catch (err) {
    expect(err).toBeInstanceOf(RouterError);
    const routerErr = err as RouterError;
    expect(routerErr.code).toBe('invalid_start_within');
    expect(routerErr.status).toBe(400);
    expect(routerErr.param).toBe('start_within');
    return routerErr;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

describe('parseStartWithin: SPEC §3.1 examples', () => {
  it.each([
    ['default', { kind: 'tier', tier: 'default' }],
    ['priority', { kind: 'tier', tier: 'priority' }],
    ['auto', { kind: 'tier', tier: 'auto' }],
    ['00h-00m-05s', { kind: 'race', windowMs: 5_000 }],
    ['00h-00m-30s', { kind: 'race', windowMs: 30_000 }],
    ['00h-01m-00s', { kind: 'race', windowMs: 60_000 }],
    ['00h-10m-00s', { kind: 'race', windowMs: 600_000 }],
  ])('accepts %s', (text, expected) => {
    expect(parseStartWithin(text)).toEqual(expected);
  });

  it.each(['00h-00m-04s', '00h-10m-01s', '01h-00m-00s', '00h-00m-60s', '30s', ' default', 'Default', 'standard'])(
    'rejects %j',
    (text) => {
      rejection(text);
    },
  );

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 30, 30_000, true, {}, [], ['default']]) rejection(value);
  });
});

describe('parseStartWithin: helpful messages', () => {
  it('"standard" says to send "default"', () => {
    expect(rejection('standard').message).toMatch(/send "default"/i);
  });

  it('"30s" shows the HHh-MMm-SSs grammar', () => {
    const { message } = rejection('30s');
    expect(message).toContain('HHh-MMm-SSs');
    expect(message).toContain('"00h-00m-30s"');
  });

  it('out-of-range durations say 5 s to 10 min', () => {
    for (const text of ['00h-00m-04s', '00h-10m-01s', '01h-00m-00s', '99h-59m-59s', '00h-00m-00s']) {
      const { message } = rejection(text);
      expect(message).toContain('5 s');
      expect(message).toContain('10 min');
    }
  });

  it('60 in the minutes or seconds says they must be below 60', () => {
    expect(rejection('00h-00m-60s').message).toContain('below 60');
    expect(rejection('00h-60m-00s').message).toContain('below 60');
  });

  it('wrong case or stray spaces name the right spelling', () => {
    expect(rejection('Default').message).toContain('send "default"');
    expect(rejection(' priority ').message).toContain('send "priority"');
  });

  it('non-strings say a string is required', () => {
    expect(rejection(30).message).toContain('must be a string');
  });
});

describe('round trips', () => {
  it('every whole second from 5 s to 10 min formats and parses back', () => {
    for (let seconds = 5; seconds <= 600; seconds++) {
      const sw = { kind: 'race' as const, windowMs: seconds * 1000 };
      const text = formatStartWithin(sw);
      expect(text).toMatch(/^\d{2}h-\d{2}m-\d{2}s$/);
      expect(parseStartWithin(text)).toEqual(sw);
    }
  });

  it('tier words round trip', () => {
    for (const tier of ['default', 'priority', 'auto'] as const) {
      expect(formatStartWithin(parseStartWithin(tier))).toBe(tier);
    }
  });

  it('every valid generated string parses, and formats back to itself', () => {
    const validDuration = fc
      .integer({ min: 5, max: 600 })
      .map((total) => `${pad(Math.floor(total / 3600))}h-${pad(Math.floor(total / 60) % 60)}m-${pad(total % 60)}s`);
    fc.assert(
      fc.property(validDuration, (text) => {
        expect(formatStartWithin(parseStartWithin(text))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('formatStartWithin refuses windows that are not whole seconds in range', () => {
    for (const windowMs of [0, 4_999, 4_000, 5_500, 600_001, 601_000, -5_000, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => formatStartWithin({ kind: 'race', windowMs })).toThrow(RangeError);
    }
    expect(START_WITHIN_MIN_MS).toBe(5_000);
    expect(START_WITHIN_MAX_MS).toBe(600_000);
  });
});

describe('the grammar, by property', () => {
  it('agrees with the spec grammar on every triple of two-digit fields', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (h, m, s) => {
        const text = `${pad(h)}h-${pad(m)}m-${pad(s)}s`;
        if (isValidBySpec(text)) {
          expect(parseStartWithin(text)).toEqual({ kind: 'race', windowMs: (h * 3600 + m * 60 + s) * 1000 });
        } else {
          rejection(text);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects arbitrary strings outside the grammar', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        if (isValidBySpec(text)) expect(() => parseStartWithin(text)).not.toThrow();
        else rejection(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects near misses of valid values', () => {
    const valid = fc.oneof(
      fc.constantFrom('default', 'priority', 'auto'),
      fc.integer({ min: 5, max: 600 }).map((t) => `${pad(Math.floor(t / 3600))}h-${pad(Math.floor(t / 60) % 60)}m-${pad(t % 60)}s`),
    );
    const mutate = fc.constantFrom<(v: string) => string>(
      (v) => ` ${v}`,
      (v) => `${v} `,
      (v) => `${v}\n`,
      (v) => v.toUpperCase(),
      (v) => v[0]!.toUpperCase() + v.slice(1),
      (v) => v.slice(1),
      (v) => v.slice(0, -1),
      (v) => v.replace(/-/g, ''),
      (v) => v.replace(/-/g, ' '),
      (v) => v.replace(/-/g, ':'),
      (v) => v.replace(/(\d{2})h/, (_, d: string) => `${Number(d)}h`), // unpadded hours
      (v) => v.replace(/(\d{2})s$/, (_, d: string) => `${d}0s`), // three-digit seconds
      (v) => v.replace(/^\d{2}h-/, ''), // missing hours part
      (v) => v.replace(/(\d)/, '٣'), // a non-ASCII digit
      (v) => `"${v}"`,
    );
    fc.assert(
      fc.property(valid, mutate, (v, m) => {
        const text = m(v);
        fc.pre(text !== v);
        rejection(text);
      }),
      { numRuns: 2000 },
    );
  });
});

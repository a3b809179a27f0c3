import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouterError } from '../../src/core/errors.js';
import { readStartWithin } from '../../src/core/start-within-source.js';

function failure(run: () => unknown): RouterError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(RouterError);
    return err as RouterError;
  }
  throw new Error('expected a RouterError');
}

describe('readStartWithin', () => {
  it('reads the body field', () => {
    expect(readStartWithin({ bodyValue: '00h-00m-30s', bodyHasField: true, headerValue: null })).toEqual({
      kind: 'race',
      windowMs: 30_000,
    });
  });

  it('reads the x-start-within header when the body has no field', () => {
    expect(readStartWithin({ bodyValue: undefined, bodyHasField: false, headerValue: 'priority' })).toEqual({
      kind: 'tier',
      tier: 'priority',
    });
  });

  it('accepts the same value in both places', () => {
    expect(readStartWithin({ bodyValue: 'auto', bodyHasField: true, headerValue: 'auto' })).toEqual({ kind: 'tier', tier: 'auto' });
  });

  it('refuses body and header that differ, even when they mean the same', () => {
    const err = failure(() => readStartWithin({ bodyValue: 'default', bodyHasField: true, headerValue: '00h-00m-30s' }));
    expect(err.code).toBe('invalid_start_within');
    expect(err.param).toBe('start_within');
    expect(err.message).toContain('disagree');
    expect(err.message).toMatch(/one place/);
    // Raw comparison: a header that is only spelled differently is still a disagreement.
    const spelled = failure(() => readStartWithin({ bodyValue: 30, bodyHasField: true, headerValue: '30' }));
    expect(spelled.code).toBe('invalid_start_within');
  });

  it('a body field that is present but null or invalid is invalid, not missing', () => {
    expect(failure(() => readStartWithin({ bodyValue: null, bodyHasField: true, headerValue: null })).code).toBe('invalid_start_within');
    expect(
      failure(() => readStartWithin({ bodyValue: null, bodyHasField: true, headerValue: null, fallback: 'default' })).code,
    ).toBe('invalid_start_within');
  });

  it('an invalid header is invalid', () => {
    expect(failure(() => readStartWithin({ bodyValue: undefined, bodyHasField: false, headerValue: 'standard' })).message).toMatch(
      /send "default"/i,
    );
  });

  it('neither given and no fallback: missing_start_within', () => {
    const err = failure(() => readStartWithin({ bodyValue: undefined, bodyHasField: false, headerValue: null }));
    expect(err.code).toBe('missing_start_within');
    expect(err.status).toBe(400);
  });

  it('neither given: the configured fallback, parsed with the same rules', () => {
    expect(readStartWithin({ bodyValue: undefined, bodyHasField: false, headerValue: null, fallback: '00h-01m-00s' })).toEqual({
      kind: 'race',
      windowMs: 60_000,
    });
    expect(
      failure(() => readStartWithin({ bodyValue: undefined, bodyHasField: false, headerValue: null, fallback: '1m' })).code,
    ).toBe('invalid_start_within');
  });

  it('the fallback never overrides a value the request gave', () => {
    fc.assert(
      fc.property(fc.constantFrom('default', 'priority', 'auto', '00h-00m-05s', '00h-10m-00s'), fc.boolean(), (value, inBody) => {
        const sources = inBody
          ? { bodyValue: value, bodyHasField: true, headerValue: null }
          : { bodyValue: undefined, bodyHasField: false, headerValue: value };
        expect(readStartWithin({ ...sources, fallback: '00h-02m-00s' })).toEqual(readStartWithin(sources));
      }),
    );
  });
});

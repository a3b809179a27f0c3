import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { FakeClock } from '../../src/core/fake-clock.js';
import { MAX_WINDOW_MS, flexRace, type FlexRaceOptions, type FlexStart } from '../../src/core/race.js';
import type { FallbackReason } from '../../src/core/types.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (the race reacts to attempts in microtasks). */
const flush = () => new Promise<void>((done) => setImmediate(done));

/**
 * Two hand-driven attempts on a FakeClock, recording what the race did to them:
 * when each was called, its signal, and whether flex's signal was already aborted when standard started.
 */
function harness(overrides: Partial<FlexRaceOptions<string, string>> = {}) {
  const clock = new FakeClock(1_000);
  const flexResult = deferred<FlexStart<string>>();
  const standardResult = deferred<string>();
  const seen = {
    flexCalls: 0,
    flexSignal: undefined as AbortSignal | undefined,
    standardCalls: 0,
    standardSignal: undefined as AbortSignal | undefined,
    standardCalledAt: undefined as number | undefined,
    flexAbortedWhenStandardCalled: undefined as boolean | undefined,
    discarded: [] as FlexStart<string>[],
  };
  const options: FlexRaceOptions<string, string> = {
    windowMs: 5_000,
    clock,
    flex: (signal) => {
      seen.flexCalls++;
      seen.flexSignal = signal;
      return flexResult.promise;
    },
    standard: (signal) => {
      seen.standardCalls++;
      seen.standardSignal = signal;
      seen.standardCalledAt = clock.now();
      seen.flexAbortedWhenStandardCalled = seen.flexSignal?.aborted ?? true;
      return standardResult.promise;
    },
    discard: (late) => seen.discarded.push(late),
    ...overrides,
  };
  const race = () => flexRace(options);
  return { clock, flexResult, standardResult, seen, race };
}

/** A real AbortSignal whose abort listeners we can count, to prove the race leaves none behind. */
function countedSignal(controller: AbortController) {
  const signal = controller.signal;
  const live = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: EventListener, opts?: AddEventListenerOptions) => {
    if (type === 'abort') live.add(listener);
    add(type, listener, opts);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListener, opts?: EventListenerOptions) => {
    if (type === 'abort') live.delete(listener);
    remove(type, listener, opts);
  }) as typeof signal.removeEventListener;
  return { signal, listeners: () => live.size };
}

describe('flexRace: flex starts in time', () => {
  it('returns flex when it commits before the deadline, and never starts standard', async () => {
    const h = harness();
    const race = h.race();
    expect(h.seen.flexCalls).toBe(1);
    h.clock.advance(1_200);
    h.flexResult.resolve({ type: 'committed', value: 'flex body' });

    await expect(race).resolves.toEqual({ winner: 'flex', value: 'flex body', flexWaitMs: 1_200 });
    expect(h.clock.pendingTimers()).toBe(0);
    h.clock.advance(10_000);
    await flush();
    expect(h.seen.standardCalls).toBe(0);
    expect(h.seen.flexSignal?.aborted).toBe(false);
  });

  it('returns a final (caller-problem) answer as it is, and never starts standard', async () => {
    const h = harness();
    const race = h.race();
    h.clock.advance(300);
    h.flexResult.resolve({ type: 'final', value: '400 bad parameter' });

    await expect(race).resolves.toEqual({ winner: 'flex-final', value: '400 bad parameter', flexWaitMs: 300 });
    h.clock.advance(10_000);
    await flush();
    expect(h.seen.standardCalls).toBe(0);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('commits one millisecond before the deadline without standard ever starting', async () => {
    const h = harness({ windowMs: 50 });
    const race = h.race();
    h.clock.advance(49);
    h.flexResult.resolve({ type: 'committed', value: 'just in time' });
    await expect(race).resolves.toMatchObject({ winner: 'flex', flexWaitMs: 49 });
    h.clock.advance(1);
    expect(h.seen.standardCalls).toBe(0);
  });
});

describe('flexRace: flex fails before it starts', () => {
  const reasons: FallbackReason[] = ['status_429', 'status_5xx', 'network', 'error_event', 'ended_early'];

  it.each(reasons)('on fallback %s: aborts flex, then starts standard at once', async (reason) => {
    const h = harness();
    const race = h.race();
    h.clock.advance(700);
    h.flexResult.resolve({ type: 'fallback', reason });
    await flush();

    expect(h.seen.standardCalls).toBe(1);
    expect(h.seen.standardCalledAt).toBe(1_700); // no waiting out the window
    expect(h.seen.flexAbortedWhenStandardCalled).toBe(true);
    expect((h.seen.flexSignal?.reason as DOMException).name).toBe('AbortError');
    expect(h.clock.pendingTimers()).toBe(0);

    h.standardResult.resolve('standard body');
    await expect(race).resolves.toEqual({ winner: 'standard', value: 'standard body', reason, flexWaitMs: 700 });
  });

  it('treats a rejected flex attempt as fallback network', async () => {
    const h = harness();
    const race = h.race();
    h.flexResult.reject(new TypeError('fetch failed: ECONNRESET'));
    await flush();
    expect(h.seen.flexAbortedWhenStandardCalled).toBe(true);
    h.standardResult.resolve('standard body');
    await expect(race).resolves.toMatchObject({ winner: 'standard', reason: 'network', flexWaitMs: 0 });
  });

  it('treats a flex function that throws synchronously as fallback network', async () => {
    const h = harness({
      flex: () => {
        throw new Error('could not build the flex request');
      },
    });
    const race = h.race();
    await flush();
    expect(h.seen.standardCalls).toBe(1);
    h.standardResult.resolve('standard body');
    await expect(race).resolves.toMatchObject({ winner: 'standard', reason: 'network' });
  });
});

describe('flexRace: flex has not started by the deadline', () => {
  it('aborts flex with a TimeoutError, then starts standard exactly at the deadline', async () => {
    const h = harness({ windowMs: 5_000 });
    const race = h.race();
    h.clock.advance(4_999);
    expect(h.seen.standardCalls).toBe(0);
    expect(h.seen.flexSignal?.aborted).toBe(false);

    h.clock.advance(1);
    expect(h.seen.standardCalls).toBe(1);
    expect(h.seen.standardCalledAt).toBe(6_000);
    expect(h.seen.flexAbortedWhenStandardCalled).toBe(true);
    expect((h.seen.flexSignal?.reason as DOMException).name).toBe('TimeoutError');

    h.standardResult.resolve('standard body');
    await expect(race).resolves.toEqual({ winner: 'standard', value: 'standard body', reason: 'timeout', flexWaitMs: 5_000 });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('never starts standard early, even on a host whose timers fire before the clock says they are due', async () => {
    // Node's timers run on a millisecond loop clock and can fire a fraction early by
    // performance.now(); this clock does that on purpose (at least 1 ms, then 0.6 ms early).
    const fake = new FakeClock(1_000);
    const hasty: Clock = {
      now: () => fake.now(),
      setTimeout: (fn, ms) => fake.setTimeout(fn, Math.max(1, ms) - 0.6),
      clearTimeout: (handle) => fake.clearTimeout(handle),
    };
    const standardAt: number[] = [];
    const h = harness({
      clock: hasty,
      windowMs: 50,
      standard: async () => {
        standardAt.push(fake.now());
        return 'standard body';
      },
    });
    const race = h.race();
    fake.advance(49.9); // the first timer fired at 49.4 and was re-armed
    expect(standardAt).toEqual([]);
    fake.advance(1);
    expect(standardAt).toHaveLength(1);
    expect(standardAt[0]).toBeGreaterThanOrEqual(1_050);
    await expect(race).resolves.toMatchObject({ winner: 'standard', reason: 'timeout' });
    expect(fake.pendingTimers()).toBe(0);
  });

  it('hands a flex result that arrives after the deadline to discard, and keeps standard', async () => {
    const h = harness({ windowMs: 100 });
    const race = h.race();
    h.clock.advance(100);
    const late: FlexStart<string> = { type: 'committed', value: 'late flex body' };
    h.flexResult.resolve(late);
    await flush();
    expect(h.seen.discarded).toEqual([late]);

    h.standardResult.resolve('standard body');
    await expect(race).resolves.toMatchObject({ winner: 'standard', reason: 'timeout' });
  });

  it('ignores a discard callback that throws', async () => {
    const h = harness({
      windowMs: 100,
      discard: () => {
        throw new Error('release failed');
      },
    });
    const race = h.race();
    h.clock.advance(100);
    h.flexResult.resolve({ type: 'committed', value: 'late' });
    h.standardResult.resolve('standard body');
    await expect(race).resolves.toMatchObject({ winner: 'standard' });
  });

  it('measures the deadline from startedAt, not from the call', async () => {
    const h = harness({ windowMs: 5_000, startedAt: 1_000 - 3_000 });
    void h.race();
    h.clock.advance(1_999);
    expect(h.seen.standardCalls).toBe(0);
    h.clock.advance(1);
    expect(h.seen.standardCalls).toBe(1);
  });

  it('never asks the host for a delay longer than its timers hold (2^31 - 1 ms), re-arming instead', async () => {
    const fake = new FakeClock(1_000);
    const requested: number[] = [];
    const recording: Clock = {
      now: () => fake.now(),
      setTimeout: (fn, ms) => {
        requested.push(ms);
        return fake.setTimeout(fn, ms);
      },
      clearTimeout: (handle) => fake.clearTimeout(handle),
    };
    const standardAt: number[] = [];
    const h = harness({
      clock: recording,
      windowMs: MAX_WINDOW_MS,
      startedAt: 1_000 + 1_000, // the window opens in the future, so the deadline is beyond one timer
      standard: async () => {
        standardAt.push(fake.now());
        return 'standard body';
      },
    });
    void h.race();
    fake.advance(MAX_WINDOW_MS);
    expect(standardAt).toEqual([]);
    fake.advance(1_000);
    expect(standardAt).toEqual([2_000 + MAX_WINDOW_MS]);
    expect(requested.length).toBeGreaterThan(1);
    expect(Math.max(...requested)).toBeLessThanOrEqual(MAX_WINDOW_MS);
  });

  it('never starts flex when the window is already over at the call: standard at once, reason timeout', async () => {
    const h = harness({ windowMs: 5_000, startedAt: 1_000 - 6_500 });
    const race = h.race();
    expect(h.seen.flexCalls).toBe(0);
    expect(h.seen.standardCalls).toBe(1);
    h.standardResult.resolve('standard body');
    await expect(race).resolves.toEqual({ winner: 'standard', value: 'standard body', reason: 'timeout', flexWaitMs: 6_500 });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('treats a zero window as already over', async () => {
    const h = harness({ windowMs: 0 });
    const race = h.race();
    expect(h.seen.flexCalls).toBe(0);
    h.standardResult.resolve('standard body');
    await expect(race).resolves.toMatchObject({ winner: 'standard', reason: 'timeout', flexWaitMs: 0 });
  });
});

describe('flexRace: standard fails', () => {
  it('rejects with standard’s own error and leaves no timer', async () => {
    const h = harness({ windowMs: 100 });
    const race = h.race();
    h.clock.advance(100);
    const upstream = new Error('standard: 429 rate limited');
    h.standardResult.reject(upstream);
    await expect(race).rejects.toBe(upstream);
    expect(h.clock.pendingTimers()).toBe(0);
    expect(h.seen.standardSignal?.reason).toBe(upstream); // released: nothing left listening
  });

  it('rejects with the error of a standard function that throws synchronously', async () => {
    const broken = new Error('could not build the standard request');
    const h = harness({
      standard: () => {
        throw broken;
      },
    });
    const race = h.race();
    h.flexResult.resolve({ type: 'fallback', reason: 'status_5xx' });
    await expect(race).rejects.toBe(broken);
  });
});

describe('flexRace: the caller aborts', () => {
  it('before the call: rejects at once with the caller’s reason and starts nothing', async () => {
    const caller = new AbortController();
    const reason = new Error('client went away');
    caller.abort(reason);
    const h = harness({ signal: caller.signal, windowMs: 0 });
    await expect(h.race()).rejects.toBe(reason);
    expect(h.seen.flexCalls).toBe(0);
    expect(h.seen.standardCalls).toBe(0);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('while flex runs: aborts flex, rejects, clears the deadline, and starts nothing later', async () => {
    const caller = new AbortController();
    const h = harness({ signal: caller.signal, windowMs: 1_000 });
    const race = h.race();
    h.clock.advance(400);
    const reason = new Error('client went away');
    caller.abort(reason);

    await expect(race).rejects.toBe(reason);
    expect(h.seen.flexSignal?.aborted).toBe(true);
    expect(h.seen.flexSignal?.reason).toBe(reason);
    expect(h.clock.pendingTimers()).toBe(0);

    h.clock.advance(10_000);
    const late: FlexStart<string> = { type: 'committed', value: 'late' };
    h.flexResult.resolve(late);
    await flush();
    expect(h.seen.standardCalls).toBe(0);
    expect(h.seen.discarded).toEqual([late]);
  });

  it('while standard runs: aborts standard and rejects, whatever standard does later', async () => {
    const caller = new AbortController();
    const h = harness({ signal: caller.signal, windowMs: 100 });
    const race = h.race();
    h.clock.advance(100);
    caller.abort();

    await expect(race).rejects.toMatchObject({ name: 'AbortError' });
    expect(h.seen.standardSignal?.aborted).toBe(true);
    expect(h.seen.flexSignal?.aborted).toBe(true);
    h.standardResult.resolve('too late');
    await flush();
  });

  it('after flex won: still aborts flex, whose body may be streaming', async () => {
    const caller = new AbortController();
    const h = harness({ signal: caller.signal });
    const race = h.race();
    h.flexResult.resolve({ type: 'committed', value: 'stream' });
    await race;
    expect(h.seen.flexSignal?.aborted).toBe(false);

    const reason = new Error('client closed the stream');
    caller.abort(reason);
    expect(h.seen.flexSignal?.aborted).toBe(true);
    expect(h.seen.flexSignal?.reason).toBe(reason);
  });

  it('after standard won: still aborts standard, whose body may be streaming', async () => {
    const caller = new AbortController();
    const h = harness({ signal: caller.signal });
    const race = h.race();
    h.flexResult.resolve({ type: 'fallback', reason: 'status_429' });
    h.standardResult.resolve('stream');
    await race;
    expect(h.seen.standardSignal?.aborted).toBe(false);

    caller.abort();
    expect(h.seen.standardSignal?.aborted).toBe(true);
  });
});

describe('flexRace: listeners on the caller’s signal', () => {
  it('keeps only one link to the winner once the race is over', async () => {
    const { signal, listeners } = countedSignal(new AbortController());
    const h = harness({ signal });
    const race = h.race();
    expect(listeners()).toBe(1);
    h.flexResult.resolve({ type: 'committed', value: 'stream' });
    await race;
    expect(listeners()).toBe(1);
  });

  it('keeps none when there is no winner (standard failed)', async () => {
    const { signal, listeners } = countedSignal(new AbortController());
    const h = harness({ signal });
    const race = h.race();
    h.flexResult.resolve({ type: 'fallback', reason: 'status_5xx' });
    h.standardResult.reject(new Error('standard: 500'));
    await expect(race).rejects.toThrow('standard: 500');
    expect(listeners()).toBe(0);
  });

  it('adds none when the caller had already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { signal, listeners } = countedSignal(controller);
    await expect(harness({ signal }).race()).rejects.toBeDefined();
    expect(listeners()).toBe(0);
  });
});

describe('flexRace: invalid options', () => {
  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY, MAX_WINDOW_MS + 1])('rejects windowMs %s with a RangeError and starts nothing', async (windowMs) => {
    const h = harness({ windowMs });
    await expect(h.race()).rejects.toThrow(RangeError);
    await expect(h.race()).rejects.toThrow(/windowMs must be a finite number of milliseconds from 0 to 2147483647.*e\.g\. flexRace/);
    expect(h.seen.flexCalls + h.seen.standardCalls).toBe(0);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('rejects a startedAt that is not a finite clock time', async () => {
    const h = harness({ startedAt: Number.NaN });
    await expect(h.race()).rejects.toThrow(/startedAt must be a finite clock time/);
    expect(h.seen.flexCalls).toBe(0);
  });
});

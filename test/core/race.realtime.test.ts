/**
 * The race on real timers (systemClock): the deadline holds on the host's clock, not just on the
 * FakeClock. Few and short; the tolerance (+30 ms) is the latency promise of SPEC §4.2, not a
 * speed benchmark.
 */
import { describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../src/core/clock.js';
import { flexRace, type FlexStart } from '../../src/core/race.js';

const LATE_TOLERANCE_MS = 30;

/** The system clock, keeping count of the timers it holds, so a test can see none is left behind. */
function countingSystemClock() {
  const live = new Set<unknown>();
  const requestedMs: number[] = [];
  const clock: Clock = {
    now: () => systemClock.now(),
    setTimeout: (fn, ms) => {
      requestedMs.push(ms);
      const handle = systemClock.setTimeout(() => {
        live.delete(handle);
        fn();
      }, ms);
      live.add(handle);
      return handle;
    },
    clearTimeout: (handle) => {
      live.delete(handle);
      systemClock.clearTimeout(handle);
    },
  };
  return { clock, liveTimers: () => live.size, requestedMs };
}

/** A flex attempt that never starts, and stops (like fetch) when its signal aborts. */
function flexThatNeverStarts(seen: { flexSignal?: AbortSignal }) {
  return (signal: AbortSignal) => {
    seen.flexSignal = signal;
    return new Promise<FlexStart<string>>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

describe('flexRace on the system clock', () => {
  it.each([50, 300])('starts standard no earlier than a %i ms window, and at most 30 ms after it', async (windowMs) => {
    const seen: { flexSignal?: AbortSignal; standardAt?: number; flexAbortedFirst?: boolean } = {};
    const startedAt = performance.now();
    const result = await flexRace({
      windowMs,
      startedAt, // no clock option: the default is systemClock
      flex: flexThatNeverStarts(seen),
      standard: async () => {
        seen.standardAt = performance.now();
        seen.flexAbortedFirst = seen.flexSignal?.aborted;
        return 'standard body';
      },
    });

    const startedAfter = seen.standardAt! - startedAt;
    expect(startedAfter).toBeGreaterThanOrEqual(windowMs);
    expect(startedAfter).toBeLessThanOrEqual(windowMs + LATE_TOLERANCE_MS);
    expect(seen.flexAbortedFirst).toBe(true);
    expect((seen.flexSignal?.reason as DOMException).name).toBe('TimeoutError');
    expect(result).toMatchObject({ winner: 'standard', reason: 'timeout' });
    expect(result.flexWaitMs).toBeGreaterThanOrEqual(windowMs);
  });

  it('holds a 10-minute deadline on a real timer until the caller aborts, then clears it', async () => {
    const { clock, liveTimers, requestedMs } = countingSystemClock();
    const caller = new AbortController();
    const seen: { flexSignal?: AbortSignal } = {};
    let standardCalls = 0;
    const race = flexRace({
      windowMs: 600_000,
      clock,
      signal: caller.signal,
      flex: flexThatNeverStarts(seen),
      standard: async () => {
        standardCalls++;
        return 'standard body';
      },
    });

    expect(requestedMs).toHaveLength(1);
    expect(requestedMs[0]).toBeGreaterThan(599_000);
    expect(requestedMs[0]).toBeLessThanOrEqual(600_000);
    await sleep(50);
    expect(liveTimers()).toBe(1); // still pending: a long timer must not fire early
    expect(standardCalls).toBe(0);
    expect(seen.flexSignal?.aborted).toBe(false);

    const reason = new Error('client went away');
    caller.abort(reason);
    await expect(race).rejects.toBe(reason);
    expect(seen.flexSignal?.reason).toBe(reason);
    expect(liveTimers()).toBe(0);
    expect(standardCalls).toBe(0);
  });

  it('moves to standard within 30 ms of flex failing, without waiting out the window', async () => {
    const { clock, liveTimers } = countingSystemClock();
    let failedAt = 0;
    let standardAt = 0;
    const result = await flexRace({
      windowMs: 5_000,
      clock,
      flex: async (): Promise<FlexStart<string>> => {
        await sleep(10);
        failedAt = performance.now();
        return { type: 'fallback', reason: 'status_5xx' }; // e.g. flex answered 503
      },
      standard: async () => {
        standardAt = performance.now();
        return 'standard body';
      },
    });

    expect(result).toMatchObject({ winner: 'standard', reason: 'status_5xx' });
    expect(standardAt - failedAt).toBeLessThanOrEqual(LATE_TOLERANCE_MS);
    expect(liveTimers()).toBe(0); // the 5 s deadline was cleared, not left to run out
  });
});

import type { Clock } from './clock.js';

interface FakeTimer {
  readonly at: number;
  /** Tie-breaker: timers due at the same time fire in the order they were set, as on real hosts. */
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * A {@link Clock} whose time only moves when you call {@link FakeClock.advance}. For tests (and
 * for anyone building their own router on the core) that want to drive the flex race's deadline
 * by hand, deterministically, with no real waiting.
 *
 * @example
 * ```ts
 * const clock = new FakeClock();
 * const race = flexRace({ flex, standard, windowMs: 5000, clock });
 * clock.advance(5000); // the deadline fires now: flex is aborted, standard starts
 * ```
 */
export class FakeClock implements Clock {
  #now: number;
  #nextSeq = 1;
  #advancing = false;
  readonly #timers = new Map<number, FakeTimer>();

  /** @param startAt the time `now()` reports before any advance (default 0). */
  constructor(startAt = 0) {
    if (!Number.isFinite(startAt)) {
      throw new RangeError(`FakeClock: startAt must be a finite number of milliseconds, got ${String(startAt)}. Example: new FakeClock(1000).`);
    }
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  /** Like the host's setTimeout: a negative or non-number delay means "as soon as time is advanced". */
  setTimeout(fn: () => void, ms: number): number {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const seq = this.#nextSeq++;
    this.#timers.set(seq, { at: this.#now + delay, seq, fn });
    return seq;
  }

  /** Unknown or already-fired handles are ignored, as on real hosts. */
  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, earliest first
   * (same-time timers in the order they were set). While a timer runs, `now()` reads its due
   * time, and timers it sets fire in this same advance if they fall due within it.
   * If a timer throws, the error propagates out of `advance` and time stays at that timer's
   * due time; later timers stay pending.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`FakeClock.advance: ms must be a finite number >= 0, got ${String(ms)}. Time only moves forward. Example: clock.advance(250).`);
    }
    if (this.#advancing) {
      throw new Error('FakeClock.advance was called from inside a timer it is firing. Nested advances would fire timers out of order; advance from the test, not from a timer callback.');
    }
    const target = this.#now + ms;
    this.#advancing = true;
    try {
      for (let timer = this.#nextDue(target); timer; timer = this.#nextDue(target)) {
        this.#timers.delete(timer.seq);
        this.#now = timer.at;
        timer.fn();
      }
      this.#now = target;
    } finally {
      this.#advancing = false;
    }
  }

  /** How many timers are set and have neither fired nor been cleared. */
  pendingTimers(): number {
    return this.#timers.size;
  }

  #nextDue(limit: number): FakeTimer | undefined {
    let next: FakeTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.at > limit) continue;
      if (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq)) next = timer;
    }
    return next;
  }
}

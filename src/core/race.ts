/**
 * The flex race (SPEC §4): try the cheap flex attempt first; if it has not started generating
 * inside the window, or fails before it starts, abort it and move up to the standard attempt.
 * Generic over what the attempts produce: it knows nothing about HTTP, JSON or streams.
 *
 * Cancellation is the point (the lesson of Hono's timeout middleware, which lets the loser run
 * on): every attempt gets its own AbortSignal, the loser's is aborted before standard is even
 * called, and the caller's signal reaches every attempt at any time, also after the race has
 * returned (the winner's body is still streaming then).
 */
import { systemClock, type Clock } from './clock.js';
import type { FallbackReason } from './types.js';

/** What a flex attempt reports once it knows whether generation started. */
export type FlexStart<F> =
  /** Generation started: flex is the answer. */
  | {
      /** Flex committed. */
      type: 'committed';
      /** The flex answer (typically a `Response` whose body replays the held bytes). */
      value: F;
    }
  /** Failed before it started: move to standard at once, without waiting out the window. */
  | {
      /** Flex failed before start. */
      type: 'fallback';
      /** Why; becomes `x-flexroute-race: fallback:<reason>`. */
      reason: FallbackReason;
    }
  /** A caller-problem answer (a 4xx other than 408/429): return it as it is, never try standard. */
  | {
      /** Flex refused the request itself. */
      type: 'final';
      /** The refusal, to be relayed untouched. */
      value: F;
    };

/** Options of {@link flexRace}: the two attempts, the window, and what cancels them. */
export interface FlexRaceOptions<F, S> {
  /**
   * Starts the flex attempt. Resolve once you know whether generation started. Rejecting counts
   * as fallback `network` (unless the caller aborted). Honour `signal`: it is aborted when flex
   * loses (reason: a `TimeoutError` DOMException at the deadline, an `AbortError` DOMException
   * on fallback) and when the caller aborts (reason: the caller's).
   */
  flex: (signal: AbortSignal) => Promise<FlexStart<F>>;
  /**
   * Starts the standard attempt; only ever called after flex's signal is aborted. Its rejection
   * rejects the race with the same error (and aborts its signal with it, releasing what is left).
   */
  standard: (signal: AbortSignal) => Promise<S>;
  /**
   * How long flex may take to start, in clock milliseconds: finite, 0 to 2147483647 (the largest
   * delay hosts' timers hold). The 5 s to 10 min rule is the `start_within` parser's, not this one's.
   */
  windowMs: number;
  /**
   * The caller's signal. Aborting it aborts every started attempt, at any time (also after the
   * race resolved: the winner stays linked), and rejects a pending race with `signal.reason`.
   * Already aborted at call time: the race rejects at once and starts nothing.
   */
  signal?: AbortSignal;
  /** Where time comes from. Default {@link systemClock}; tests pass a `FakeClock`. */
  clock?: Clock;
  /**
   * Clock time the window opened (when the router received the request). Default: `clock.now()`
   * at the call. The deadline is `startedAt + windowMs`; if it has already passed at the call,
   * flex is never started and standard starts at once with reason `timeout`.
   */
  startedAt?: number;
  /**
   * Receives a flex result that arrived after flex had already lost (to the deadline or to the
   * caller's abort), so whatever it holds (an open body, a reader) can be released. Must not
   * throw; if it does, the error is ignored, as the race has long settled.
   */
  discard?: (late: FlexStart<F>) => void;
}

/**
 * Who answered. `flexWaitMs` is clock time from `startedAt` to flex committing, finalising or
 * falling back: a raw clock difference (fractional on systemClock), so round it for headers.
 */
export type FlexRaceResult<F, S> =
  | {
      /** Flex committed in time: flex is the answer. */
      winner: 'flex';
      /** What the flex attempt committed with. */
      value: F;
      /** Clock time from `startedAt` to the commit. */
      flexWaitMs: number;
    }
  | {
      /** Flex refused the request itself (`final`): relay it, standard was never tried. */
      winner: 'flex-final';
      /** What the flex attempt finalised with. */
      value: F;
      /** Clock time from `startedAt` to the refusal. */
      flexWaitMs: number;
    }
  | {
      /** Flex fell back or ran out of time: standard answered. */
      winner: 'standard';
      /** What the standard attempt resolved with. */
      value: S;
      /** Why flex lost (`timeout` when the window ran out). */
      reason: FallbackReason;
      /** Clock time from `startedAt` until flex lost. */
      flexWaitMs: number;
    };

/** The largest delay a host timer holds (2^31 - 1 ms); longer delays fire at once on Node and browsers. */
export const MAX_WINDOW_MS = 2_147_483_647;

/**
 * Runs the flex race. Flex starts at once; standard starts only if flex falls back (at once) or
 * has not started by the deadline (exactly then), and never after flex committed or finalised.
 * Rejects with the caller's abort reason if the caller aborts first, or with standard's error.
 *
 * Cleanup: the deadline timer is cleared on every path and the race's abort listener is removed
 * when it settles. What remains is one small link from the caller's signal to the winner's
 * AbortController, so a caller abort still stops the winner's streaming body; it goes away with
 * the caller's signal. If you reuse one long-lived signal for many races, give each race its own
 * controller following it, and abort that once the response is fully read.
 *
 * @example
 * ```ts
 * const result = await flexRace({
 *   windowMs: 5000,
 *   signal: request.signal,
 *   flex: async (signal) => {
 *     const res = await fetch(flexUrl, { method: 'POST', body, signal });
 *     if (res.status === 429) return { type: 'fallback', reason: 'status_429' };
 *     return { type: 'committed', value: res };
 *   },
 *   standard: (signal) => fetch(standardUrl, { method: 'POST', body, signal }),
 *   discard: (late) => { if (late.type !== 'fallback') void late.value.body?.cancel(); },
 * });
 * // result.winner: 'flex' | 'flex-final' | 'standard'
 * ```
 */
export function flexRace<F, S>(options: FlexRaceOptions<F, S>): Promise<FlexRaceResult<F, S>> {
  return new Promise((resolve, reject) => runRace(options, resolve, reject));
}

function runRace<F, S>(
  options: FlexRaceOptions<F, S>,
  resolve: (result: FlexRaceResult<F, S>) => void,
  reject: (error: unknown) => void,
): void {
  const { flex, standard, windowMs, signal: caller, clock = systemClock, discard } = options;
  const startedAt = options.startedAt ?? clock.now();
  const invalid = validate(windowMs, startedAt);
  if (invalid) return reject(invalid);
  if (caller?.aborted) return reject(caller.reason);

  const deadline = startedAt + windowMs;
  // 'flex' until flex wins or loses; 'standard' while standard runs; 'done' once settled.
  let phase: 'flex' | 'standard' | 'done' = 'flex';
  const flexController = new AbortController();
  let standardController: AbortController | undefined;
  let timer: unknown;
  let timerArmed = false;

  const waited = () => Math.max(0, clock.now() - startedAt);

  const clearDeadline = () => {
    if (timerArmed) clock.clearTimeout(timer);
    timerArmed = false;
  };

  const onCallerAbort = () => {
    if (phase === 'done') return;
    phase = 'done';
    clearDeadline();
    const reason = caller?.reason;
    flexController.abort(reason);
    standardController?.abort(reason);
    reject(reason);
  };

  // Swaps the race's listener for a slim link that holds only the winner's controller.
  const settle = (winner: AbortController | undefined) => {
    phase = 'done';
    clearDeadline();
    if (!caller) return;
    caller.removeEventListener('abort', onCallerAbort);
    if (winner) linkAbort(caller, winner);
  };

  const fallBack = (reason: FallbackReason) => {
    phase = 'standard';
    clearDeadline();
    const flexWaitMs = waited();
    // Flex must be stopped before standard is sent, so the provider stops generating for it.
    flexController.abort(reason === 'timeout' ? timeoutReason(windowMs) : fallbackReason(reason));
    const controller = new AbortController();
    standardController = controller;
    attempt(() => standard(controller.signal)).then(
      (value) => {
        if (phase !== 'standard') return;
        settle(controller);
        resolve({ winner: 'standard', value, reason, flexWaitMs });
      },
      (error: unknown) => {
        if (phase !== 'standard') return;
        settle(undefined);
        // Nothing is left to link to the caller: release whatever still listens on the attempt.
        controller.abort(error);
        reject(error);
      },
    );
  };

  const onFlexStart = (start: FlexStart<F>) => {
    if (phase !== 'flex') return discardQuietly(discard, start);
    if (start.type === 'fallback') return fallBack(start.reason);
    const flexWaitMs = waited();
    settle(flexController);
    resolve({ winner: start.type === 'committed' ? 'flex' : 'flex-final', value: start.value, flexWaitMs });
  };

  const onFlexError = () => {
    // A caller abort already settled the race (its listener runs synchronously), so this is a failure.
    if (phase === 'flex') fallBack('network');
  };

  // Re-arms when the host fires a little early by the clock's reading (Node's timers run on a
  // millisecond loop clock), so standard never starts before the deadline.
  const armDeadline = () => {
    timerArmed = false;
    if (phase !== 'flex') return;
    const remaining = deadline - clock.now();
    if (remaining <= 0) return fallBack('timeout');
    // Capped so a far-future startedAt cannot overflow a host timer (which would fire at once).
    timer = clock.setTimeout(armDeadline, Math.min(remaining, MAX_WINDOW_MS));
    timerArmed = true;
  };

  caller?.addEventListener('abort', onCallerAbort, { once: true });
  armDeadline();
  if (phase !== 'flex') return; // the window was already over: flex is never started
  attempt(() => flex(flexController.signal)).then(onFlexStart, onFlexError);
}

/** Calls an attempt, turning a synchronous throw into a rejection so both paths are handled alike. */
function attempt<T>(start: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(start());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** One listener that holds nothing but the target controller: the caller's abort reaches it. */
function linkAbort(caller: AbortSignal, target: AbortController): void {
  caller.addEventListener('abort', () => target.abort(caller.reason), { once: true });
}

function discardQuietly<F>(discard: ((late: FlexStart<F>) => void) | undefined, late: FlexStart<F>): void {
  try {
    discard?.(late);
  } catch {
    // The race settled long ago; there is nobody left to report this to.
  }
}

function timeoutReason(windowMs: number): DOMException {
  return new DOMException(`flex did not start within the ${windowMs} ms window; moving up to standard`, 'TimeoutError');
}

function fallbackReason(reason: FallbackReason): DOMException {
  return new DOMException(`flex failed before it started (${reason}); moving up to standard`, 'AbortError');
}

function validate(windowMs: number, startedAt: number): RangeError | undefined {
  if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs < 0 || windowMs > MAX_WINDOW_MS) {
    return new RangeError(
      `flexRace: windowMs must be a finite number of milliseconds from 0 to ${MAX_WINDOW_MS}, got ${String(windowMs)}. ` +
        'Outside that range a host timer cannot hold the deadline (Node fires such timers at once). ' +
        'Pass the window parsed from start_within, e.g. flexRace({ windowMs: 5000, flex, standard }).',
    );
  }
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) {
    return new RangeError(
      `flexRace: startedAt must be a finite clock time, got ${String(startedAt)}. ` +
        'It is read from the same clock as the race (performance.now() for systemClock). ' +
        'Record it when the request arrives, e.g. const startedAt = clock.now().',
    );
  }
  return undefined;
}

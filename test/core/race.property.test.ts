/**
 * Property tests for the flex race: fast-check's scheduler decides the order in which flex
 * answers, standard answers, the caller aborts and the FakeClock moves (each clock step is a
 * scheduled task, so the deadline fires wherever the scheduler puts those steps). After every
 * interleaving we check the promises the race makes, whatever happened first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/fake-clock.js';
import { flexRace, type FlexRaceResult, type FlexStart } from '../../src/core/race.js';
import type { FallbackReason } from '../../src/core/types.js';

const fallbackReasons: FallbackReason[] = ['status_429', 'status_5xx', 'network', 'error_event', 'ended_early'];

type FlexPlan =
  | { kind: 'committed' }
  | { kind: 'final' }
  | { kind: 'fallback'; reason: FallbackReason }
  | { kind: 'throw' } // the attempt rejects (connection reset)
  | { kind: 'hang' }; // never answers on its own

const flexPlanArb: fc.Arbitrary<FlexPlan> = fc.oneof(
  fc.constant({ kind: 'committed' as const }),
  fc.constant({ kind: 'final' as const }),
  fc.constantFrom(...fallbackReasons).map((reason) => ({ kind: 'fallback' as const, reason })),
  fc.constant({ kind: 'throw' as const }),
  fc.constant({ kind: 'hang' as const }),
);

const scenarioArb = fc.record({
  scheduler: fc.scheduler(),
  windowMs: fc.integer({ min: 1, max: 100 }),
  /** How long before the call the window opened (>= windowMs: already over at the call). */
  elapsedBeforeCall: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
  /** Clock steps, each a scheduled task; a final step always carries time past the deadline. */
  steps: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }),
  flexPlan: flexPlanArb,
  /** Whether flex rejects as soon as its signal aborts, as fetch does. */
  flexHonoursAbort: fc.boolean(),
  callerAbort: fc.oneof(
    { arbitrary: fc.constant('none' as const), weight: 5 },
    { arbitrary: fc.constant('scheduled' as const), weight: 4 },
    { arbitrary: fc.constant('before-call' as const), weight: 1 },
  ),
  standardPlan: fc.constantFrom('resolve', 'reject'),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const flush = () => new Promise<void>((done) => setImmediate(done));

interface StandardCall {
  at: number;
  flexAborted: boolean;
  flexAbortName: string | undefined;
  callerAborted: boolean;
}

async function runScenario(sc: Scenario) {
  const s = sc.scheduler;
  const clock = new FakeClock(10_000);
  const startedAt = clock.now() - sc.elapsedBeforeCall;
  const deadline = startedAt + sc.windowMs;
  const caller = new AbortController();
  const callerReason = new Error('caller went away');
  const standardError = new Error('standard failed');

  const seen = {
    flexCalls: 0,
    flexCalledWhileCallerAborted: false,
    flexSignal: undefined as AbortSignal | undefined,
    flexDelivered: undefined as FlexStart<string> | undefined,
    standardCalls: [] as StandardCall[],
    standardSignal: undefined as AbortSignal | undefined,
    callerAbortedAt: undefined as number | undefined,
    discarded: [] as FlexStart<string>[],
    outcomes: [] as ({ ok: FlexRaceResult<string, string> } | { error: unknown })[],
    pendingTimersAtSettle: undefined as number | undefined,
    callerAbortedBeforeSettle: false,
    settledAt: undefined as number | undefined,
  };

  if (sc.callerAbort === 'before-call') {
    caller.abort(callerReason);
    seen.callerAbortedAt = clock.now();
  }

  const flex = (signal: AbortSignal) => {
    seen.flexCalls++;
    seen.flexCalledWhileCallerAborted ||= caller.signal.aborted;
    seen.flexSignal = signal;
    return new Promise<FlexStart<string>>((resolve, reject) => {
      if (sc.flexHonoursAbort) signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      const plan = sc.flexPlan;
      if (plan.kind === 'hang') return;
      void s.schedule(Promise.resolve(), `flex answers ${plan.kind}`).then(() => {
        if (plan.kind === 'throw') return reject(new TypeError('fetch failed'));
        const start: FlexStart<string> =
          plan.kind === 'fallback' ? { type: 'fallback', reason: plan.reason } : { type: plan.kind, value: `flex ${plan.kind}` };
        if (!signal.aborted || !sc.flexHonoursAbort) seen.flexDelivered = start;
        resolve(start);
      });
    });
  };

  const standard = (signal: AbortSignal) => {
    seen.standardCalls.push({
      at: clock.now(),
      flexAborted: seen.flexSignal?.aborted ?? true,
      flexAbortName: (seen.flexSignal?.reason as { name?: string } | undefined)?.name,
      callerAborted: caller.signal.aborted,
    });
    seen.standardSignal = signal;
    return s
      .schedule(Promise.resolve(), `standard ${sc.standardPlan}s`)
      .then(() => (sc.standardPlan === 'resolve' ? 'standard value' : Promise.reject(standardError)));
  };

  const race = flexRace({
    flex,
    standard,
    windowMs: sc.windowMs,
    startedAt,
    clock,
    signal: caller.signal,
    discard: (late) => seen.discarded.push(late),
  });
  const onSettle = () => {
    seen.pendingTimersAtSettle = clock.pendingTimers();
    seen.callerAbortedBeforeSettle = caller.signal.aborted;
    seen.settledAt = clock.now();
  };
  race.then(
    (ok) => {
      onSettle();
      seen.outcomes.push({ ok });
    },
    (error: unknown) => {
      onSettle();
      seen.outcomes.push({ error });
    },
  );

  const steps = [...sc.steps, sc.windowMs + 1];
  s.scheduleSequence(steps.map((ms) => ({ label: `clock +${ms}`, builder: async () => clock.advance(ms) })));
  if (sc.callerAbort === 'scheduled') {
    void s.schedule(Promise.resolve(), 'caller aborts').then(() => {
      seen.callerAbortedAt = clock.now();
      caller.abort(callerReason);
    });
  }

  do {
    await s.waitIdle();
    await flush();
  } while (s.count() > 0);

  return { seen, startedAt, deadline, callerReason, standardError, clock };
}

function checkInvariants(sc: Scenario, run: Awaited<ReturnType<typeof runScenario>>) {
  const { seen, startedAt, deadline, callerReason, standardError, clock } = run;

  // Exactly one outcome, with no timer left behind, then or later.
  expect(seen.outcomes).toHaveLength(1);
  expect(seen.pendingTimersAtSettle).toBe(0);
  expect(clock.pendingTimers()).toBe(0);
  const outcome = seen.outcomes[0]!;

  // Nothing starts once the caller has aborted; a caller that aborted first gets its own reason.
  expect(seen.flexCalledWhileCallerAborted).toBe(false);
  for (const call of seen.standardCalls) expect(call.callerAborted).toBe(false);
  if (sc.callerAbort === 'before-call') {
    expect(seen.flexCalls + seen.standardCalls.length).toBe(0);
  }
  if (seen.callerAbortedBeforeSettle) expect(outcome).toEqual({ error: callerReason });

  // Flex starts once, unless the window was already over (or the caller already gone).
  const windowOverAtCall = sc.elapsedBeforeCall >= sc.windowMs;
  expect(seen.flexCalls).toBe(sc.callerAbort === 'before-call' || windowOverAtCall ? 0 : 1);

  // Standard starts at most once, only after flex's signal is aborted, and at the right time.
  expect(seen.standardCalls.length).toBeLessThanOrEqual(1);
  const standardCall = seen.standardCalls[0];
  if (standardCall) {
    expect(standardCall.flexAborted).toBe(true);
    if (windowOverAtCall) {
      expect(standardCall.at).toBe(startedAt + sc.elapsedBeforeCall);
    } else if (standardCall.flexAbortName === 'TimeoutError') {
      expect(standardCall.at).toBe(deadline); // +0 on the fake clock
    } else {
      expect(standardCall.flexAbortName).toBe('AbortError');
      expect(standardCall.at).toBeLessThan(deadline);
    }
  }

  // When the caller aborts, at any time, every started attempt is aborted.
  if (seen.callerAbortedAt !== undefined) {
    if (seen.flexSignal) expect(seen.flexSignal.aborted).toBe(true);
    if (seen.standardSignal) expect(seen.standardSignal.aborted).toBe(true);
  }

  if ('ok' in outcome) {
    const result = outcome.ok;
    if (result.winner === 'flex' || result.winner === 'flex-final') {
      // Flex won before the deadline with what it delivered; standard was never started.
      expect(seen.standardCalls).toHaveLength(0);
      expect(seen.flexDelivered).toEqual({ type: result.winner === 'flex' ? 'committed' : 'final', value: result.value });
      expect(result.flexWaitMs).toBeLessThan(sc.windowMs);
      expect(result.flexWaitMs).toBe(seen.settledAt! - startedAt);
      if (seen.callerAbortedAt === undefined) expect(seen.flexSignal?.aborted).toBe(false);
      expect(seen.discarded).toHaveLength(0);
    } else {
      expect(result.value).toBe('standard value');
      expect(sc.standardPlan).toBe('resolve');
      expect(standardCall).toBeDefined();
      expect(result.flexWaitMs).toBe(standardCall!.at - startedAt);
      const expectedReason =
        standardCall!.flexAbortName === 'TimeoutError' || windowOverAtCall
          ? 'timeout'
          : sc.flexPlan.kind === 'fallback'
            ? sc.flexPlan.reason
            : 'network';
      expect(result.reason).toBe(expectedReason);
      if (seen.callerAbortedAt === undefined) expect(seen.standardSignal?.aborted).toBe(false);
    }
  } else if (!seen.callerAbortedBeforeSettle) {
    // The only other way to reject: standard's own error, passed on as it is.
    expect(outcome.error).toBe(standardError);
    expect(sc.standardPlan).toBe('reject');
  }

  // A flex answer that came after flex lost is handed to discard, once; nothing else is.
  const delivered = seen.flexDelivered;
  const flexWon = 'ok' in outcome && outcome.ok.winner !== 'standard';
  const usedAsFallback = delivered?.type === 'fallback' && standardCall?.flexAbortName === 'AbortError';
  if (delivered && !flexWon && !usedAsFallback) expect(seen.discarded).toEqual([delivered]);
  else expect(seen.discarded).toHaveLength(0);
}

describe('flexRace under every interleaving (fast-check scheduler + FakeClock)', () => {
  it('keeps its promises whatever answers first', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        checkInvariants(sc, await runScenario(sc));
      }),
      { numRuns: 1_000 },
    );
  });

  it('falls back exactly at the deadline when flex never answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArb.map((sc): Scenario => ({ ...sc, flexPlan: { kind: 'hang' }, callerAbort: 'none', elapsedBeforeCall: 0 })),
        async (sc) => {
          const run = await runScenario(sc);
          checkInvariants(sc, run);
          expect(run.seen.standardCalls).toEqual([expect.objectContaining({ at: run.deadline, flexAbortName: 'TimeoutError' })]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

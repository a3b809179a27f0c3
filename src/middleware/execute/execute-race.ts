import { detectCommit } from '../../core/commit/detector.js';
import type { DialectStream } from '../../core/commit/rules.js';
import { relayCommitted } from '../../core/commit/relay.js';
import { errorResponse, routerError } from '../../core/errors.js';
import { flexRace, type FlexStart } from '../../core/race.js';
import type { FallbackReason } from '../../core/types.js';
import type { SseEvent } from '../../sse/events.js';
import { dialects } from '../../dialects/index.js';
import { describeNetworkError } from './execute-direct.js';
import type { Exchange } from './exchange.js';
import type { Clock } from '../../core/clock.js';
import { relayHeaders, type RouteOutcome } from './response-headers.js';
import { relayAnswer } from './relay-answer.js';
import { discardBody } from './send-upstream.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/** What the race reads besides the exchange: its clock and the post-commit idle limit. */
export interface RaceSettings {
  clock: Clock;
  idleTimeoutMs: number;
}

/** A flex attempt that answered: either it started generating, or it refused the request (4xx). */
interface FlexAnswer {
  upstream: Response;
  /** Present when committed: the held bytes replayed, then the rest of the upstream body. */
  committed?: { stream: ReadableStream<Uint8Array>; heldEvents: SseEvent[] };
}

/** Maps an upstream status seen before commit to the race's verdict (SPEC §4 steps 4 and 5). */
export function classifyFlexStatus(status: number): 'ok' | 'final' | FallbackReason {
  if (status === 429) return 'status_429';
  if (status === 408 || status >= 500) return 'status_5xx';
  if (status >= 200 && status < 300) return 'ok';
  return 'final';
}

/**
 * A request that races (SPEC §4): flex is always asked for a stream so its start can be seen;
 * standard is sent as the caller asked. The winner is relayed; a committed flex that fails later
 * ends in the caller's own failure event (streaming) or `502 flex_failed_after_start` (whole).
 */
export async function executeRace(
  options: RaceSettings,
  exchange: Exchange,
  plan: { windowMs: number; fallbackTier: string },
  startedAt: number,
): Promise<{ response: Response; outcome: RouteOutcome }> {
  // Commit evidence, final events and failure frames are all read in the upstream dialect.
  const stream = dialects[exchange.dialect].stream;

  const flex = async (signal: AbortSignal): Promise<FlexStart<FlexAnswer>> => {
    let upstream: Response;
    try {
      upstream = await exchange.send('flex', 'flex', true, signal);
    } catch {
      return { type: 'fallback', reason: 'network' };
    }
    const verdict = classifyFlexStatus(upstream.status);
    if (verdict === 'final') return { type: 'final', value: { upstream } };
    if (verdict !== 'ok') {
      discardBody(upstream);
      return { type: 'fallback', reason: verdict };
    }
    if (!upstream.body) return { type: 'fallback', reason: 'ended_early' };
    const detected = await detectCommit(upstream.body, stream.rules, { signal });
    if (detected.type === 'failed') return { type: 'fallback', reason: detected.reason };
    return { type: 'committed', value: { upstream, committed: { stream: detected.stream, heldEvents: detected.heldEvents } } };
  };

  // Standard's network failure is an answer too (502), so the race still reports why flex lost.
  const standard = (signal: AbortSignal): Promise<Response | { unreachable: unknown }> =>
    exchange.send('standard', plan.fallbackTier, exchange.callerStream, signal).catch((cause: unknown) => {
      if (signal.aborted) throw cause;
      return { unreachable: cause };
    });

  // Rejects only when the caller aborted (standard's failures come back as answers).
  const result = await flexRace({
    flex,
    standard,
    windowMs: plan.windowMs,
    startedAt,
    clock: options.clock,
    signal: exchange.signal,
    discard: (late) => {
      if (late.type !== 'fallback') late.value.committed?.stream.cancel().catch(() => {}) ?? discardBody(late.value.upstream);
    },
  });

  if (result.winner === 'standard') {
    const outcome: RouteOutcome = { tier: plan.fallbackTier, race: `fallback:${result.reason}`, flexWaitMs: result.flexWaitMs };
    if (!(result.value instanceof Response)) {
      const err = routerError('upstream_unreachable', {
        provider: exchange.provider.id,
        format: callerShape(exchange.format),
        detail: describeNetworkError(result.value.unreachable),
      });
      return { response: errorResponse(err, relayHeaders(null, outcome)), outcome };
    }
    return { response: await relayAnswer(exchange, result.value, outcome), outcome };
  }

  const { upstream, committed } = result.value;
  if (!committed) {
    // Flex refused the request itself (bad parameter, bad key): the caller's problem, untouched.
    const outcome: RouteOutcome = { tier: 'flex', race: 'passthrough', flexWaitMs: result.flexWaitMs };
    return { response: new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: relayHeaders(upstream.headers, outcome) }), outcome };
  }

  const outcome: RouteOutcome = { tier: 'flex', race: 'committed', flexWaitMs: result.flexWaitMs };
  if (exchange.callerStream) {
    // Relay in the upstream dialect (its final event, its failure frame), then translate: a
    // post-commit failure reaches every caller as its own failure event, flex_failed_after_start.
    const relayed = relayCommitted(committed.stream, {
      failureFrame: (failure) => stream.failureFrame(failure, { heldEvents: committed.heldEvents, model: exchange.model }),
      isTerminal: stream.isTerminal,
      idleTimeoutMs: options.idleTimeoutMs,
      clock: options.clock,
      signal: exchange.signal,
    });
    const body = exchange.translation ? exchange.translation.stream(relayed, 'flex') : relayed;
    const reshaped = exchange.translation ? { contentType: 'text/event-stream', translated: true } : undefined;
    return { response: new Response(body, { status: 200, headers: relayHeaders(upstream.headers, outcome, reshaped) }), outcome };
  }
  return { response: await assembleWhole(options, exchange, stream, committed, upstream.headers, outcome), outcome };
}

/** Non-streaming caller whose request raced: read the committed stream whole and assemble (SPEC §4.3). */
async function assembleWhole(
  options: RaceSettings,
  exchange: Exchange,
  stream: DialectStream,
  committed: NonNullable<FlexAnswer['committed']>,
  upstreamHeaders: Headers,
  outcome: RouteOutcome,
): Promise<Response> {
  const events: SseEvent[] = [];
  let failure: string | undefined;
  const body = relayCommitted(committed.stream, {
    failureFrame: (f) => {
      failure = f.message;
      return new Uint8Array(0);
    },
    isTerminal: stream.isTerminal,
    idleTimeoutMs: options.idleTimeoutMs,
    clock: options.clock,
    signal: exchange.signal,
    onEvent: (event) => events.push(event),
  });
  const reader = body.getReader();
  while (!(await reader.read()).done);
  const assembly = failure === undefined ? stream.assemble(events) : undefined;
  if (!assembly?.ok) {
    const detail = failure ?? assembly?.message;
    const err = routerError('flex_failed_after_start', { provider: exchange.provider.id, format: callerShape(exchange.format), detail });
    return errorResponse(err, relayHeaders(null, outcome));
  }
  const whole = exchange.translation ? exchange.translation.whole(assembly.body) : assembly.body;
  return Response.json(whole, { status: 200, headers: relayHeaders(upstreamHeaders, outcome, { contentType: 'application/json', translated: exchange.translation !== undefined }) });
}

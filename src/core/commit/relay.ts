/**
 * Post-commit forwarding (SPEC §4 step 7). Once flex has committed it is the answer; if it then
 * breaks (connection cut, stall past the idle limit, body ends before the dialect's final event)
 * the client must see the failure, never a silent stop or a silent retry.
 *
 * Bytes pass through unchanged, frame by frame: the relay holds back only an incomplete trailing
 * frame, so when it has to append a failure frame the client is never left with half an event.
 */
import { systemClock, type Clock } from '../clock.js';
import { SseEventDecoder, type SseEvent } from '../../sse/events.js';
import { SseFrameScanner } from '../../sse/frames.js';
import { concatBytes } from './replay.js';
import type { RelayFailure, RelayFailureKind } from './rules.js';

export interface RelayOptions {
  /** The terminal failure event in the caller's format, as whole SSE frame bytes. */
  failureFrame: (failure: RelayFailure) => Uint8Array;
  /**
   * Recognises the dialect's final event (`[DONE]`, `response.completed`, an in-band error). When
   * given, a body that ends before one is a failure (`ended_early`); when omitted, any clean end
   * of the body counts as complete.
   */
  isTerminal?: (event: SseEvent) => boolean;
  /** No bytes from upstream for this long while the client waits = `stall` failure. Off when absent or 0. */
  idleTimeoutMs?: number;
  /** Timer source for the idle limit (default: the system clock). */
  clock?: Clock;
  /** Tap on every event forwarded, in order (usage accounting, assembly). Events are parsed only when this or `isTerminal` is given. */
  onEvent?: (event: SseEvent) => void;
  /** Aborting cancels upstream and errors the returned stream with the signal's reason (the caller went away). */
  signal?: AbortSignal;
}

/**
 * Forwards a committed upstream stream to the client, appending `failureFrame(...)` if it breaks.
 * Cancelling the returned stream cancels upstream. Once a terminal event has been forwarded, a
 * later cut or stall just closes the stream: the client already has its whole answer.
 *
 * @example
 * ```ts
 * const body = relayCommitted(outcome.stream, {
 *   isTerminal: openaiChatStream.isTerminal,
 *   failureFrame: (failure) => openaiChatStream.failureFrame(failure, { heldEvents: outcome.heldEvents }),
 *   idleTimeoutMs: 60_000,
 *   signal: request.signal,
 * });
 * return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
 * ```
 */
export function relayCommitted(stream: ReadableStream<Uint8Array>, options: RelayOptions): ReadableStream<Uint8Array> {
  const { failureFrame, isTerminal, onEvent, signal } = options;
  const idleMs = options.idleTimeoutMs ?? 0;
  const clock = options.clock ?? systemClock;
  const reader = stream.getReader();
  const scanner = new SseFrameScanner();
  // With a tap, every event is parsed as it passes. Without one (the hot path) nothing is parsed
  // while bytes flow: only the last whole frames are kept, and read when the stream ends, breaks
  // or stalls, since the dialect's final event is always the last one a provider sends.
  const decoder = onEvent ? new SseEventDecoder() : undefined;
  let partial: Uint8Array[] = []; // the incomplete trailing frame, held back
  let lastWhole: Uint8Array | undefined; // the last bytes forwarded (they end on a frame boundary)
  let terminalSeen = false;
  let lastEvent: SseEvent | undefined;
  let forwardedBytes = 0;
  let finished = false;
  let stalled = false;
  let onAbort: (() => void) | undefined;

  // One idle timer for the whole stream, re-armed when it fires early: no timer or promise per
  // chunk. Only time spent waiting on upstream counts; a slow client (no read pending) never
  // makes the stream look stalled.
  let waitingSince: number | undefined; // clock time the pending upstream read began
  let idleTimer: unknown;
  const armIdle = (delay: number): void => {
    idleTimer = clock.setTimeout(() => {
      idleTimer = undefined;
      if (finished) return;
      if (waitingSince === undefined) return armIdle(idleMs);
      const quiet = clock.now() - waitingSince;
      if (quiet < idleMs) return armIdle(idleMs - quiet);
      stalled = true;
      reader.cancel(new Error(`flexroute: upstream idle for ${idleMs} ms`)).catch(() => undefined);
    }, delay);
  };

  const observe = (events: SseEvent[]): void => {
    for (const event of events) {
      lastEvent = event;
      if (isTerminal?.(event)) terminalSeen = true;
      onEvent?.(event);
    }
  };

  /** Without a tap: learns the final events from the last whole frames (plus, at a clean end, an unterminated one). */
  const observeTail = (includePartial: boolean): void => {
    if (decoder || !isTerminal) return;
    const tail = includePartial ? concatBytes([...(lastWhole ? [lastWhole] : []), ...partial]) : lastWhole;
    if (!tail) return;
    const tailDecoder = new SseEventDecoder();
    observe([...tailDecoder.push(tail), ...tailDecoder.end({ includeUnterminated: includePartial })]);
  };

  const finish = (): void => {
    finished = true;
    partial = [];
    if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  };

  /** Ends the client stream: whole frames were sent, now the failure frame, then close. */
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, kind: RelayFailureKind, message: string): void => {
    finish();
    const failure: RelayFailure = { kind, message };
    if (lastEvent) failure.lastEvent = lastEvent;
    controller.enqueue(failureFrame(failure));
    controller.close();
  };

  /** After the final event, a cut or a stall changes nothing for the client: just close. */
  const closeQuietly = (controller: ReadableStreamDefaultController<Uint8Array>): void => {
    finish();
    controller.close();
  };

  const onStall = (controller: ReadableStreamDefaultController<Uint8Array>): void => {
    observeTail(false);
    if (terminalSeen) closeQuietly(controller);
    else fail(controller, 'stall', `The provider sent no bytes for ${idleMs} ms after the response had started (idle limit ${idleMs} ms), so the router closed the stream.`);
  };

  /** Reads until something can be sent (a chunk that only extends the held-back frame sends nothing). */
  const forward = async (controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> => {
    while (!finished) {
      let result: ReadableStreamReadResult<Uint8Array>;
      waitingSince = clock.now();
      try {
        result = await reader.read();
      } catch (error) {
        waitingSince = undefined;
        if (finished) return;
        if (stalled) return onStall(controller);
        observeTail(false);
        if (terminalSeen) closeQuietly(controller);
        else fail(controller, 'network', `The connection to the provider failed mid-stream after ${forwardedBytes} bytes (${describeError(error)}).`);
        return;
      }
      waitingSince = undefined;
      if (finished) return; // cancelled or aborted while reading
      if (stalled) return onStall(controller);

      if (result.done) {
        // A final event whose blank line never came still counts (lenient clients dispatch it).
        if (decoder) observe(decoder.end({ includeUnterminated: true }));
        else observeTail(true);
        if (isTerminal && !terminalSeen) {
          fail(controller, 'ended_early', `The provider closed the stream after ${forwardedBytes} bytes without sending its final event, so the response is cut short.`);
          return;
        }
        const rest = concatBytes(partial);
        finish();
        if (rest.length > 0) controller.enqueue(rest);
        controller.close();
        return;
      }

      const chunk = result.value;
      if (decoder) observe(decoder.push(chunk));
      const end = scanner.scan(chunk);
      if (end === -1) {
        if (chunk.length > 0) partial.push(chunk);
        continue;
      }
      const whole = partial.length === 0 && end === chunk.length ? chunk : concatBytes([...partial, chunk.subarray(0, end)]);
      partial = end < chunk.length ? [chunk.subarray(end)] : [];
      forwardedBytes += whole.length;
      lastWhole = whole;
      controller.enqueue(whole);
      return;
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (idleMs > 0) armIdle(idleMs);
        if (!signal) return;
        onAbort = () => {
          if (finished) return;
          finish();
          reader.cancel(signal.reason).catch(() => undefined);
          controller.error(signal.reason);
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      },

      async pull(controller) {
        try {
          await forward(controller);
        } catch (error) {
          // A throwing tap or failure frame errors the stream; upstream must not be left open.
          finish();
          reader.cancel(error).catch(() => undefined);
          throw error;
        }
      },

      cancel(reason) {
        finish();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A short, safe description of a transport error: its name and message, truncated. */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.name}: ${error.message}${cause}`.slice(0, 200);
  }
  return String(error).slice(0, 200);
}

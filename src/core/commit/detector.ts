/**
 * The streaming commit detector (SPEC §4 step 3): reads an upstream SSE body until the first
 * event that proves generation started, holding every byte seen, then hands back a stream that
 * replays those bytes unchanged and continues with the rest of the body.
 */
import { SseEventDecoder, type SseEvent } from '../../sse/events.js';
import { replayStream } from './replay.js';
import type { CommitRules } from './rules.js';

/** Why a flex attempt failed before commit; each maps to an `x-flexroute-race: fallback:<reason>`. */
export type CommitFailureReason = 'error_event' | 'ended_early' | 'network';

export type CommitOutcome =
  | {
      type: 'committed';
      /** Every held byte unchanged, then the rest of the upstream body unchanged. Cancelling it cancels upstream. */
      stream: ReadableStream<Uint8Array>;
      /** Events up to and including the one that committed (the same whatever the chunking). */
      heldEvents: SseEvent[];
    }
  | {
      type: 'failed';
      reason: CommitFailureReason;
      /** Events seen before the failure, including the error event itself (usage, error details). */
      heldEvents: SseEvent[];
    };

export interface DetectCommitOptions {
  /**
   * Aborts detection: the body is cancelled and the promise rejects with the signal's reason.
   * It covers detection only; after commit, cancel the returned stream instead.
   */
  signal?: AbortSignal;
}

/**
 * Watches `body` until `rules` classify an event as `start` (commit), `error` (fail with
 * `error_event`) or `end` (fail with `ended_early`); a body that ends first fails with
 * `ended_early`, one that errors (connection reset) with `network`. On failure the body is
 * cancelled, so the provider stops generating.
 *
 * It reads no further than the chunk holding the start event.
 *
 * @example
 * ```ts
 * const outcome = await detectCommit(flexResponse.body!, openaiResponsesStream.rules, { signal });
 * if (outcome.type === 'committed') return new Response(outcome.stream, flexResponse);
 * fallBackToStandard(outcome.reason); // 'error_event' | 'ended_early' | 'network'
 * ```
 */
export async function detectCommit(
  body: ReadableStream<Uint8Array>,
  rules: CommitRules,
  options: DetectCommitOptions = {},
): Promise<CommitOutcome> {
  const { signal } = options;
  const reader = body.getReader();
  if (signal?.aborted) {
    cancelQuietly(reader, signal.reason);
    throw signal.reason;
  }
  const abort = signal ? abortRejection(signal, () => cancelQuietly(reader, signal.reason)) : undefined;
  const decoder = new SseEventDecoder();
  const held: Uint8Array[] = [];
  const heldEvents: SseEvent[] = [];
  const fail = (reason: CommitFailureReason): CommitOutcome => {
    cancelQuietly(reader, new Error(`flexroute: flex attempt abandoned before commit (${reason})`));
    return { type: 'failed', reason, heldEvents };
  };

  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await (abort ? Promise.race([reader.read(), abort.rejected]) : reader.read());
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        return fail('network');
      }
      if (signal?.aborted) throw signal.reason;
      if (result.done) return fail('ended_early');
      const chunk = result.value;
      if (chunk.length === 0) continue;
      held.push(chunk);
      for (const event of decoder.push(chunk)) {
        heldEvents.push(event);
        const verdict = rules.classify(event);
        if (verdict === 'start') return { type: 'committed', stream: replayStream(held, reader), heldEvents };
        if (verdict === 'error') return fail('error_event');
        if (verdict === 'end') return fail('ended_early');
      }
    }
  } catch (error) {
    // An abort, or a bug in the rules: either way the flex connection must not stay open.
    cancelQuietly(reader, error);
    throw error;
  } finally {
    abort?.dispose();
  }
}

/** A promise that rejects when `signal` aborts (after running `onAbort`), and a way to stop listening. */
function abortRejection(signal: AbortSignal, onAbort: () => void): { rejected: Promise<never>; dispose: () => void } {
  let listener: () => void = () => undefined;
  const rejected = new Promise<never>((_, reject) => {
    listener = () => {
      onAbort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', listener, { once: true });
  });
  rejected.catch(() => undefined); // observed through Promise.race only; never unhandled
  return { rejected, dispose: () => signal.removeEventListener('abort', listener) };
}

function cancelQuietly(reader: ReadableStreamDefaultReader<Uint8Array>, reason: unknown): void {
  // An already errored body rejects cancel(); that is expected and carries no news.
  reader.cancel(reason).catch(() => undefined);
}

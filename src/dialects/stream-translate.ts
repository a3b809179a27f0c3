/**
 * Stream translation between wire dialects: upstream SSE bytes in one dialect become the caller's
 * SSE bytes in another, through the IR stream events (`src/dialects/ir/stream.ts`).
 *
 * Per upstream chunk: bytes to SSE events (`SseEventDecoder`), each event to IR events (the
 * `from` dialect's decoder), each IR event to SSE text (the `to` dialect's encoder), and one
 * UTF-8 pass for the whole chunk, into slabs (`utf8-slabs.ts`) rather than a buffer per chunk.
 * No event is held back beyond what a dialect needs (Gemini function calls are sent whole;
 * Anthropic's `message_start` waits for the first output).
 */
import type { DialectId } from '../core/types.js';
import { SseEventDecoder } from '../sse/events.js';
import { dialects } from './index.js';
import type { IREmit, StreamDecoder, StreamEncodeContext, StreamEncoder } from './ir/stream.js';
import { guardStream } from './ir/stream-guard.js';
import { createUtf8SlabEncoder } from './utf8-slabs.js';

/** A fresh stream decoder (wire events to IR) for `dialect`. */
export function createStreamDecoder(dialect: DialectId): StreamDecoder {
  return dialects[dialect].createStreamDecoder();
}

/** A fresh stream encoder (IR to wire frames) for `dialect`. */
export function createStreamEncoder(dialect: DialectId, ctx: StreamEncodeContext): StreamEncoder {
  return dialects[dialect].createStreamEncoder(ctx);
}

/**
 * Translates an upstream SSE body from dialect `from` into dialect `to`.
 *
 * - Same dialect in and out: the body is returned untouched (the router rewrites only the tier).
 * - The served tier shows in the caller's own field (`service_tier`, `usage.service_tier`,
 *   `usageMetadata.serviceTier`): the upstream's report when it gives one, else `ctx.servedTier`.
 * - The output always ends with the caller's terminal event. If the upstream ends before its own
 *   terminal event, sends an in-band error, or its connection fails, the caller gets its
 *   dialect's failure event (`response.failed`, a chat `error` chunk, `event: error`, a Gemini
 *   error chunk) — never a silently truncated stream.
 * - Cancelling the returned stream cancels the upstream body.
 *
 * @example
 * ```ts
 * const upstream = await fetch('https://api.anthropic.com/v1/messages', init);
 * const body = translateStream(upstream.body!, 'anthropic-messages', 'openai-responses', {
 *   callerModel: 'claude-sonnet-4-5',
 *   servedTier: 'standard',
 * });
 * return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
 * ```
 */
export function translateStream(
  body: ReadableStream<Uint8Array>,
  from: DialectId,
  to: DialectId,
  ctx: StreamEncodeContext,
): ReadableStream<Uint8Array> {
  if (from === to) return body;
  const reader = body.getReader();
  const sse = new SseEventDecoder();
  const decoder = createStreamDecoder(from);
  const encoder = createStreamEncoder(to, ctx);
  const utf8 = createUtf8SlabEncoder();
  // The chunk's output, concatenated as it comes: an array joined once per chunk measured no faster.
  let out = '';
  let finished = false;
  // The upstream is held to its own protocol: a broken stream ends in the caller's failure event.
  const emit: IREmit = guardStream((event) => {
    if (event.type === 'finish' || event.type === 'error') finished = true;
    out += encoder.push(event);
  });

  /** Returns and clears the text produced so far. */
  function take(): string {
    const text = out;
    out = '';
    return text;
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Read until some output exists, so each pull enqueues at most one chunk.
      for (;;) {
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (error) {
          emit({ type: 'error', code: 'network', message: `The upstream connection failed mid-stream (${describe(error)}).` });
          controller.enqueue(utf8(take()));
          controller.close();
          return;
        }
        if (result.done) {
          for (const event of sse.end()) decoder.push(event, emit);
          decoder.end(emit);
          const text = take();
          if (text !== '') controller.enqueue(utf8(text));
          controller.close();
          return;
        }
        for (const event of sse.push(result.value)) decoder.push(event, emit);
        const text = take();
        if (text !== '') controller.enqueue(utf8(text));
        if (finished) {
          // The caller has its terminal event: end its stream now and stop the upstream.
          controller.close();
          await reader.cancel().catch(() => undefined);
          return;
        }
        if (text !== '') return;
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

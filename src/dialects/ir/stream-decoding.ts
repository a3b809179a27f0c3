/**
 * What every stream decoder shares: the stream ends exactly once, an event whose data is not JSON
 * fails it, and an in-band error becomes one IR `error`. The dialect decoders only say what their
 * events mean.
 */
import type { SseEvent } from '../../sse/events.js';
import { isJsonObject, parseJsonObject, type JsonObject } from './json.js';
import type { IREmit, IRErrorEvent, StreamDecoder } from './stream.js';

/**
 * Makes `decoder` keep the IR contract's ending: once it emits a `finish` or an `error`, nothing
 * more passes; a stream that ends before either ends with an `ended_early` error saying
 * `endedEarly`. `decoder.end` may emit its own ending first (Chat finishes without `[DONE]`).
 *
 * @example
 * ```ts
 * return endsOnce({ push }, 'The Anthropic stream ended before message_stop: the response is incomplete.');
 * ```
 */
export function endsOnce(decoder: { push: StreamDecoder['push']; end?: StreamDecoder['end'] }, endedEarly: string): StreamDecoder {
  let ended = false;
  // The guard around the caller's `emit`, made again only when the caller passes another one
  // (translation passes the same one for every event, so no closure is made per event).
  let guardedFor: IREmit | undefined;
  let guard: IREmit = () => undefined;
  function guarded(emit: IREmit): IREmit {
    if (emit !== guardedFor) {
      guardedFor = emit;
      guard = (event) => {
        if (ended) return;
        if (event.type === 'finish' || event.type === 'error') ended = true;
        emit(event);
      };
    }
    return guard;
  }
  return {
    push(sse, emit) {
      if (!ended) decoder.push(sse, guarded(emit));
    },
    end(emit) {
      if (ended) return;
      decoder.end?.(guarded(emit));
      guarded(emit)({ type: 'error', code: 'ended_early', message: endedEarly });
    },
  };
}

/**
 * The event's data as a JSON object; otherwise emits the error that fails the stream
 * (`<sender> sent an <unit> that is not a JSON object: …`) and returns `undefined`.
 */
export function eventData(sse: SseEvent, sender: string, unit: 'event' | 'chunk', emit: IREmit): JsonObject | undefined {
  const data = parseJsonObject(sse.data);
  if (!data) emit({ type: 'error', message: `${sender} sent ${unit === 'event' ? 'an' : 'a'} ${unit} that is not a JSON object: ${sse.data.slice(0, 200)}` });
  return data;
}

/**
 * An upstream's in-band error object as an IR `error`: its `message` (else `fallback`) and the
 * first non-empty string among `codeFields` as the code.
 *
 * @example
 * upstreamError({ type: 'overloaded_error', message: 'Overloaded' }, 'Anthropic reported an error.', ['type'])
 * // { type: 'error', message: 'Overloaded', code: 'overloaded_error' }
 */
export function upstreamError(error: unknown, fallback: string, codeFields: readonly string[]): IRErrorEvent {
  const found = isJsonObject(error) ? error : {};
  const message = found['message'];
  const code = codeFields.map((field) => found[field]).find((value) => typeof value === 'string' && value !== '');
  return { type: 'error', message: typeof message === 'string' ? message : fallback, ...(typeof code === 'string' ? { code } : {}) };
}

/**
 * A stream event's type: its SSE `event:` name, else the payload's type field (`type`, or
 * Interactions' `event_type`: the dialect's `eventTypeField`); `undefined` when neither says.
 * Pass `data` when the payload is already parsed.
 *
 * @example
 * sseEventType({ event: undefined, data: '{"type":"response.created"}' }, 'type') // 'response.created'
 */
export function sseEventType(event: SseEvent, field: string | undefined, data?: JsonObject): string | undefined {
  if (event.event !== undefined && event.event !== 'message') return event.event;
  if (field === undefined) return undefined;
  const type = (data ?? parseJsonObject(event.data))?.[field];
  return typeof type === 'string' ? type : undefined;
}


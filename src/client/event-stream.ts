/**
 * A streamed answer as an async iterable of parsed events. Server-sent events are decoded with
 * the router's own SSE decoder (eventsource-parser underneath; any chunking, CR/LF/CRLF, split
 * UTF-8), each `data:` is parsed as JSON, `data: [DONE]` ends the iteration, and an error event
 * throws a {@link FlexRouteError}.
 */
import { SseEventDecoder, type SseEvent } from '../sse/events.js';
import { asyncDispose } from './dispose-symbol.js';
import { FlexRouteError } from './errors.js';
import { errorFromStreamEvent, isErrorEvent } from './read-error.js';
import type { RequestScope } from './request-scope.js';

/**
 * One streamed event: the event's JSON object as the router sent it, plus `event`, the SSE event
 * name, when the frame had one (Responses, Messages and Interactions name their events; Chat
 * chunks are unnamed). A JSON field called `event` wins over the SSE name.
 */
export type StreamEvent = { event?: string } & Record<string, unknown>;

/**
 * The events of a streaming request, in order. Iterate it once with `for await`; breaking out
 * of the loop, {@link EventStream.close}, or `await using` cancels the rest of the answer and
 * releases its connection.
 *
 * Errors: an error event (`error`, `response.failed`, a Chat chunk with `error`) throws a
 * {@link FlexRouteError}; a connection that breaks first throws a `FlexRouteConnectionError`.
 *
 * @example
 * ```ts
 * const stream = await client.responses.create({ model: 'gpt-5-mini', input: 'Count to ten.', start_within: '00h-00m-20s', stream: true });
 * console.log(stream.headers.get('x-flexroute-tier')); // 'flex' or 'default'
 * for await (const event of stream) {
 *   if (event.type === 'response.output_text.delta') process.stdout.write(String(event.delta));
 * }
 * ```
 */
export class EventStream<Event extends StreamEvent = StreamEvent> implements AsyncIterable<Event> {
  /** HTTP status of the streaming response (2xx). */
  readonly status: number;
  /** Response headers, e.g. `x-flexroute-tier`, `x-flexroute-race`, `x-flexroute-flex-wait-ms`. */
  readonly headers: Headers;
  readonly #response: Response;
  readonly #scope: RequestScope;
  #iterated = false;
  #closed = false;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  /** @internal Made by the client; not meant to be constructed by users. */
  constructor(response: Response, scope: RequestScope) {
    this.#response = response;
    this.#scope = scope;
    this.status = response.status;
    this.headers = response.headers;
  }

  [Symbol.asyncIterator](): AsyncIterator<Event> {
    if (this.#closed) {
      throw new TypeError('This stream was closed, so there is nothing left to read. Iterate it before calling close() (or leaving its `await using` block).');
    }
    if (this.#iterated) {
      throw new TypeError('This stream was already iterated; an EventStream can be read once. Keep the events you need as you read them.');
    }
    this.#iterated = true;
    return this.#events();
  }

  /** Stops reading: cancels the rest of the answer and releases its connection. Safe to call twice. */
  async close(): Promise<void> {
    this.#iterated = true;
    this.#closed = true;
    // Mid-iteration, cancelling the reader ends the loop quietly (its pending read reports done).
    if (this.#reader) await this.#reader.cancel().catch(() => undefined);
    else await this.#response.body?.cancel().catch(() => undefined);
    this.#scope.finish();
  }

  /** `await using stream = await client.responses.create({ …, stream: true })` closes it on scope exit. */
  [asyncDispose](): Promise<void> {
    return this.close();
  }

  async *#events(): AsyncGenerator<Event, void, undefined> {
    const body = this.#response.body;
    if (!body) {
      this.#scope.finish();
      return;
    }
    const reader = body.getReader();
    this.#reader = reader;
    const decoder = new SseEventDecoder();
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (cause) {
          throw this.#scope.failure(cause, 'read');
        }
        if (chunk.done) break;
        this.#scope.touch();
        for (const sse of decoder.push(chunk.value)) {
          // One chunk can hold many events: stop at once when the request was cancelled or closed meanwhile.
          this.#scope.throwIfAborted();
          if (this.#closed || sse.data === '[DONE]') return;
          yield this.#parse(sse);
        }
      }
      for (const sse of decoder.end()) {
        if (sse.data === '[DONE]') return;
        yield this.#parse(sse);
      }
    } finally {
      this.#reader = undefined;
      // Ends the connection when the loop stopped early (break, [DONE], an error); a no-op after the end.
      await reader.cancel().catch(() => undefined);
      reader.releaseLock();
      this.#scope.finish();
    }
  }

  #parse(sse: SseEvent): Event {
    let payload: unknown;
    try {
      payload = JSON.parse(sse.data);
    } catch {
      payload = undefined;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new FlexRouteError(
        `The stream sent an event whose data is not a JSON object (${JSON.stringify(sse.data.slice(0, 80))}), so the answer cannot be read reliably. ` +
          'Retry the request; if it keeps happening, the provider or a proxy is corrupting the stream.',
        { status: this.status, type: 'api_error', code: 'invalid_stream_event', param: null, body: sse.data, headers: this.headers },
      );
    }
    const event = payload as Record<string, unknown>;
    if (isErrorEvent(sse.event, event)) throw errorFromStreamEvent(event, this.#response);
    return (sse.event === undefined ? event : { event: sse.event, ...event }) as Event;
  }
}

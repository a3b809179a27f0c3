/**
 * Bytes to server-sent events. A thin, stateful wrapper around `eventsource-parser` that takes
 * raw bytes in any chunking and returns whole events, the same events whatever the chunking.
 *
 * Two things it adds to the parser:
 * - a streaming `TextDecoder`, so a multi-byte UTF-8 character split across chunks is decoded
 *   once, whole;
 * - line-ending normalisation (CRLF and lone CR become LF) that remembers a CR at the end of a
 *   chunk. The parser on its own holds a trailing CR back until the next byte shows whether an
 *   LF follows; here a CR is a line end at once, so an event ending in `\r\r` is dispatched
 *   without waiting for more bytes (the commit detector must never wait for bytes it does not need).
 */
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

/** One server-sent event: the `event:` name (absent when the server sent none), its data and id. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Incremental decoder: push byte chunks, get the events they complete.
 *
 * @example
 * ```ts
 * const decoder = new SseEventDecoder();
 * decoder.push(new TextEncoder().encode('event: ping\ndata: {"a"')); // []
 * decoder.push(new TextEncoder().encode(':1}\n\n'));                 // [{ event: 'ping', data: '{"a":1}' }]
 * decoder.end();                                                    // []
 * ```
 */
export class SseEventDecoder {
  readonly #text = new TextDecoder('utf-8');
  readonly #parser: EventSourceParser;
  #completed: SseEvent[] = [];
  /** The previous text ended with CR: an LF starting the next text belongs to that CRLF. */
  #afterCR = false;

  constructor() {
    this.#parser = createParser({ onEvent: (message) => this.#completed.push(toSseEvent(message)) });
  }

  /** Feeds one chunk; returns the events it completed, in order (often none). */
  push(chunk: Uint8Array): SseEvent[] {
    return this.#feed(this.#text.decode(chunk, { stream: true }));
  }

  /**
   * Ends the stream and returns any events still owed. By the SSE rules an event not closed by a
   * blank line is discarded at end of stream; pass `includeUnterminated: true` to dispatch it
   * anyway, as lenient clients (the openai SDK among them) do — but only when its last line was
   * received whole: a line cut off mid-way (`data: {"type":"respo`) is never dispatched.
   */
  end(options: { includeUnterminated?: boolean } = {}): SseEvent[] {
    const events = this.#feed(this.#text.decode());
    if (options.includeUnterminated) {
      // One LF: a blank line after a whole last line dispatches its event; after a line cut off
      // mid-way it only ends that line, so nothing half-received is dispatched. Straight to the
      // parser: through #feed, an LF after a final CR would be taken for its CRLF.
      this.#parser.feed('\n');
      events.push(...this.#takeCompleted());
    }
    return events;
  }

  #feed(text: string): SseEvent[] {
    let input = text;
    if (this.#afterCR && input.startsWith('\n')) {
      input = input.slice(1);
      this.#afterCR = false;
    }
    // Empty text (e.g. half a UTF-8 character) leaves the CR state as it was.
    if (input.length > 0) this.#afterCR = input.endsWith('\r');
    if (input.includes('\r')) input = input.replace(/\r\n?/g, '\n');
    if (input.length > 0) this.#parser.feed(input);
    return this.#takeCompleted();
  }

  #takeCompleted(): SseEvent[] {
    const events = this.#completed;
    this.#completed = [];
    return events;
  }
}

/**
 * Parses a whole SSE body at once. Unterminated trailing events are dropped, per the SSE rules.
 *
 * @example
 * ```ts
 * parseSseEvents('data: {"x":1}\n\ndata: [DONE]\n\n'); // [{ data: '{"x":1}' }, { data: '[DONE]' }]
 * ```
 */
export function parseSseEvents(body: Uint8Array | string): SseEvent[] {
  const decoder = new SseEventDecoder();
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return [...decoder.push(bytes), ...decoder.end()];
}

/**
 * Reads a byte stream to its end, yielding events as they complete. Breaking out of the loop
 * cancels the stream.
 *
 * @example
 * ```ts
 * for await (const event of readSseEvents(response.body!)) console.log(event.event, event.data);
 * ```
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new SseEventDecoder();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* decoder.push(value);
    }
    finished = true;
    yield* decoder.end();
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Copies only the fields the server sent, so events compare equal however they were parsed. */
function toSseEvent(message: EventSourceMessage): SseEvent {
  const event: SseEvent = { data: message.data };
  if (message.event !== undefined) event.event = message.event;
  if (message.id !== undefined) event.id = message.id;
  return event;
}

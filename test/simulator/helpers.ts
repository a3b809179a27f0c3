/**
 * Test helpers for the simulator: a small incremental SSE reader over a real fetch response
 * (using eventsource-parser, the same kind of byte-level parser a client uses), fixture
 * loading and a JSON POST.
 */
import { readFileSync } from 'node:fs';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** Reads SSE events one at a time from a fetch response. */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private readonly queue: EventSourceMessage[] = [];
  private readonly parser = createParser({ onEvent: (event) => this.queue.push(event) });
  private ended = false;

  constructor(response: Response) {
    if (!response.body) throw new Error('response has no body');
    this.reader = response.body.getReader();
  }

  /** The next event, or `undefined` when the stream ended cleanly. Rejects if the connection fails. */
  async next(): Promise<EventSourceMessage | undefined> {
    while (this.queue.length === 0) {
      if (this.ended) return undefined;
      const { value, done } = await this.reader.read();
      if (done) this.ended = true;
      else this.parser.feed(this.decoder.decode(value, { stream: true }));
    }
    return this.queue.shift();
  }

  /** Every remaining event until the end. */
  async rest(): Promise<EventSourceMessage[]> {
    const events: EventSourceMessage[] = [];
    for (let e = await this.next(); e !== undefined; e = await this.next()) events.push(e);
    return events;
  }

  /** Reads until an event matches; returns the events read, the match last. */
  async until(match: (e: EventSourceMessage) => boolean): Promise<EventSourceMessage[]> {
    const events: EventSourceMessage[] = [];
    for (;;) {
      const e = await this.next();
      if (e === undefined) throw new Error(`stream ended before a matching event; saw ${events.length} events`);
      events.push(e);
      if (match(e)) return events;
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel().catch(() => undefined);
  }
}

/** Every event of a streaming response. */
export async function readAllEvents(response: Response): Promise<EventSourceMessage[]> {
  return new SseReader(response).rest();
}

/** POSTs JSON to the simulator. */
export function postJson(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', ...init.headers },
    body: JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

/** A recorded fixture's text (test/fixtures/recorded/). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/recorded/${name}`, import.meta.url), 'utf8');
}

/** Parsed JSON payloads of a `*.chunks.txt`. */
export function fixtureLines(name: string): Array<Record<string, unknown>> {
  return fixture(name)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Resolves once `check()` is true, polling on the event loop; rejects after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The JSON payloads of events (skipping `[DONE]`). */
export function payloads(events: EventSourceMessage[]): Array<Record<string, any>> {
  return events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Record<string, any>);
}

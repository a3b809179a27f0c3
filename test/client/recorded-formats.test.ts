/**
 * The Messages and Interactions formats (which the simulator does not speak yet) read from real
 * provider bytes: a loopback server replays the recorded transcripts, framed as the providers
 * frame them (test/fixtures/recorded/NOTICE.md), and the router's own failure frames.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlexRoute, FlexRouteError, interactionOutputText, messageOutputText, type StreamEvent } from '../../src/client/index.js';
import { dialects } from '../../src/dialects/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/recorded/${name}`, import.meta.url), 'utf8');
const lines = (name: string) =>
  fixture(name)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Frames recorded events as the provider sends them: the event name from `nameField`. */
function frames(events: Record<string, unknown>[], nameField: 'type' | 'event_type'): string {
  return events.map((e) => `event: ${String(e[nameField])}\ndata: ${JSON.stringify(e)}\n\n`).join('');
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

let reply: Reply;
const seen: Array<{ path: string; body: unknown }> = [];
let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body: JSON.parse(text) });
      res.writeHead(reply.status, { 'content-type': reply.contentType });
      // Split the body in small pieces so events straddle chunks, as on a real network.
      const bytes = Buffer.from(reply.body, 'utf8');
      for (let at = 0; at < bytes.length; at += 97) res.write(bytes.subarray(at, at + 97));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const messagesBody = { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }], start_within: 'default' };
const interactionsBody = { model: 'gemini-2.5-flash', input: 'Hi', start_within: '00h-00m-30s' };

async function collect(stream: AsyncIterable<StreamEvent>) {
  const events: StreamEvent[] = [];
  let error: unknown;
  try {
    for await (const event of stream) events.push(event);
  } catch (err) {
    error = err;
  }
  return { events, error };
}

describe('Messages (Anthropic shape)', () => {
  it('a whole Message comes back exactly as sent, to POST <base>/messages', async () => {
    reply = { status: 200, contentType: 'application/json', body: fixture('anthropic-text.json') };
    await using client = new FlexRoute({ baseURL });
    const res = await client.messages.create(messagesBody);
    expect(res).toEqual(JSON.parse(fixture('anthropic-text.json')));
    expect(messageOutputText(res)).toBe("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?");
    expect(seen.at(-1)).toEqual({ path: '/v1/messages', body: messagesBody });
  });

  it('a stream yields every recorded event, named, in order', async () => {
    const recorded = lines('anthropic-text.chunks.txt');
    reply = { status: 200, contentType: 'text/event-stream', body: frames(recorded, 'type') };
    await using client = new FlexRoute({ baseURL });
    const { events, error } = await collect(await client.messages.create({ ...messagesBody, stream: true }));
    expect(error).toBeUndefined();
    expect(events).toEqual(recorded.map((e) => ({ event: e['type'], ...e })));
  });

  it('an Anthropic `event: error` mid-stream throws with its type and message', async () => {
    const recorded = lines('anthropic-text.chunks.txt').slice(0, 3);
    const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    reply = { status: 200, contentType: 'text/event-stream', body: `${frames(recorded, 'type')}event: error\ndata: ${JSON.stringify(overloaded)}\n\n` };
    await using client = new FlexRoute({ baseURL });
    const { events, error } = await collect(await client.messages.create({ ...messagesBody, stream: true }));
    expect(events).toHaveLength(3);
    expect(error).toBeInstanceOf(FlexRouteError);
    expect(error).toMatchObject({ status: 200, type: 'overloaded_error', code: null, message: 'Overloaded', body: overloaded });
  });

  it('the router\'s failure frame after a started flex stream throws flex_failed_after_start', async () => {
    const recorded = lines('anthropic-text.chunks.txt').slice(0, 4);
    const failure = new TextDecoder().decode(
      dialects['anthropic-messages'].stream.failureFrame({ kind: 'network', message: 'The connection to the provider was cut.' }),
    );
    reply = { status: 200, contentType: 'text/event-stream', body: frames(recorded, 'type') + failure };
    await using client = new FlexRoute({ baseURL });
    const { events, error } = await collect(await client.messages.create({ ...messagesBody, stream: true }));
    expect(events).toHaveLength(4);
    expect(error).toMatchObject({ code: 'flex_failed_after_start', type: 'api_error' });
    expect((error as Error).message).toContain('The connection to the provider was cut.');
  });
});

describe('Interactions (Gemini shape)', () => {
  it('a whole Interaction comes back exactly as sent, to POST <base>/interactions', async () => {
    reply = { status: 200, contentType: 'application/json', body: fixture('interactions-basic.json') };
    await using client = new FlexRoute({ baseURL });
    const res = await client.interactions.create(interactionsBody);
    expect(res).toEqual(JSON.parse(fixture('interactions-basic.json')));
    expect(interactionOutputText(res)).toBe("Hello! I'm doing well, thank you for asking.\n\nHow are you today?");
    expect(seen.at(-1)).toEqual({ path: '/v1/interactions', body: interactionsBody });
  });

  it('a stream yields every recorded event, named by event_type', async () => {
    const recorded = lines('interactions-basic.chunks.txt');
    reply = { status: 200, contentType: 'text/event-stream', body: frames(recorded, 'event_type') };
    await using client = new FlexRoute({ baseURL });
    const { events, error } = await collect(await client.interactions.create({ ...interactionsBody, stream: true }));
    expect(error).toBeUndefined();
    expect(events).toEqual(recorded.map((e) => ({ event: e['event_type'], ...e })));
    expect(events.at(-1)!['event_type']).toBe('interaction.completed');
  });

  it('the router\'s `error` event after a started flex stream throws flex_failed_after_start', async () => {
    const recorded = lines('interactions-basic.chunks.txt').slice(0, 5);
    const failure = new TextDecoder().decode(
      dialects['gemini-interactions'].stream.failureFrame({ kind: 'stall', message: 'The provider went silent.' }),
    );
    reply = { status: 200, contentType: 'text/event-stream', body: frames(recorded, 'event_type') + failure };
    await using client = new FlexRoute({ baseURL });
    const { events, error } = await collect(await client.interactions.create({ ...interactionsBody, stream: true }));
    expect(events).toHaveLength(5);
    expect(error).toBeInstanceOf(FlexRouteError);
    expect((error as FlexRouteError).code).toBe('flex_failed_after_start');
  });
});

describe('answers that are not what a router sends', () => {
  it('a non-JSON error page keeps its text as the body and says what came back', async () => {
    reply = { status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' };
    await using client = new FlexRoute({ baseURL });
    const err = await client.messages.create(messagesBody).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlexRouteError);
    expect(err).toMatchObject({ status: 502, type: null, code: null, param: null, body: '<html><body>Bad Gateway</body></html>' });
    expect((err as Error).message).toContain('502');
    expect((err as Error).message).toContain('Bad Gateway');
  });

  it('a 2xx body that is not JSON is an error, not a silent undefined', async () => {
    reply = { status: 200, contentType: 'text/plain', body: 'OK' };
    await using client = new FlexRoute({ baseURL });
    const err = await client.interactions.create(interactionsBody).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'FlexRouteError', status: 200, code: 'invalid_response_body', body: 'OK' });
  });
});

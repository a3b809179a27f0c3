import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, FlexRoute, FlexRouteClient } from '../../src/client/index.js';

/** A loopback server that answers every request with `{}` and remembers what it was sent. */
let server: Server;
let origin: string;
const received: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const body = { model: 'gpt-5-mini', input: 'Hi', start_within: 'default' };

describe('what a request carries', () => {
  it('POSTs JSON to <baseURL><path> with the key as a Bearer token; request headers override client headers', async () => {
    await using client = new FlexRoute({
      baseURL: `${origin}/v1/`,
      apiKey: 'flex_live_test_key',
      defaultHeaders: { 'x-team': 'search', 'x-trace': 'client' },
    });
    expect(client.baseURL).toBe(`${origin}/v1`);
    await client.chat.completions.create(
      { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }], start_within: 'default', temperature: 0.2 },
      { headers: { 'x-trace': 'request' } },
    );
    const sent = received.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['accept']).toBe('application/json');
    expect(sent.headers['authorization']).toBe('Bearer flex_live_test_key');
    expect(sent.headers['x-team']).toBe('search');
    expect(sent.headers['x-trace']).toBe('request');
    // Unknown fields pass through untouched; start_within is sent for the router to read.
    expect(JSON.parse(sent.body)).toEqual({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }], start_within: 'default', temperature: 0.2 });
  });

  it('a streaming request asks for text/event-stream', async () => {
    await using client = new FlexRoute({ baseURL: `${origin}/v1` });
    const stream = await client.responses.create({ ...body, stream: true });
    await stream.close();
    expect(received.at(-1)!.headers['accept']).toBe('text/event-stream');
    expect(received.at(-1)!.headers['authorization']).toBeUndefined();
  });

  it('FlexRouteClient is the same class', () => {
    expect(FlexRouteClient).toBe(FlexRoute);
  });
});

describe('options', () => {
  it('defaults to flexroute serve\'s address', () => {
    expect(DEFAULT_BASE_URL).toBe('http://127.0.0.1:8080/v1');
    const saved = process.env['FLEXROUTE_BASE_URL'];
    delete process.env['FLEXROUTE_BASE_URL'];
    try {
      expect(new FlexRoute().baseURL).toBe(DEFAULT_BASE_URL);
      process.env['FLEXROUTE_BASE_URL'] = 'http://gateway.internal:9000/v1';
      expect(new FlexRoute().baseURL).toBe('http://gateway.internal:9000/v1');
      expect(new FlexRoute({ baseURL: `${origin}/v1` }).baseURL).toBe(`${origin}/v1`);
    } finally {
      if (saved === undefined) delete process.env['FLEXROUTE_BASE_URL'];
      else process.env['FLEXROUTE_BASE_URL'] = saved;
    }
  });

  it('refuses a base URL fetch could not use, saying what a good one looks like', () => {
    expect(() => new FlexRoute({ baseURL: 'localhost:8080/v1' })).toThrow(/absolute http\(s\) URL.*http:\/\/127\.0\.0\.1:8080\/v1/);
    expect(() => new FlexRoute({ baseURL: 'not a url' })).toThrow(TypeError);
  });

  it('refuses credentials in the base URL without echoing them', () => {
    const attempt = () => new FlexRoute({ baseURL: 'http://me:hunter2-secret@127.0.0.1:8080/v1' });
    expect(attempt).toThrow(/apiKey/);
    expect(() => attempt()).not.toThrow(/hunter2/);
  });

  it('refuses a timeout that is not a positive number', async () => {
    expect(() => new FlexRoute({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => new FlexRoute({ timeoutMs: Number.NaN })).toThrow(/positive number of milliseconds/);
    await using client = new FlexRoute({ baseURL: `${origin}/v1` });
    await expect(client.responses.create(body, { timeoutMs: -5 })).rejects.toThrow(RangeError);
  });

  it('never shows the key when the client is logged or serialised', () => {
    const client = new FlexRoute({ baseURL: `${origin}/v1`, apiKey: 'sk-live-do-not-print-0123456789' });
    expect(inspect(client, { depth: 5 })).not.toContain('do-not-print');
    expect(JSON.stringify(client)).not.toContain('do-not-print');
  });
});

describe('a fetch with its own pool', () => {
  it('works as the transport, and closing that pool afterwards releases every connection', async () => {
    const { createUndiciFetch } = await import('../../src/hosts/undici-fetch.js');
    const own = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const connections = () => new Promise<number>((resolve, reject) => own.getConnections((err, n) => (err ? reject(err) : resolve(n))));
    const transport = createUndiciFetch();
    try {
      {
        await using client = new FlexRoute({ baseURL: `http://127.0.0.1:${(own.address() as AddressInfo).port}/v1`, fetch: transport.fetch });
        expect(await client.responses.create(body)).toEqual({ ok: true });
      }
      expect(await connections()).toBe(1); // kept alive in the pool, as a pool should
      await transport.close();
      const deadline = Date.now() + 5_000;
      while ((await connections()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await connections()).toBe(0);
    } finally {
      own.closeAllConnections();
      await new Promise<void>((resolve) => own.close(() => resolve()));
    }
  });
});

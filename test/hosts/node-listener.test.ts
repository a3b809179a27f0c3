import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import type { Handler } from '../../src/middleware/handler.js';
import type { Simulator } from '../../src/simulator/index.js';
import { listen, rawPost, simAndRouter, streamedText, untilSteady, type ServerResponse } from './node-stack.js';

// toNodeListener on a plain node:http server: streams with backpressure, cancels upstream when
// the client leaves, and never hangs on a request body that stops coming.
let sim: Simulator;
let router: Handler;
let server: Awaited<ReturnType<typeof listen>>;
let lastRes: ServerResponse | undefined;
let settled: Promise<unknown>[] = [];

beforeAll(async () => {
  ({ sim, router } = await simAndRouter());
  // Watch every exchange: the server response (for its socket) and when the handler settled.
  const watched: Handler = (req) => {
    const p = router(req);
    settled.push(p.catch(() => undefined));
    return p;
  };
  const listener = toNodeListener(watched);
  server = await listen((req, res) => {
    lastRes = res;
    listener(req, res);
  });
});
afterAll(async () => {
  await server.close();
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.setPools({ flex: {}, standard: {} });
  settled = [];
});

const STREAM = { model: 'gpt-5-mini', input: 'Tell me a long story', stream: true };

describe('plain node:http', () => {
  it('serves the official client, whole and streamed', async () => {
    const client = new OpenAI({ apiKey: 'sk-caller', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const whole = await client.responses.create({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    expect(whole.output_text).toBe(sim.requests[0]!.text);
    const stream = await client.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      start_within: 'default',
    } as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(sim.requests[1]!.text);
  });

  it('a paused client pauses the upstream stream; the router holds only a bounded amount; resuming delivers every byte', async () => {
    sim.setPools({ standard: { outputTokens: 100_000 } }); // tens of megabytes of SSE, sent as fast as possible
    const { response } = rawPost(`${server.url}/v1/responses`, JSON.stringify({ ...STREAM, start_within: 'default' }));
    const res = await response; // headers only: the body is not read, so the client's socket fills up
    expect(res.statusCode).toBe(200);
    const socket = lastRes!.socket!;
    const writtenWhilePaused = await untilSteady(() => socket.bytesWritten);

    const [upstream] = sim.requests;
    expect(upstream!.finishedAt).toBeUndefined(); // the simulator is still mid-stream, held back by TCP
    expect(upstream!.outcome).toBeUndefined();
    expect(lastRes!.writableLength).toBeLessThan(1024 * 1024); // nothing piles up in the router's response buffer

    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const all = Buffer.concat(chunks);
    expect(writtenWhilePaused).toBeLessThan(all.byteLength / 2);
    expect(streamedText(all.toString('utf8'))).toBe(upstream!.text);
    await sim.waitForFinished(1);
    expect(upstream!.outcome).toBe('completed');
  });

  it('a client that goes away mid-stream aborts the upstream request', async () => {
    sim.setPools({ flex: { outputTokens: 100_000, tokensPerSecond: 2000 } });
    const { req, response } = rawPost(`${server.url}/v1/responses`, JSON.stringify({ ...STREAM, start_within: '00h-00m-30s' }));
    const res = await response;
    await new Promise<void>((resolve) => res.once('data', () => resolve()));
    req.destroy();
    const [upstream] = await sim.waitForFinished(1);
    expect(upstream!.closedByClient).toBe(true);
    expect(upstream!.outcome).toBe('aborted_by_client');
  });

  it('a client that goes away during the race aborts the flex attempt', async () => {
    sim.setPools({ flex: { startDelayMs: 60_000 } });
    const { req, response } = rawPost(`${server.url}/v1/responses`, JSON.stringify({ ...STREAM, start_within: '00h-01m-00s' }));
    response.catch(() => undefined);
    await sim.waitForRequests(1);
    req.destroy();
    const [flex] = await sim.waitForFinished(1);
    expect(flex!.requestedTier).toBe('flex');
    expect(flex!.closedByClient).toBe(true);
    await Promise.all(settled);
    expect(sim.requests).toHaveLength(1); // no standard attempt for a caller that left
  });

  it('a client that disconnects mid-upload leaves no request hanging', async () => {
    // Chunked: the handler is already reading the body as a stream when the client leaves.
    const { req, response } = rawPost(`${server.url}/v1/responses`, undefined, { 'transfer-encoding': 'chunked' });
    response.catch(() => undefined);
    req.write('{"model":"gpt-5-mini","input":"');
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    await expect.poll(() => settled.length, { timeout: 10_000 }).toBe(1);
    await Promise.all(settled); // settles rather than waiting forever for the rest of the body
    expect(sim.requests).toHaveLength(0);
  });

  it('a client that disconnects while a small body is read up front never reaches the handler', async () => {
    const { req, response } = rawPost(`${server.url}/v1/responses`, undefined, { 'content-length': '5000' });
    response.catch(() => undefined);
    req.write('{"model":"gpt-5-mini","input":"');
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200); // the server is still fine
  });

  it('a body over the limit gets 413 and the rest of the upload is drained safely', async () => {
    const small = await simAndRouter({}, { maxBodyBytes: 1024 });
    const limited = await listen(toNodeListener(small.router));
    try {
      // Chunked (no content-length), so the router finds out while reading, then stops reading.
      const { req, response } = rawPost(`${limited.url}/v1/responses`, undefined, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 64; i++) req.write('x'.repeat(4096));
      req.end();
      const res = await response;
      let text = '';
      for await (const chunk of res) text += String(chunk);
      expect(res.statusCode).toBe(413);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'body_too_large' } });
      const again = await fetch(`${limited.url}/v1/models`); // the process and server are still fine
      expect(again.status).toBe(200);
    } finally {
      await limited.close();
      await small.sim.close();
    }
  });

  it('a handler that stops reading a body mid-upload does not break the server', async () => {
    let cancelled = false;
    const stopsEarly: Handler = async (req) => {
      const reader = req.body!.getReader();
      await reader.read();
      await reader.cancel();
      cancelled = true;
      await new Promise((r) => setTimeout(r, 150)); // the upload keeps coming meanwhile
      return new Response('enough', { status: 413 });
    };
    const early = await listen(toNodeListener(stopsEarly));
    try {
      const { req, response } = rawPost(`${early.url}/upload`, undefined, { 'transfer-encoding': 'chunked' });
      response.catch(() => undefined);
      req.on('error', () => undefined);
      for (let i = 0; i < 20 && !req.destroyed; i++) {
        req.write('x'.repeat(16 * 1024));
        await new Promise((r) => setTimeout(r, 10));
      }
      req.end();
      expect((await response).statusCode).toBe(413);
      expect(cancelled).toBe(true);
      expect((await fetch(`${early.url}/again`, { method: 'POST', body: 'ok' })).status).toBe(413);
    } finally {
      await early.close();
    }
  });

  it('HEAD and unknown paths answer without a body or a crash', async () => {
    const notFound = await fetch(`${server.url}/nope`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: { code: 'not_found' } });
    const head = await fetch(`${server.url}/v1/models`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

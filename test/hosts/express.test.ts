import express, { type ErrorRequestHandler } from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import type { Handler } from '../../src/middleware/handler.js';
import type { Simulator } from '../../src/simulator/index.js';
import { listen, simAndRouter } from './node-stack.js';

// toNodeListener as Express 5 middleware on a path (SPEC §8), with and without express.json().
let sim: Simulator;
let router: Handler;
beforeAll(async () => {
  ({ sim, router } = await simAndRouter({ models: ['gpt-5-mini'], rejectUnknownModels: true }));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

type Setup = (app: express.Express) => void;

/** An Express app: `before` middleware, the router on /llm, then the app's own routes. */
async function app(before: Setup, options?: Parameters<typeof toNodeListener>[1]) {
  const a = express();
  before(a);
  a.use('/llm', toNodeListener(router, options));
  a.get('/llm/health', (_req, res) => {
    res.json({ ok: true });
  });
  a.post('/echo', (req, res) => {
    res.json({ body: req.body as unknown });
  });
  // A route of the app under the router's mount that parses its own body.
  a.post('/llm/custom', express.json({ limit: '1mb' }), (req, res) => {
    res.json({ custom: req.body as unknown });
  });
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    res.status(500).json({ appError: String(err) });
  };
  a.use(onError);
  const server = await listen(a);
  const client = new OpenAI({ apiKey: 'sk-caller', baseURL: `${server.url}/llm/v1`, maxRetries: 0 });
  return { ...server, client };
}

const parsers: [string, Setup][] = [
  ['no body parser', () => {}],
  ['express.json()', (a) => a.use(express.json())],
  ['express.json() with a large limit', (a) => a.use(express.json({ limit: '32mb' }))],
  ['express.text() for every type', (a) => a.use(express.text({ type: '*/*' }))],
  ['express.raw() for every type', (a) => a.use(express.raw({ type: '*/*' }))],
];

describe.each(parsers)('Express 5 mounted on /llm, %s', (_name, before) => {
  let server: Awaited<ReturnType<typeof app>>;
  beforeAll(async () => {
    server = await app(before);
  });
  afterAll(() => server.close());

  it('routes the official client, whole: the body reaches upstream intact, start_within removed', async () => {
    const { data, response } = await server.client.responses
      .create({ model: 'gpt-5-mini', input: 'Bonjour, ça va ? 🌍', temperature: 0.5, start_within: '00h-00m-30s' } as OpenAI.Responses.ResponseCreateParamsNonStreaming)
      .withResponse();
    expect(response.headers.get('x-flexroute-race')).toBe('committed');
    expect(data.output_text).toBe(sim.requests[0]!.text);
    expect(sim.requests[0]!.body).toEqual({ model: 'gpt-5-mini', input: 'Bonjour, ça va ? 🌍', temperature: 0.5, service_tier: 'flex', stream: true });
  });

  it('routes the official client, streamed', async () => {
    const stream = await server.client.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      start_within: 'default',
    } as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(sim.requests[0]!.text);
  });

  it('router errors keep their JSON shape for the SDK', async () => {
    const err = await server.client.responses.create({ model: 'gpt-5-mini', input: 'Hi' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('missing_start_within');
  });
});

describe('paths the router does not serve', () => {
  let server: Awaited<ReturnType<typeof app>>;
  let strict: Awaited<ReturnType<typeof app>>;
  beforeAll(async () => {
    server = await app((a) => a.use(express.json()));
    strict = await app((a) => a.use(express.json()), { fallthrough: false });
  });
  afterAll(async () => {
    await server.close();
    await strict.close();
  });

  it('fall through to the app: its later routes answer and other routes still get the parsed body', async () => {
    const health = await fetch(`${server.url}/llm/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const echo = await fetch(`${server.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await echo.json()).toEqual({ body: { a: 1 } });
    const missing = await fetch(`${server.url}/llm/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Cannot GET /llm/nothing-here'); // Express's own 404
  });

  it('a request that falls through keeps its unread body for the next route', async () => {
    const plain = await app(() => {}); // no parser before the router: the body is still a stream
    try {
      const big = 'x'.repeat(256 * 1024); // several socket chunks
      const res = await fetch(`${plain.url}/llm/custom`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ big }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ custom: { big } });
    } finally {
      await plain.close();
    }
  });

  it('with fallthrough: false, the router answers its JSON 404 itself', async () => {
    const health = await fetch(`${strict.url}/llm/health`);
    expect(health.status).toBe(404);
    expect(await health.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it("a provider's 404 is the answer, never a fall-through", async () => {
    const err = await server.client.responses
      .create({ model: 'gpt-5.4', input: 'Hi', start_within: 'default' } as OpenAI.Responses.ResponseCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect(sim.requests).toHaveLength(1);
  });

  it('a wrong method on a router endpoint is the router 405, not a fall-through', async () => {
    const res = await fetch(`${server.url}/llm/v1/responses`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('a body another middleware already drained without leaving req.body', () => {
  it('gets the router 400, not a request that hangs', async () => {
    const server = await app((a) =>
      a.use((req, _res, next) => {
        req.on('end', () => next()).resume();
      }),
    );
    try {
      const res = await fetch(`${server.url}/llm/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } });
    } finally {
      await server.close();
    }
  });
});

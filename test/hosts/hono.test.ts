import { Hono } from 'hono';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { flexrouteHono } from '../../src/hosts/hono.js';
import { createRouter } from '../../src/router/create-router.js';
import type { RouterOptions } from '../../src/router/options.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

// The router in Hono (SPEC §8): as is, by mount, and through flexrouteHono. Requests go in with
// app.request() (no server), and out through the router to a real simulator.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 31 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const routerOf = (options: RouterOptions = {}) =>
  createRouter({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-server-0001' }, env: {}, ...options });

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const RESPONSES = { model: 'gpt-5-mini', input: 'Tell me a story', start_within: '00h-00m-30s' };

describe('the router as a plain Fetch handler', () => {
  it("app.all('/v1/*', c => router(c.req.raw)) answers with the flex text", async () => {
    const app = new Hono();
    const router = routerOf();
    app.all('/v1/*', (c) => router(c.req.raw));
    const res = await app.request('/v1/responses', json(RESPONSES));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
    expect(((await res.json()) as { output_text?: string; service_tier: string }).service_tier).toBe('flex');
    expect(sim.requests[0]!.requestedTier).toBe('flex');
  });

  it("app.mount('/llm', router) strips the prefix, and streams", async () => {
    const app = new Hono();
    app.mount('/llm', routerOf());
    const res = await app.request('/llm/v1/chat/completions', json({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true, start_within: 'default' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const sse = await res.text();
    expect(sse.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(sim.requests[0]!.path).toBe('/v1/chat/completions');
  });
});

describe('flexrouteHono', () => {
  function appWith(options?: Parameters<typeof flexrouteHono>[1]) {
    const app = new Hono();
    app.use('/llm/*', flexrouteHono(routerOf({ basePath: '/llm' }), options));
    app.get('/llm/health', (c) => c.json({ ok: true }));
    app.notFound((c) => c.text('app 404', 404));
    return app;
  }

  it('serves the router endpoints', async () => {
    const res = await appWith().request('/llm/v1/responses', json(RESPONSES));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
  });

  it("falls through to the app's routes and notFound for paths the router does not serve", async () => {
    const app = appWith();
    const health = await app.request('/llm/health');
    expect(await health.json()).toEqual({ ok: true });
    const missing = await app.request('/llm/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('app 404');
  });

  it('a request that falls through keeps its body for the next route', async () => {
    const app = appWith();
    app.post('/llm/custom', async (c) => c.json({ custom: await c.req.json() }));
    const res = await app.request('/llm/custom', json({ a: 1 }));
    expect(await res.json()).toEqual({ custom: { a: 1 } });
  });

  it('with fallthrough: false answers the router JSON 404', async () => {
    const res = await appWith({ fallthrough: false }).request('/llm/health');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('works after a middleware already read the body', async () => {
    const app = new Hono();
    let seenModel: unknown;
    app.use('*', async (c, next) => {
      if (c.req.method === 'POST') seenModel = ((await c.req.json()) as { model?: unknown }).model; // a logger, a validator…
      await next();
    });
    app.use('/v1/*', flexrouteHono(routerOf()));
    const res = await app.request('/v1/responses', json(RESPONSES));
    expect(seenModel).toBe('gpt-5-mini');
    expect(res.status).toBe(200);
    expect(sim.requests[0]!.body).toMatchObject({ model: 'gpt-5-mini', input: 'Tell me a story' });
  });

  it('is what the openai client talks to, with Hono serving app.fetch', async () => {
    const app = new Hono();
    app.use('/v1/*', flexrouteHono(routerOf()));
    // The SDK's fetch goes straight into app.fetch: the same path a Bun, Deno or Workers server takes.
    const client = new OpenAI({ apiKey: 'sk-caller', baseURL: 'http://app.local/v1', maxRetries: 0, fetch: async (input, init) => app.fetch(new Request(input, init)) });
    const stream = client.responses.stream({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' } as Parameters<typeof client.responses.stream>[0]);
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(sim.requests[0]!.text);
    expect(final.service_tier).toBe('flex');
  });
});

import express from 'express';
import { describe, expect, it } from 'vitest';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import { listen } from './node-stack.js';
import { errorBody, routerError } from '../../src/core/errors.js';
import { applyMiddleware, type Handler, type Middleware } from '../../src/middleware/handler.js';
import { createRouter } from '../../src/router/create-router.js';

const router = createRouter({ env: {}, keys: { openai: 'sk-test' }, basePath: '/llm' });
const app: Handler = async (req) => new Response(`app: ${new URL(req.url).pathname}`);

describe('router.middleware (request middleware over Fetch objects)', () => {
  it('hands a path the router does not serve to next, untouched, body included', async () => {
    const handle = router.middleware(async (req) => new Response(`app got ${req.method} ${new URL(req.url).pathname} ${await req.text()}`));
    const res = await handle(new Request('http://h/llm/health', { method: 'POST', body: 'ping' }));
    expect(await res.text()).toBe('app got POST /llm/health ping');
  });

  it('answers its own endpoints, refusals included, and never asks next', async () => {
    let asked = 0;
    const handle = router.middleware(async () => (asked++, new Response('app')));
    const res = await handle(new Request('http://h/llm/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(res.status).toBe(400);
    const wrongMethod = await handle(new Request('http://h/llm/v1/responses', { method: 'GET' }));
    expect(wrongMethod.status).toBe(405);
    expect(asked).toBe(0);
  });

  it('Express falls through from the composition, never by reading a 404 body: a lookalike 404 from a plain handler is the answer', async () => {
    // A plain handler (not a router) whose answer is shaped exactly like the router's own 404.
    const lookalike: Handler = async () => Response.json(errorBody(routerError('not_found', { path: '/x' })), { status: 404 });
    const a = express();
    a.use('/llm', toNodeListener(lookalike));
    a.use('/r', toNodeListener(router));
    a.get(['/llm/health', '/r/health'], (_req, res) => {
      res.json({ app: true });
    });
    const server = await listen(a);
    try {
      const plain = await fetch(`${server.url}/llm/health`);
      expect(plain.status).toBe(404);
      expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('not_found');
      const routed = await fetch(`${server.url}/r/health`);
      expect(await routed.json()).toEqual({ app: true });
    } finally {
      await server.close();
    }
  });

  it('composes with applyMiddleware: the first listed is outermost', async () => {
    const order: string[] = [];
    const mark =
      (name: string): Middleware =>
      (next) =>
      async (req) => {
        order.push(`>${name}`);
        const res = await next(req);
        order.push(`<${name}`);
        return res;
      };
    const handle = applyMiddleware(app, mark('a'), mark('b'), router.middleware);
    expect(await (await handle(new Request('http://h/elsewhere'))).text()).toBe('app: /elsewhere');
    expect(order).toEqual(['>a', '>b', '<b', '<a']);
    expect(() => applyMiddleware(app, 5 as unknown as Middleware)).toThrow(/middleware 0 is number/);
  });

  it('exposes its steps in order, named', () => {
    expect(router.steps.map((step) => step.name)).toEqual(['endpoints', 'models', 'readRequest', 'startWithin', 'plan', 'translate', 'providerKeys', 'execute']);
    const full = createRouter({ env: {}, onEvent: () => {}, authenticate: () => 'p', allowFlex: () => true, use: [async function mine(_c, next) { return next(); }] });
    expect(full.steps.map((step) => step.name)).toEqual(['events', 'endpoints', 'authenticate', 'models', 'readRequest', 'startWithin', 'plan', 'mine', 'translate', 'billingGate', 'providerKeys', 'execute']);
  });

  it('refuses bad use and interceptors lists at creation, saying how to fix them', () => {
    expect(() => createRouter({ env: {}, use: [null as never] })).toThrow(/use\[0\] is null, not a function\. Example: createRouter\(\{ use: \[async function myStep/);
    expect(() => createRouter({ env: {}, interceptors: 'x' as never })).toThrow(/interceptors must be an array/);
  });
});

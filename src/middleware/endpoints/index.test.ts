import { describe, expect, it } from 'vitest';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { endpoints } from './index.js';

describe('endpoints', () => {
  it.each([
    ['/v1/responses', 'openai-responses'],
    ['/v1/chat/completions', 'openai-chat'],
    ['/v1/messages', 'anthropic-messages'],
    ['/v1/interactions', 'gemini-interactions'],
    ['/v1beta/interactions', 'gemini-interactions'],
  ])('POST %s is the %s format and goes on to next', async (path, format) => {
    const ctx = routeContext({ url: `http://h${path}?x=1` });
    const next = stubNext();
    expect((await runStep(endpoints(), ctx, next)).status).toBe(204);
    expect(ctx.format).toBe(format);
    expect(ctx.endpoint).toEqual({ kind: 'generate', format });
    expect(next.calls).toBe(1);
  });

  it('GET /v1/models is the models endpoint, with no format', async () => {
    const ctx = routeContext({ url: 'http://h/v1/models', method: 'GET' });
    await runStep(endpoints(), ctx);
    expect(ctx.endpoint).toEqual({ kind: 'models' });
    expect(ctx.format).toBeUndefined();
  });

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    const ctx = routeContext({ url: 'http://h/v1/responses', method: 'PUT' });
    const res = await runStep(endpoints(), ctx);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(ctx.error?.code).toBe('method_not_allowed');
  });

  it('answers 404 not_found for an unknown path when the host gave no next route', async () => {
    const next = stubNext();
    const res = await runStep(endpoints(), routeContext({ url: 'http://h/v2/other?key=AIzaSecret1234567' }), next);
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error.code).toBe('not_found');
    expect(error.message).not.toContain('AIza');
    expect(next.calls).toBe(0);
  });

  it('hands an unknown path to the host (ctx.notFound) and marks it passed on', async () => {
    const ctx = routeContext({ url: 'http://h/health', notFound: async (req) => new Response(`host saw ${new URL(req.url).pathname}`) });
    const res = await runStep(endpoints(), ctx);
    expect(await res.text()).toBe('host saw /health');
    expect(ctx.passedOn).toBe(true);
  });

  it('serves only below basePath, however it is written', async () => {
    for (const basePath of ['/llm', 'llm', '/llm/']) {
      const inside = routeContext({ url: 'http://h/llm/v1/responses' });
      await runStep(endpoints({ basePath }), inside);
      expect(inside.format).toBe('openai-responses');
      const outside = await runStep(endpoints({ basePath }), routeContext({ url: 'http://h/v1/responses' }));
      expect(outside.status).toBe(404);
      const lookalike = await runStep(endpoints({ basePath }), routeContext({ url: 'http://h/llmx/v1/responses' }));
      expect(lookalike.status).toBe(404);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { readRequest } from './index.js';

const ok = { model: 'gpt-5-mini', input: 'Hi', start_within: 'default' };

describe('readRequest', () => {
  it('parses the body once onto ctx.body and goes on', async () => {
    const ctx = routeContext({ format: 'openai-responses', body: ok });
    const next = stubNext();
    await runStep(readRequest(), ctx, next);
    expect(ctx.body).toEqual(ok);
    expect(next.calls).toBe(1);
  });

  it.each([
    ['a wrong content type', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify(ok) }, 415, 'unsupported_media_type'],
    ['text that is not JSON', { body: '{"model": ' }, 400, 'invalid_json'],
    ['a JSON array', { body: [ok] }, 400, 'invalid_body'],
    ['no model', { body: { input: 'Hi' } }, 400, 'missing_model'],
    ['a caller-chosen tier', { body: { ...ok, service_tier: 'flex' } }, 400, 'service_tier_not_allowed'],
    ['a model of the wrong type', { body: { ...ok, model: 5 } }, 400, 'invalid_body'],
  ])('refuses %s', async (_what, init, status, code) => {
    const next = stubNext();
    const res = await runStep(readRequest(), routeContext({ format: 'openai-responses', ...init }), next);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(next.calls).toBe(0);
  });

  it('names the input field of the caller format', async () => {
    const res = await runStep(readRequest(), routeContext({ format: 'openai-chat', body: { model: 'gpt-5-mini' } }));
    expect(await errorOf(res)).toMatchObject({ code: 'missing_input', param: 'messages' });
  });

  it('refuses a body over the limit from its declared length, and a streamed one as it grows', async () => {
    const big = JSON.stringify({ ...ok, input: 'x'.repeat(2000) });
    const declared = await runStep(readRequest({ maxBodyBytes: 1000 }), routeContext({ format: 'openai-responses', body: big }));
    expect(declared.status).toBe(413);
    const bytes = new TextEncoder().encode(big);
    const streamed = new Request('http://h/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }),
      duplex: 'half',
    } as RequestInit);
    const ctx = { ...routeContext({ format: 'openai-responses' }), request: streamed };
    expect((await runStep(readRequest({ maxBodyBytes: 1000 }), ctx)).status).toBe(413);
  });

  it('says where it belongs when placed before endpoints', async () => {
    await expect(runStep(readRequest(), routeContext({ body: ok }))).rejects.toThrow(/step "readRequest" needs ctx.format, which the "endpoints" step sets/);
  });
});

import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/router/create-router.js';
import type { RouterOptions } from '../../src/router/options.js';
import { createUndiciFetch } from '../../src/hosts/undici-fetch.js';

/** A router with no reachable upstream: every case here is decided before any upstream call. */
function router(options: RouterOptions = {}) {
  return createRouter({ upstreams: { openai: 'http://127.0.0.1:9/v1' }, keys: { openai: 'sk-test' }, env: {}, ...options });
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://router.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const ok = { model: 'gpt-5-mini', input: 'Hello', start_within: 'default' };

/** Every router error must carry the shared shape and a message in four parts. */
async function expectRouterError(res: Response, status: number, code: string, param: string | null) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { type: string; error: { message: string; type: string; param: string | null; code: string } };
  expect(body.type).toBe('error');
  expect(body.error.code).toBe(code);
  expect(body.error.param).toBe(param);
  const message = body.error.message;
  // what + why + fix, then an example request that parses as JSON.
  const [prose, example] = message.split('Example:');
  expect(prose!.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0).length).toBeGreaterThanOrEqual(3);
  expect(() => JSON.parse(example!.trim().split('\n')[0]!.replace(/^[^{]*/, ''))).not.toThrow();
  return body.error;
}

describe('router errors reachable before any upstream call', () => {
  it('missing_start_within', async () => {
    const { start_within, ...rest } = ok;
    await expectRouterError(await router()(post('/v1/responses', rest)), 400, 'missing_start_within', 'start_within');
  });

  it('invalid_start_within, including the retired word "standard"', async () => {
    const err = await expectRouterError(await router()(post('/v1/responses', { ...ok, start_within: 'standard' })), 400, 'invalid_start_within', 'start_within');
    expect(err.message).toContain('"default"');
    await expectRouterError(await router()(post('/v1/responses', { ...ok, start_within: '30s' })), 400, 'invalid_start_within', 'start_within');
  });

  it('invalid_start_within when body and x-start-within header disagree; header alone works', async () => {
    await expectRouterError(
      await router()(post('/v1/responses', ok, { 'x-start-within': 'priority' })),
      400,
      'invalid_start_within',
      'start_within',
    );
    const { start_within, ...rest } = ok;
    const res = await router({ upstreams: { openai: 'http://127.0.0.1:9/v1' } })(post('/v1/responses', rest, { 'x-start-within': '01h-00m-00s' }));
    await expectRouterError(res, 400, 'invalid_start_within', 'start_within');
  });

  it('service_tier_not_allowed for service_tier and serviceTier', async () => {
    await expectRouterError(await router()(post('/v1/responses', { ...ok, service_tier: 'flex' })), 400, 'service_tier_not_allowed', 'service_tier');
    await expectRouterError(await router()(post('/v1/chat/completions', { model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], start_within: 'default', serviceTier: 'flex' })), 400, 'service_tier_not_allowed', 'serviceTier');
  });

  it('missing_model and missing_input', async () => {
    await expectRouterError(await router()(post('/v1/responses', { input: 'hi', start_within: 'default' })), 400, 'missing_model', 'model');
    await expectRouterError(await router()(post('/v1/responses', { model: 'gpt-5', start_within: 'default' })), 400, 'missing_input', 'input');
    await expectRouterError(await router()(post('/v1/chat/completions', { model: 'gpt-5', start_within: 'default' })), 400, 'missing_input', 'messages');
  });

  it('unknown_model, model_not_flex_capable, flex_unsupported_for_anthropic, auto_unsupported_for_gemini, missing_max_tokens', async () => {
    await expectRouterError(await router()(post('/v1/responses', { ...ok, model: 'llama-3' })), 400, 'unknown_model', 'model');
    await expectRouterError(await router()(post('/v1/responses', { ...ok, model: 'gpt-4.1', start_within: '00h-00m-30s' })), 400, 'model_not_flex_capable', 'start_within');
    await expectRouterError(await router()(post('/v1/responses', { ...ok, model: 'claude-sonnet-4-5', max_output_tokens: 100, start_within: '00h-00m-30s' })), 400, 'flex_unsupported_for_anthropic', 'start_within');
    await expectRouterError(await router()(post('/v1/responses', { ...ok, model: 'gemini-2.5-flash', start_within: 'auto' })), 400, 'auto_unsupported_for_gemini', 'start_within');
    await expectRouterError(await router()(post('/v1/responses', { ...ok, model: 'claude-sonnet-4-5' })), 400, 'missing_max_tokens', 'max_output_tokens');
    await expectRouterError(await router()(post('/v1/chat/completions', { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }], start_within: 'default' })), 400, 'missing_max_tokens', 'max_completion_tokens');
  });

  it('invalid_json, invalid_body (non-object, wrong types)', async () => {
    await expectRouterError(await router()(post('/v1/responses', '{"model": "gpt-5",')), 400, 'invalid_json', null);
    await expectRouterError(await router()(post('/v1/responses', '[1,2]')), 400, 'invalid_body', null);
    await expectRouterError(await router()(post('/v1/responses', '"text"')), 400, 'invalid_body', null);
    await expectRouterError(await router()(post('/v1/responses', { ...ok, model: 42 })), 400, 'invalid_body', 'model');
    await expectRouterError(await router()(post('/v1/responses', { ...ok, input: 42 })), 400, 'invalid_body', 'input');
    await expectRouterError(await router()(post('/v1/responses', { ...ok, stream: 'yes' })), 400, 'invalid_body', 'stream');
    await expectRouterError(await router()(post('/v1/chat/completions', { model: 'gpt-5', messages: 'hi', start_within: 'default' })), 400, 'invalid_body', 'messages');
  });

  it('unsupported_media_type', async () => {
    await expectRouterError(await router()(post('/v1/responses', JSON.stringify(ok), { 'content-type': 'text/plain' })), 415, 'unsupported_media_type', null);
  });

  it('body_too_large from content-length, without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const req = new Request('http://router.test/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      body,
      duplex: 'half',
    } as RequestInit);
    await expectRouterError(await router({ maxBodyBytes: 4096 })(req), 413, 'body_too_large', null);
    expect(pulled).toBeLessThanOrEqual(2);
  });

  it('body_too_large for an endless chunked body: stops reading just past the limit', async () => {
    let sent = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024;
        controller.enqueue(new Uint8Array(1024).fill(32));
      },
      cancel() {
        cancelled = true;
      },
    });
    const req = new Request('http://router.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    await expectRouterError(await router({ maxBodyBytes: 64 * 1024 })(req), 413, 'body_too_large', null);
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(64 * 1024 + 16 * 1024);
  });

  it('invalid_api_key from the authentication hook; the hook sees the request', async () => {
    const r = router({ authenticate: (req) => (req.headers.get('authorization') === 'Bearer good' ? { user: 'u1' } : undefined) });
    await expectRouterError(await r(post('/v1/responses', ok, { authorization: 'Bearer bad' })), 401, 'invalid_api_key', null);
  });

  it('no_byok_key names the variable to set and never echoes a key', async () => {
    const r = createRouter({ upstreams: { openai: 'http://127.0.0.1:9/v1' }, env: {}, passThroughKeys: false });
    const err = await expectRouterError(await r(post('/v1/responses', ok, { authorization: 'Bearer sk-secret-caller-key' })), 401, 'no_byok_key', null);
    expect(err.message).toContain('OPENAI_API_KEY');
    expect(err.message).not.toContain('sk-secret');
  });

  it('payment_required for flex requests only, when the billing gate refuses', async () => {
    const r = router({ allowFlex: () => false });
    await expectRouterError(await r(post('/v1/responses', { ...ok, start_within: '00h-00m-30s' })), 402, 'payment_required', null);
    // default keeps working: it reaches the (unreachable) upstream instead of a 402.
    const res = await r(post('/v1/responses', ok));
    expect(res.status).toBe(502);
  });

  it('upstream_unreachable when the provider cannot be reached', async () => {
    const err = await expectRouterError(await router()(post('/v1/responses', ok)), 502, 'upstream_unreachable', null);
    expect(err.message).not.toContain('sk-test');
  });

  it('upstream_unreachable through the undici transport names the socket error', async () => {
    const upstream = createUndiciFetch();
    try {
      const err = await expectRouterError(await router({ fetch: upstream.fetch })(post('/v1/responses', ok)), 502, 'upstream_unreachable', null);
      expect(err.message).toContain('ECONNREFUSED');
    } finally {
      await upstream.close();
    }
  });

  it('not_found and method_not_allowed (with Allow)', async () => {
    await expectRouterError(await router()(post('/v1/embeddings', ok)), 404, 'not_found', null);
    const res = await router()(new Request('http://router.test/v1/responses', { method: 'GET' }));
    expect(res.headers.get('allow')).toBe('POST');
    await expectRouterError(res, 405, 'method_not_allowed', null);
  });

  it('serves the catalog at GET /v1/models and honours basePath', async () => {
    const r = router({ basePath: '/llm' });
    const res = await r(new Request('http://router.test/llm/v1/models'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; data: { id: string; owned_by: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.some((m) => m.id === 'gpt-5-mini' && m.owned_by === 'openai')).toBe(true);
    expect((await r(new Request('http://router.test/v1/models'))).status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/router/create-router.js';
import { resolveRouterOptions } from '../../src/router/resolve-options.js';

// A misconfigured router fails when it is created, with a message that says what to write.
describe('router options', () => {
  it.each([
    [{ feeShare: 2 }, /feeShare must be a number from 0 to 1, got 2\. Example: createRouter\(\{ feeShare: 0\.2/],
    [{ maxBodyBytes: 0 }, /maxBodyBytes must be a number from 1/],
    [{ idleTimeoutMs: -5 }, /idleTimeoutMs must be a number from 0/],
    [{ idleTimeoutMs: Number.NaN }, /idleTimeoutMs/],
  ])('rejects %o', (options, message) => {
    expect(() => createRouter({ env: {}, ...options })).toThrow(message);
  });

  it('checks defaultStartWithin (and its environment variable) at creation', () => {
    expect(() => createRouter({ env: {}, defaultStartWithin: 'standard' })).toThrow(/not a valid start_within.*"default".*Example: createRouter\(\{ defaultStartWithin: '00h-00m-30s' \}\)/s);
    expect(() => createRouter({ env: { FLEXROUTE_DEFAULT_START_WITHIN: '30s' } })).toThrow(/FLEXROUTE_DEFAULT_START_WITHIN/);
    expect(() => createRouter({ env: { FLEXROUTE_DEFAULT_START_WITHIN: '00h-00m-30s' } })).not.toThrow();
  });

  it('treats an empty base URL variable as unset, as it does empty keys', () => {
    const resolved = resolveRouterOptions({ env: { FLEXROUTE_OPENAI_BASE_URL: '', OPENAI_API_KEY: '' } });
    expect(resolved.upstreams.openai).toBe('https://api.openai.com/v1');
  });

  it('does not forward caller keys by default once router authentication is on', () => {
    expect(resolveRouterOptions({ env: {} }).passThroughKeys).toBe(true);
    expect(resolveRouterOptions({ env: {}, authenticate: () => ({ user: 'u' }) }).passThroughKeys).toBe(false);
    expect(resolveRouterOptions({ env: {}, authenticate: () => ({ user: 'u' }), passThroughKeys: true }).passThroughKeys).toBe(true);
  });

  it('with authentication on and no server key, a request gets no_byok_key instead of leaking the router key upstream', async () => {
    const router = createRouter({ env: {}, upstreams: { openai: 'http://127.0.0.1:9/v1' }, authenticate: (req) => req.headers.get('authorization') === 'Bearer router-key' });
    const res = await router(
      new Request('http://router.test/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer router-key' },
        body: JSON.stringify({ model: 'gpt-5-mini', input: 'hi', start_within: 'default' }),
      }),
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('no_byok_key');
  });
});

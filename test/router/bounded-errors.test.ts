import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../src/router/create-router.js';

// No router error grows with the input: every value it echoes is cut to a documented length and
// says how long it was, so the body stays a few KiB whatever the caller sent.
const router = createRouter({ env: {}, keys: { openai: 'sk-test', gemini: 'g', anthropic: 'sk-ant-test' }, upstreams: { openai: 'http://127.0.0.1:1/v1', gemini: 'http://127.0.0.1:1', anthropic: 'http://127.0.0.1:1' } });
const MAX_BODY = 4 * 1024;

async function send(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await router(new Request(`http://router.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
  const text = await res.text();
  return { status: res.status, text, error: (JSON.parse(text) as { error: { code: string; message: string; param: string | null } }).error };
}

const HUGE = 'x'.repeat(5 * 1024 * 1024);

describe('bounded router errors', () => {
  it('a 5 MB tool type that cannot be translated gives a small unsupported_feature that says the length', async () => {
    const { status, text, error } = await send('/v1/responses', { model: 'claude-sonnet-4-5', input: 'Hi', max_output_tokens: 10, start_within: 'default', tools: [{ type: HUGE }] });
    expect(status).toBe(400);
    expect(error.code).toBe('unsupported_feature');
    expect(text.length).toBeLessThan(MAX_BODY);
    expect(error.message).toContain(`(${HUGE.length} characters)`);
  });

  it.each([
    ['model', { model: HUGE, input: 'Hi', start_within: 'default' }, {}],
    ['start_within', { model: 'gpt-5-mini', input: 'Hi', start_within: HUGE }, {}],
    ['x-start-within header', { model: 'gpt-5-mini', input: 'Hi' }, { 'x-start-within': 'y'.repeat(60_000) }],
    ['service_tier', { model: 'gpt-5-mini', input: 'Hi', start_within: 'default', service_tier: HUGE }, {}],
  ])('a huge %s is echoed cut short', async (_what, body, headers) => {
    const { status, text } = await send('/v1/responses', body, headers);
    expect(status).toBe(400);
    expect(text.length).toBeLessThan(MAX_BODY);
  });

  it('any string in any of the fields the router reads gives a 4xx of a few KiB at most', async () => {
    const value = fc.oneof(fc.string({ maxLength: 50 }), fc.string({ minLength: 5000, maxLength: 20_000 }), fc.constant(HUGE));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('model', 'start_within', 'service_tier', 'tool type', 'tool choice'), value, async (field, v) => {
        const body: Record<string, unknown> = { model: 'claude-sonnet-4-5', input: 'Hi', max_output_tokens: 10, start_within: 'default' };
        if (field === 'tool type') body['tools'] = [{ type: v }];
        else if (field === 'tool choice') body['tool_choice'] = { type: v };
        else body[field] = v;
        const { status, text, error } = await send('/v1/responses', body);
        if (status === 502) return; // the request was valid: the (unreachable) upstream was called
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(error.code).toMatch(/^[a-z_]+$/);
        expect(text.length).toBeLessThan(MAX_BODY);
      }),
      { numRuns: 40 },
    );
  });
});

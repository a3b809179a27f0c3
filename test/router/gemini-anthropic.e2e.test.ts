import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postJson, startHarness, type Harness } from '../support/router-harness.js';
import type { ScriptedBehavior } from '../../src/simulator/index.js';

// Gemini's flex race and Anthropic's tier rules (SPEC §3.4), through the router on loopback.
let h: Harness;
let origin: string;
let flexScript: ScriptedBehavior | undefined;

beforeAll(async () => {
  h = await startHarness({ sim: { script: (r) => (r.tier === 'flex' ? flexScript : undefined) } });
  origin = h.baseURL.replace(/\/v1$/, '');
});
afterAll(() => h.close());
beforeEach(() => {
  h.sim.reset();
  flexScript = undefined;
});

const GEMINI_RESPONSES = { model: 'gemini-2.5-flash', input: 'Tell me a story', start_within: '00h-00m-05s' };
const GEMINI_INTERACTIONS = { model: 'gemini-2.5-flash', input: 'Tell me a story', start_within: '00h-00m-05s' };

describe('Gemini flex race', () => {
  it('commits on flex: generateContent upstream (Responses caller), tier in the caller field', async () => {
    const res = await postJson(h.baseURL, '/responses', GEMINI_RESPONSES);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
    expect(res.headers.get('x-flexroute-tier')).toBe('flex');
    expect(res.json.service_tier).toBe('flex');
    const [upstream] = h.sim.requests;
    expect(upstream!.dialect).toBe('gemini-generate');
    expect(upstream!.requestedTier).toBe('flex');
    expect(upstream!.path).toContain(':streamGenerateContent?alt=sse');
    expect(upstream!.headers['x-goog-api-key']).toBeDefined();
  });

  it('commits on flex: Interactions pass-through, Api-Revision sent', async () => {
    const res = await postJson(origin, '/v1beta/interactions', GEMINI_INTERACTIONS);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
    expect(res.json.service_tier).toBe('flex');
    const [upstream] = h.sim.requests;
    expect(upstream!.dialect).toBe('gemini-interactions');
    expect(upstream!.headers['api-revision']).toBe('2026-05-20');
    expect((upstream!.body as any).service_tier).toBe('flex');
  });

  it.each([
    ['status_503', 'fallback:status_5xx'],
    ['status_429', 'fallback:status_429'],
  ] as const)('flex %s falls back to standard at once', async (outcome, race) => {
    flexScript = { outcome };
    const res = await postJson(h.baseURL, '/responses', GEMINI_RESPONSES);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe(race);
    expect(res.headers.get('x-flexroute-tier')).toBe('standard');
    expect(Number(res.headers.get('x-flexroute-flex-wait-ms'))).toBeLessThan(2000);
    expect(h.sim.requests.map((r) => r.requestedTier)).toEqual(['flex', 'standard']);
    expect(res.json.service_tier).toBe('default');
  });

  it('falls back at the deadline when flex is silent (Interactions, streaming)', async () => {
    flexScript = { startDelayMs: 60_000 };
    const res = await postJson(origin, '/v1/interactions', { ...GEMINI_INTERACTIONS, stream: true });
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:timeout');
    expect(Number(res.headers.get('x-flexroute-flex-wait-ms'))).toBeGreaterThanOrEqual(5000);
    expect(res.text).toContain('event: interaction.completed');
    const [flex] = await h.sim.waitForFinished(2);
    expect(flex!.closedByClient).toBe(true);
  }, 15_000);

  it('auto is rejected before any call', async () => {
    const res = await postJson(h.baseURL, '/responses', { ...GEMINI_RESPONSES, start_within: 'auto' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('auto_unsupported_for_gemini');
    expect(h.sim.requests).toHaveLength(0);
  });
});

describe('Anthropic tiers', () => {
  const messages = [{ role: 'user', content: 'Hello' }];

  it('a duration is rejected', async () => {
    const res = await postJson(origin, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, messages, start_within: '00h-00m-30s' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('flex_unsupported_for_anthropic');
    expect(h.sim.requests).toHaveLength(0);
  });

  it.each([
    ['/v1/responses', { model: 'claude-sonnet-4-5', input: 'Hi', start_within: 'default' }, 'max_output_tokens'],
    ['/v1/chat/completions', { model: 'claude-sonnet-4-5', messages, start_within: 'default' }, 'max_completion_tokens'],
    ['/v1/messages', { model: 'claude-sonnet-4-5', messages, start_within: 'default' }, 'max_tokens'],
    ['/v1/interactions', { model: 'claude-sonnet-4-5', input: 'Hi', start_within: 'default' }, 'generation_config.max_output_tokens'],
  ])('a missing token cap is rejected (%s)', async (path, body, param) => {
    const res = await postJson(origin, path, body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('missing_max_tokens');
    expect(res.json.error.param).toBe(param);
    expect(h.sim.requests).toHaveLength(0);
  });

  it.each([
    ['default', 'standard_only'],
    ['priority', 'auto'],
    ['auto', 'auto'],
  ])('%s → service_tier %s', async (startWithin, tier) => {
    const res = await postJson(origin, '/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, messages, start_within: startWithin });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe('none');
    const [upstream] = h.sim.requests;
    expect(upstream!.dialect).toBe('anthropic-messages');
    expect((upstream!.body as any).service_tier).toBe(tier);
    expect(upstream!.headers['anthropic-version']).toBe('2023-06-01');
  });
});

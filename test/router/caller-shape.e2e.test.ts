import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postJson, startHarness, type Harness } from '../support/router-harness.js';

// A translated answer is shaped as the caller's own provider would shape it: its id prefix, its
// tier words, none of the upstream provider's own headers, and no stream cache headers on JSON.
let h: Harness;
let origin: string;
beforeAll(async () => {
  h = await startHarness();
  origin = h.baseURL.replace(/\/v1$/, '');
});
afterAll(() => h.close());
beforeEach(() => h.sim.reset());

const MESSAGES_TO_OPENAI = { model: 'gpt-5-mini', max_tokens: 200, messages: [{ role: 'user', content: 'Hi there' }] };

describe("a translated answer in the caller's own shape", () => {
  it.each([false, true])('Messages caller, OpenAI upstream, flex race (stream: %s)', async (stream) => {
    const res = await postJson(origin, '/v1/messages', { ...MESSAGES_TO_OPENAI, stream, start_within: '00h-00m-30s' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-tier')).toBe('flex'); // the real tier, here
    const names = [...res.headers.keys()];
    expect(names.filter((n) => n.startsWith('openai-'))).toEqual([]);
    if (stream) {
      expect(res.text).toMatch(/"id":"msg_/);
      expect(res.text).not.toContain('"service_tier":"flex"'); // Anthropic has no flex word
      expect(res.text).toContain('"service_tier":"standard"');
    } else {
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('cache-control')).toBeNull(); // the upstream stream's no-cache is not the JSON's
      expect(res.json.id).toMatch(/^msg_/);
      expect(res.json.usage.service_tier).toBe('standard');
    }
  });

  it('Chat caller, Anthropic upstream: a chatcmpl- id', async () => {
    const res = await postJson(h.baseURL, '/chat/completions', {
      model: 'claude-sonnet-4-5',
      max_completion_tokens: 100,
      messages: [{ role: 'user', content: 'Hi' }],
      start_within: 'default',
    });
    expect(res.status).toBe(200);
    expect(res.json.id).toMatch(/^chatcmpl-/);
    expect([...res.headers.keys()].filter((n) => n.startsWith('anthropic-'))).toEqual([]);
  });

  it('same dialect in and out keeps the provider headers and bytes', async () => {
    const res = await postJson(h.baseURL, '/responses', { model: 'gpt-5-mini', input: 'Hi', start_within: 'default' });
    expect(res.headers.get('openai-processing-ms')).not.toBeNull();
    expect(res.json.id).toMatch(/^resp_/);
  });
});

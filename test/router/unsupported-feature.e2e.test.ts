import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startHarness, type Harness } from '../support/router-harness.js';

// What a target dialect cannot carry is refused before any upstream call, naming the caller's
// own field: never dropped silently.
let h: Harness;
let origin: string;
beforeAll(async () => {
  h = await startHarness();
  origin = h.baseURL.replace(/\/v1$/, '');
});
afterAll(() => h.close());

const user = [{ role: 'user', content: 'Hello' }];
const weatherTool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } };

const CASES = [
  {
    name: 'Messages caller → OpenAI Responses: stop_sequences',
    path: '/v1/messages',
    body: { model: 'gpt-5-mini', max_tokens: 100, messages: user, stop_sequences: ['END'], start_within: 'default' },
    param: 'stop_sequences',
  },
  {
    name: 'Chat caller → Anthropic: seed',
    path: '/v1/chat/completions',
    body: { model: 'claude-sonnet-4-5', max_completion_tokens: 100, messages: user, seed: 7, start_within: 'default' },
    param: 'seed',
  },
  {
    name: 'Chat caller → Gemini: parallel_tool_calls',
    path: '/v1/chat/completions',
    body: { model: 'gemini-2.5-flash', messages: user, tools: [weatherTool], parallel_tool_calls: false, start_within: 'default' },
    param: 'parallel_tool_calls',
  },
  {
    name: 'Responses caller → Anthropic: an unknown field',
    path: '/v1/responses',
    body: { model: 'claude-sonnet-4-5', max_output_tokens: 100, input: 'Hi', frobnicate: true, start_within: 'default' },
    param: 'frobnicate',
  },
];

describe('unsupported_feature', () => {
  it.each(CASES)('$name', async ({ path, body, param }) => {
    h.sim.reset();
    const res = await postJson(origin, path, body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('unsupported_feature');
    expect(res.json.error.param).toBe(param);
    expect(res.json.error.message).toContain(param);
    expect(res.json.error.message).toContain('Example:');
    expect(h.sim.requests).toHaveLength(0);
  });

  it('same dialect in and out keeps unknown fields (bytes pass through, only the tier changes)', async () => {
    h.sim.reset();
    const res = await postJson(origin, '/v1/responses', { model: 'gpt-5-mini', input: 'Hi', frobnicate: true, start_within: 'default' });
    expect(res.status).toBe(200);
    expect((h.sim.requests[0]!.body as any).frobnicate).toBe(true);
  });
});

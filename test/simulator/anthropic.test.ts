/**
 * Anthropic Messages through the official `@anthropic-ai/sdk` client against the real server:
 * whole and streamed text, usage and the served tier, the wire's event order, tool use and the
 * `max_tokens` stop.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedText, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { payloads, postJson, readAllEvents } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<{ sim: Simulator; client: Anthropic }> {
  sim = await startSimulator(options);
  return { sim, client: new Anthropic({ apiKey: 'sk-ant-test-0001', baseURL: sim.anthropicBaseUrl, maxRetries: 0 }) };
}

const MODEL = 'claude-haiku-4-5';
const MESSAGE = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Tell me about flex' }] };
const HEADERS = { 'x-api-key': 'sk-ant-test-0001', 'anthropic-version': '2023-06-01' };
const WEATHER: Anthropic.Tool = { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };

const textOf = (message: Anthropic.Message) => message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');

describe('messages.create, whole', () => {
  it('answers the same text as every other dialect, with usage and the standard tier', async () => {
    const { sim, client } = await start({ seed: 3 });
    const { data: message, response } = await client.messages.create({ ...MESSAGE, service_tier: 'auto' }).withResponse();
    const text = expectedText(MESSAGE, { seed: 3 });
    expect(text).toBe(expectedText({ model: MODEL, input: 'Tell me about flex' }, { seed: 3 }));
    expect(textOf(message)).toBe(text);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn', stop_sequence: null });
    expect(message.id).toMatch(/^msg_01/);
    expect(message.usage).toMatchObject({ output_tokens: 24, service_tier: 'standard', cache_read_input_tokens: 0 });
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(sim.requests[0]).toMatchObject({
      dialect: 'anthropic-messages',
      path: '/v1/messages',
      model: MODEL,
      requestedTier: 'auto',
      tier: 'standard',
      stream: false,
      text,
    });
    // @anthropic-ai/sdk 1.x sends its key as a Bearer token, with its own API version.
    expect(sim.requests[0]?.headers.authorization).toBe('Bearer …0001');
    expect(sim.requests[0]?.headers['anthropic-version']).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('runs every Anthropic request on the standard pool, whatever the flex knobs say', async () => {
    const { sim, client } = await start({ pools: { flex: { rate429: 1 }, priority: { rate429: 1 } } });
    for (const tier of ['auto', 'standard_only', undefined] as const) {
      const message = await client.messages.create({ ...MESSAGE, ...(tier ? { service_tier: tier } : {}) });
      expect(message.usage.service_tier).toBe('standard');
    }
    expect(sim.requests.map((r) => r.tier)).toEqual(['standard', 'standard', 'standard']);
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    const { client } = await start();
    const message = await client.messages.create({ ...MESSAGE, max_tokens: 4 });
    expect(message.stop_reason).toBe('max_tokens');
    expect(textOf(message)).toBe(expectedText(MESSAGE, { outputTokens: 4 }));
    expect(message.usage.output_tokens).toBe(4);
  });
});

describe('messages.stream', () => {
  it('streams the text; the final message has the stop reason and usage', async () => {
    const { sim, client } = await start({ pools: { standard: { outputTokens: 7 } } });
    const stream = client.messages.stream(MESSAGE);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    expect(deltas.join('')).toBe(expectedText(MESSAGE, { outputTokens: 7 }));
    expect(deltas).toHaveLength(7);
    expect(final).toMatchObject({ stop_reason: 'end_turn', usage: { output_tokens: 7, service_tier: 'standard' } });
    expect(sim.requests[0]).toMatchObject({ stream: true, outcome: 'completed' });
  });

  it('sends message_start, content_block_start, ping, deltas, content_block_stop, message_delta, message_stop', async () => {
    const { sim } = await start({ pools: { standard: { outputTokens: 3 } } });
    const response = await postJson(`${sim.url}/v1/messages`, { ...MESSAGE, stream: true }, { headers: HEADERS });
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const events = await readAllEvents(response);
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const data = payloads(events);
    expect(data.every((d, i) => d.type === events[i]?.event)).toBe(true);
    expect(data[0]?.message).toMatchObject({ content: [], stop_reason: null, usage: { output_tokens: 1, service_tier: 'standard' } });
    expect(data[7]).toMatchObject({ delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } });
  });
});

describe('tool use', () => {
  it('calls a tool when the prompt says "call", whole and streamed as input_json_delta', async () => {
    const { sim, client } = await start();
    const request = { ...MESSAGE, messages: [{ role: 'user' as const, content: 'Please call the weather tool' }], tools: [WEATHER] };
    const whole = await client.messages.create(request);
    expect(whole.stop_reason).toBe('tool_use');
    expect(whole.content).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'get_weather', input: { city: 'sim' } }]);
    expect(sim.requests[0]?.text).toBe('{"city":"sim"}');

    const stream = client.messages.stream(request);
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const final = await stream.finalMessage();
    expect(partials.join('')).toBe('{"city":"sim"}');
    expect(final.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'sim' } });
  });

  it('follows tool_choice: any and tool force a call, none forbids one', async () => {
    const { client } = await start();
    const other: Anthropic.Tool = { name: 'get_time', input_schema: { type: 'object', properties: {} } };
    const base = { ...MESSAGE, tools: [WEATHER, other] };
    expect((await client.messages.create({ ...base, tool_choice: { type: 'any' } })).content[0]).toMatchObject({ name: 'get_weather' });
    expect((await client.messages.create({ ...base, tool_choice: { type: 'tool', name: 'get_time' } })).content[0]).toMatchObject({ name: 'get_time' });
    const none = await client.messages.create({
      ...base,
      messages: [{ role: 'user', content: 'Please call a tool' }],
      tool_choice: { type: 'none' },
    });
    expect(none.content[0]?.type).toBe('text');
  });
});

/**
 * OpenAI Responses dialect against the real simulator, read by the official `openai` client
 * and by plain fetch: text, usage, service_tier, event order, tool calls, request errors.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedText, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { payloads, postJson, readAllEvents } from './helpers.js';

const SEED = 11;
const TOKENS = 12;
let sim: Simulator;
let client: OpenAI;

beforeAll(async () => {
  const pool = { outputTokens: TOKENS };
  sim = await startSimulator({ seed: SEED, pools: { flex: pool, standard: pool, priority: pool } });
  client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl, maxRetries: 0 });
});
afterAll(() => sim.close());

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather for a city',
  strict: false,
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city', 'unit'],
  },
};

describe('Responses, non-streaming, through the SDK', () => {
  it('answers the expected text with usage and the served tier', async () => {
    const body = { model: 'gpt-5-mini', input: 'Tell me about flex tiers', service_tier: 'flex' as const };
    const res = await client.responses.create(body);
    expect(res.output_text).toBe(expectedText(body, { seed: SEED, outputTokens: TOKENS }));
    expect(res.output_text.startsWith('Echo: Tell me about flex tiers')).toBe(true);
    expect(res.status).toBe('completed');
    expect(res.service_tier).toBe('flex');
    expect(res.usage?.output_tokens).toBe(TOKENS);
    expect(res.usage?.total_tokens).toBe((res.usage?.input_tokens ?? 0) + TOKENS);
    expect(res.usage?.input_tokens_details.cached_tokens).toBe(0);
    expect(res.usage?.output_tokens_details.reasoning_tokens).toBe(0);
    expect(res.id).toMatch(/^resp_[0-9a-f]{50}$/);
  });

  it.each([
    [undefined, 'default'],
    ['auto', 'default'],
    ['default', 'default'],
    ['priority', 'priority'],
    ['flex', 'flex'],
  ] as const)('requested tier %s is reported as %s and served by its pool', async (requested, reported) => {
    sim.reset();
    const res = await client.responses.create({ model: 'gpt-5-mini', input: 'hi', ...(requested ? { service_tier: requested } : {}) });
    expect(res.service_tier).toBe(reported);
    expect(sim.requests[0]?.tier).toBe(requested === 'flex' ? 'flex' : requested === 'priority' ? 'priority' : 'standard');
  });

  it('reads the last user message from item input with content parts', async () => {
    const body = {
      model: 'gpt-5-mini',
      input: [
        { role: 'user' as const, content: 'first question' },
        { role: 'assistant' as const, content: 'an answer' },
        { role: 'user' as const, content: [{ type: 'input_text' as const, text: 'second question here' }] },
      ],
    };
    const res = await client.responses.create(body);
    expect(res.output_text.startsWith('Echo: second question here')).toBe(true);
    expect(res.output_text).toBe(expectedText(body, { seed: SEED, outputTokens: TOKENS }));
  });

  it('stops at max_output_tokens and says the response is incomplete', async () => {
    const res = await client.responses.create({ model: 'gpt-5-mini', input: 'long please', max_output_tokens: 3 });
    expect(res.status).toBe('incomplete');
    expect(res.incomplete_details?.reason).toBe('max_output_tokens');
    expect(res.usage?.output_tokens).toBe(3);
    expect(res.output_text).toBe('Echo: long please');
  });
});

describe('Responses, streaming', () => {
  it('streams the expected text through the SDK, ending in response.completed with usage and tier', async () => {
    const body = { model: 'gpt-5-mini', input: 'stream this please', service_tier: 'flex' as const };
    const stream = await client.responses.create({ ...body, stream: true });
    let text = '';
    const types: string[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(text).toBe(expectedText(body, { seed: SEED, outputTokens: TOKENS }));
    const item = completed?.output[0];
    expect(item?.type === 'message' && item.content[0]?.type === 'output_text' ? item.content[0].text : '').toBe(text);
    expect(completed?.usage?.output_tokens).toBe(TOKENS);
    expect(completed?.service_tier).toBe('flex');
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.filter((t) => t === 'response.output_text.delta')).toHaveLength(TOKENS);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('works with the SDK stream helper and its final response', async () => {
    const body = { model: 'gpt-5-mini', input: 'helper stream' };
    const final = await client.responses.stream(body).finalResponse();
    expect(final.output_text).toBe(expectedText(body, { seed: SEED, outputTokens: TOKENS }));
    expect(final.service_tier).toBe('default');
  });

  it('frames every event as `event: <type>` + JSON data with increasing sequence numbers and no [DONE]', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/responses`, { model: 'm', input: 'x', stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readAllEvents(response);
    const data = payloads(events);
    expect(events.every((e, i) => e.event === data[i]?.type)).toBe(true);
    expect(data.map((d) => d.sequence_number)).toEqual(data.map((_, i) => i));
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
    const first = data[0]?.response;
    expect(first?.status).toBe('in_progress');
    // Bookkeeping echoes the requested tier (none sent → "auto"), the final response the served one.
    expect(first?.service_tier).toBe('auto');
    expect(data.at(-1)?.response.service_tier).toBe('default');
  });

  it('pads deltas with obfuscation unless stream_options.include_obfuscation is false', async () => {
    const withPad = payloads(await readAllEvents(await postJson(`${sim.openaiBaseUrl}/responses`, { model: 'm', input: 'x', stream: true })));
    const noPad = payloads(
      await readAllEvents(
        await postJson(`${sim.openaiBaseUrl}/responses`, {
          model: 'm',
          input: 'x',
          stream: true,
          stream_options: { include_obfuscation: false },
        }),
      ),
    );
    const deltas = (d: Array<Record<string, any>>) => d.filter((e) => e.type === 'response.output_text.delta');
    expect(deltas(withPad).every((e) => typeof e.obfuscation === 'string')).toBe(true);
    expect(deltas(noPad).every((e) => !('obfuscation' in e))).toBe(true);
  });
});

describe('Responses tool calls', () => {
  it('streams a function_call item with argument deltas the SDK assembles', async () => {
    const final = await client.responses
      .stream({ model: 'gpt-5-mini', input: 'Please call the weather tool for Paris', tools: [weatherTool] })
      .finalResponse();
    const call = final.output[0];
    expect(call?.type).toBe('function_call');
    if (call?.type !== 'function_call') return;
    expect(call.name).toBe('get_weather');
    expect(JSON.parse(call.arguments)).toEqual({ city: 'sim', unit: 'celsius' });
    expect(call.call_id).toMatch(/^call_/);
  });

  it('emits function_call_arguments deltas that concatenate to the done arguments', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/responses`, {
      model: 'gpt-5-mini',
      input: 'anything',
      tools: [weatherTool],
      tool_choice: 'required',
      stream: true,
    });
    const data = payloads(await readAllEvents(response));
    const args = data.filter((d) => d.type === 'response.function_call_arguments.delta').map((d) => d.delta).join('');
    const done = data.find((d) => d.type === 'response.function_call_arguments.done');
    expect(args).toBe(done?.arguments);
    expect(data.find((d) => d.type === 'response.output_item.added')?.item.type).toBe('function_call');
  });

  it('answers with text when tools exist but the prompt does not ask for a call', async () => {
    const res = await client.responses.create({ model: 'gpt-5-mini', input: 'just chat', tools: [weatherTool] });
    expect(res.output[0]?.type).toBe('message');
  });

  it('never calls a tool with tool_choice none', async () => {
    const res = await client.responses.create({ model: 'gpt-5-mini', input: 'call it', tools: [weatherTool], tool_choice: 'none' });
    expect(res.output[0]?.type).toBe('message');
  });
});

describe('Responses request errors', () => {
  it('answers 400 missing_required_parameter without a model', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/responses`, { input: 'x' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "Missing required parameter: 'model'.",
        type: 'invalid_request_error',
        param: 'model',
        code: 'missing_required_parameter',
      },
    });
  });

  it('answers 400 invalid_value for an unknown service_tier', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/responses`, { model: 'm', input: 'x', service_tier: 'cheap' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { param: string; code: string; message: string } };
    expect(body.error.param).toBe('service_tier');
    expect(body.error.code).toBe('invalid_value');
    expect(body.error.message).toContain("'flex'");
  });

  it('answers 400 with OpenAI parse-error body for invalid JSON', async () => {
    const response = await fetch(`${sim.openaiBaseUrl}/responses`, { method: 'POST', body: '{"model": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/^We could not parse the JSON body of your request/);
  });
});

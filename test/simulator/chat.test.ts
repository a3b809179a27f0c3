/**
 * OpenAI Chat Completions dialect against the real simulator, read by the official `openai`
 * client and by plain fetch: text, usage, service_tier, chunk order, tool calls, errors.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedText, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { payloads, postJson, readAllEvents } from './helpers.js';

const SEED = 5;
const TOKENS = 9;
let sim: Simulator;
let client: OpenAI;

beforeAll(async () => {
  const pool = { outputTokens: TOKENS };
  sim = await startSimulator({ seed: SEED, pools: { flex: pool, standard: pool, priority: pool } });
  client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl, maxRetries: 0 });
});
afterAll(() => sim.close());

const lookupTool = {
  type: 'function' as const,
  function: {
    name: 'lookup_order',
    parameters: { type: 'object', properties: { order_id: { type: 'integer' }, rush: { type: 'boolean' } } },
  },
};

describe('Chat, non-streaming, through the SDK', () => {
  it('answers the expected text with usage and the served tier', async () => {
    const body = {
      model: 'gpt-4.1-mini',
      service_tier: 'flex' as const,
      messages: [
        { role: 'system' as const, content: 'be brief' },
        { role: 'user' as const, content: 'What is flex?' },
      ],
    };
    const res = await client.chat.completions.create(body);
    const choice = res.choices[0];
    expect(choice?.message.content).toBe(expectedText(body, { seed: SEED, outputTokens: TOKENS }));
    expect(choice?.message.content?.startsWith('Echo: What is flex?')).toBe(true);
    expect(choice?.finish_reason).toBe('stop');
    expect(res.object).toBe('chat.completion');
    expect(res.service_tier).toBe('flex');
    expect(res.usage?.completion_tokens).toBe(TOKENS);
    expect(res.usage?.total_tokens).toBe((res.usage?.prompt_tokens ?? 0) + TOKENS);
    expect(res.id).toMatch(/^chatcmpl-/);
  });

  it('reports default for auto and missing tiers', async () => {
    const auto = await client.chat.completions.create({ model: 'm', service_tier: 'auto', messages: [{ role: 'user', content: 'a' }] });
    const none = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'a' }] });
    expect(auto.service_tier).toBe('default');
    expect(none.service_tier).toBe('default');
  });

  it('finishes with length at max_completion_tokens', async () => {
    const res = await client.chat.completions.create({
      model: 'm',
      max_completion_tokens: 2,
      messages: [{ role: 'user', content: 'count words' }],
    });
    expect(res.choices[0]?.finish_reason).toBe('length');
    expect(res.choices[0]?.message.content).toBe('Echo: count');
  });

  it('returns tool_calls when the user asks for a call', async () => {
    const res = await client.chat.completions.create({
      model: 'm',
      tools: [lookupTool],
      messages: [{ role: 'user', content: 'Call lookup_order for me' }],
    });
    const choice = res.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') return;
    expect(call.function.name).toBe('lookup_order');
    expect(JSON.parse(call.function.arguments)).toEqual({ order_id: 1, rush: true });
  });
});

describe('Chat, streaming', () => {
  it('streams the expected text through the SDK with a usage chunk and the tier in every chunk', async () => {
    const body = { model: 'gpt-4.1-mini', service_tier: 'flex' as const, messages: [{ role: 'user' as const, content: 'stream me' }] };
    const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    let text = '';
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe(expectedText(body, { seed: SEED, outputTokens: TOKENS }));
    expect(chunks.every((c) => c.service_tier === 'flex')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBe(TOKENS);
  });

  it('assembles through the SDK stream helper', async () => {
    const body = { model: 'm', messages: [{ role: 'user' as const, content: 'assemble' }] };
    const final = await client.chat.completions.stream(body).finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(expectedText(body, { seed: SEED, outputTokens: TOKENS }));
  });

  it('assembles a streamed tool call through the SDK stream helper', async () => {
    const final = await client.chat.completions
      .stream({ model: 'm', tools: [lookupTool], tool_choice: 'required', messages: [{ role: 'user', content: 'x' }] })
      .finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({ order_id: 1, rush: true });
  });

  it('sends data-only chunks, no usage field without include_usage, and ends with [DONE]', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/chat/completions`, {
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readAllEvents(response);
    expect(events.every((e) => e.event === undefined)).toBe(true);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const data = payloads(events);
    expect(data.every((d) => !('usage' in d))).toBe(true);
    expect(data.every((d) => d.object === 'chat.completion.chunk' && d.service_tier === 'default')).toBe(true);
  });

  it('starts a streamed tool call with role and tool_calls in the first chunk', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/chat/completions`, {
      model: 'm',
      stream: true,
      tools: [lookupTool],
      tool_choice: { type: 'function', function: { name: 'lookup_order' } },
      messages: [{ role: 'user', content: 'x' }],
    });
    const data = payloads(await readAllEvents(response));
    const first = data[0]?.choices[0].delta;
    expect(first.role).toBe('assistant');
    expect(first.content).toBeNull();
    expect(first.tool_calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'lookup_order', arguments: '' } });
  });
});

describe('Chat request errors', () => {
  it('answers 400 when messages are missing', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/chat/completions`, { model: 'm' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { param: string; code: string } };
    expect(body.error).toMatchObject({ param: 'messages', code: 'missing_required_parameter' });
  });

  it('answers 400 when messages is not an array', async () => {
    const response = await postJson(`${sim.openaiBaseUrl}/chat/completions`, { model: 'm', messages: 'hi' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; code: string } };
    expect(body.error.code).toBe('invalid_type');
    expect(body.error.message).toBe("Invalid type for 'messages': expected an array, but got a string instead.");
  });

  it('surfaces as a BadRequestError in the SDK', async () => {
    await expect(client.chat.completions.create({ messages: [] } as never)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});

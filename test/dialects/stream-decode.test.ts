/**
 * Decoder behaviour the recordings do not show: thinking and its signatures, hosted-tool blocks,
 * refusals, output caps, parallel and interleaved tool calls, blocked prompts, failures and
 * streams that stop early, in each dialect.
 */
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import type { SseEvent } from '../../src/sse/events.js';
import { decodeAll, type IRStreamEvent } from '../../src/dialects/ir/stream.js';
import { servedTierFromWire } from '../../src/dialects/ir/tiers.js';
import { createStreamDecoder } from '../../src/dialects/stream-translate.js';
import { summarize } from './support/streams.js';

function decode(dialect: DialectId, events: SseEvent[]): IRStreamEvent[] {
  return decodeAll(createStreamDecoder(dialect), events);
}

const named = (field: 'type' | 'event_type') => (type: string, body: Record<string, unknown> = {}): SseEvent => ({ event: type, data: JSON.stringify({ [field]: type, ...body }) });
const anthropic = named('type');
const responses = named('type');
const interactions = named('event_type');
const data = (body: unknown): SseEvent => ({ data: typeof body === 'string' ? body : JSON.stringify(body) });

describe('Anthropic Messages', () => {
  const start = anthropic('message_start', { message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 1, service_tier: 'priority' } } });

  it('thinking with its signature, redacted thinking, a skipped server tool block, then text', () => {
    const events = decode('anthropic-messages', [
      start,
      anthropic('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
      anthropic('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } }),
      anthropic('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'sig0' } }),
      anthropic('content_block_stop', { index: 0 }),
      anthropic('content_block_start', { index: 1, content_block: { type: 'redacted_thinking', data: 'opaque' } }),
      anthropic('content_block_stop', { index: 1 }),
      anthropic('content_block_start', { index: 2, content_block: { type: 'server_tool_use', id: 'srv', name: 'web_search', input: {} } }),
      anthropic('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } }),
      anthropic('content_block_stop', { index: 2 }),
      anthropic('content_block_start', { index: 3, content_block: { type: 'text', text: '' } }),
      anthropic('content_block_delta', { index: 3, delta: { type: 'text_delta', text: 'Done.' } }),
      anthropic('content_block_stop', { index: 3 }),
      anthropic('message_delta', { delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 42 } }),
      anthropic('message_stop'),
    ]);
    expect(events[0]).toEqual({ type: 'start', id: 'msg_1', model: 'claude-x', servedTier: 'priority' });
    expect(summarize(events)).toMatchObject({
      text: 'Done.',
      reasoning: 'Hmm.',
      signatures: ['sig0', 'opaque'],
      toolCalls: [],
      stopReason: 'max_tokens',
      usage: { inputTokens: 100, cachedInputTokens: 90, outputTokens: 42, reasoningTokens: 0 },
    });
  });

  it('an overloaded_error is an error with its type as code; a stream without message_stop ended early', () => {
    expect(decode('anthropic-messages', [start, anthropic('error', { error: { type: 'overloaded_error', message: 'Overloaded' } })]).at(-1)).toEqual({
      type: 'error',
      message: 'Overloaded',
      code: 'overloaded_error',
    });
    expect(decode('anthropic-messages', [start]).at(-1)).toMatchObject({ type: 'error', code: 'ended_early' });
  });
});

describe('OpenAI Responses', () => {
  const created = responses('response.created', { response: { id: 'resp_1', model: 'gpt-5', created_at: 5, service_tier: 'auto' } });

  it('summary parts of one reasoning item join with a blank line; the encrypted content is its signature', () => {
    const item = { id: 'rs_1', type: 'reasoning', summary: [] };
    const events = decode('openai-responses', [
      created,
      responses('response.output_item.added', { output_index: 0, item }),
      responses('response.reasoning_summary_part.added', { output_index: 0, summary_index: 0 }),
      responses('response.reasoning_summary_text.delta', { output_index: 0, summary_index: 0, delta: 'One.' }),
      responses('response.reasoning_summary_part.added', { output_index: 0, summary_index: 1 }),
      responses('response.reasoning_summary_text.delta', { output_index: 0, summary_index: 1, delta: 'Two.' }),
      responses('response.output_item.done', { output_index: 0, item: { ...item, encrypted_content: 'enc' } }),
      responses('response.completed', { response: { status: 'completed', service_tier: 'flex', usage: { input_tokens: 3, output_tokens: 4 } } }),
    ]);
    expect(summarize(events)).toMatchObject({ reasoning: 'One.\n\nTwo.', signatures: ['enc'], stopReason: 'end_turn', servedTier: 'flex' });
    expect(events[0]).toEqual({ type: 'start', id: 'resp_1', model: 'gpt-5', createdAt: 5 });
  });

  it('a refusal is text with stop reason refusal; response.incomplete is max_tokens', () => {
    const refusal = decode('openai-responses', [
      created,
      responses('response.output_item.added', { output_index: 0, item: { id: 'm', type: 'message', content: [] } }),
      responses('response.content_part.added', { output_index: 0, content_index: 0, part: { type: 'refusal', refusal: '' } }),
      responses('response.refusal.delta', { output_index: 0, content_index: 0, delta: 'I cannot help with that.' }),
      responses('response.completed', { response: { status: 'completed' } }),
    ]);
    expect(summarize(refusal)).toMatchObject({ text: 'I cannot help with that.', stopReason: 'refusal' });
    const capped = decode('openai-responses', [created, responses('response.incomplete', { response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } })]);
    expect(capped.at(-1)).toMatchObject({ type: 'finish', stopReason: 'max_tokens' });
  });

  it('hosted tool calls are skipped; arguments given only whole still arrive', () => {
    const events = decode('openai-responses', [
      created,
      responses('response.output_item.added', { output_index: 0, item: { id: 'ws', type: 'web_search_call', status: 'in_progress' } }),
      responses('response.output_item.done', { output_index: 0, item: { id: 'ws', type: 'web_search_call', status: 'completed' } }),
      responses('response.output_item.added', { output_index: 1, item: { id: 'fc', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '' } }),
      responses('response.output_item.done', { output_index: 1, item: { id: 'fc', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{"a":1}' } }),
      responses('response.completed', { response: { status: 'completed' } }),
    ]);
    expect(summarize(events).toolCalls).toEqual([{ id: 'call_1', name: 'f', args: { a: 1 } }]);
    expect(summarize(events).stopReason).toBe('tool_use');
  });
});

describe('OpenAI Chat', () => {
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    data({ id: 'chatcmpl-1', created: 7, model: 'gpt-5', service_tier: 'flex', choices: [{ index: 0, delta, finish_reason: null }], ...extra });
  const finish = (reason: string) => data({ id: 'chatcmpl-1', choices: [{ index: 0, delta: {}, finish_reason: reason }] });

  it('reasoning, text and two parallel tool calls (one signed the Gemini way), then usage', () => {
    const events = decode('openai-chat', [
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'Think.' }),
      chunk({ content: 'Calling.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '' }, extra_content: { google: { thought_signature: 'gsig' } } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}' } }] }),
      finish('tool_calls'),
      data({ id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 6, prompt_tokens_details: { cached_tokens: 2 }, completion_tokens_details: { reasoning_tokens: 1 } } }),
      data('[DONE]'),
    ]);
    expect(summarize(events)).toEqual({
      text: 'Calling.',
      reasoning: 'Think.',
      signatures: [],
      toolCalls: [
        { id: 'call_a', name: 'a', args: { x: 1 }, signature: 'gsig' },
        { id: 'call_b', name: 'b', args: {} },
      ],
      stopReason: 'tool_use',
      servedTier: 'flex',
      usage: { inputTokens: 5, cachedInputTokens: 2, outputTokens: 6, reasoningTokens: 1 },
    });
  });

  it('interleaved tool-call arguments end the stream with a named error instead of being dropped', () => {
    const events = decode('openai-chat', [
      chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'a', arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'b', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      finish('tool_calls'),
      data('[DONE]'),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'interleaved_tool_calls' });
    expect(events.filter((e) => e.type === 'finish' || e.type === 'error')).toHaveLength(1);
  });

  it('finish_reason without [DONE] still finishes; neither is ended early; an error chunk is an error', () => {
    expect(decode('openai-chat', [chunk({ content: 'Hi' }), finish('length')]).at(-1)).toMatchObject({ type: 'finish', stopReason: 'max_tokens' });
    expect(decode('openai-chat', [chunk({ content: 'Hi' })]).at(-1)).toMatchObject({ type: 'error', code: 'ended_early' });
    expect(decode('openai-chat', [chunk({ content: 'Hi' }), data({ error: { message: 'boom', type: 'server_error' } })]).at(-1)).toEqual({
      type: 'error',
      message: 'boom',
      code: 'server_error',
    });
  });
});

describe('Gemini generateContent', () => {
  const gen = (parts: unknown[], extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
    data({ candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }], responseId: 'r1', modelVersion: 'gemini-x', ...top });

  it('thought parts are reasoning; two function calls get their own ids; STOP after calls is tool_use', () => {
    const events = decode('gemini-generate', [
      gen([{ text: 'Plan', thought: true }, { text: ' it.', thought: true, thoughtSignature: 's1' }]),
      gen([{ functionCall: { name: 'a', args: { x: 1 } } }, { functionCall: { name: 'b', args: {}, id: 'given' } }]),
      gen([{ text: '' }], { finishReason: 'STOP' }, { usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 5, thoughtsTokenCount: 6, serviceTier: 'flex' } }),
    ]);
    expect(summarize(events)).toEqual({
      text: '',
      reasoning: 'Plan it.',
      signatures: ['s1'],
      toolCalls: [
        { id: 'call_r1_1', name: 'a', args: { x: 1 } },
        { id: 'given', name: 'b', args: {} },
      ],
      stopReason: 'tool_use',
      servedTier: 'flex',
      usage: { inputTokens: 4, cachedInputTokens: 0, outputTokens: 11, reasoningTokens: 6 },
    });
  });

  it('MAX_TOKENS, SAFETY and a blocked prompt; an error chunk; no final chunk is ended early', () => {
    expect(decode('gemini-generate', [gen([{ text: 'a' }], { finishReason: 'MAX_TOKENS' })]).at(-1)).toMatchObject({ type: 'finish', stopReason: 'max_tokens' });
    expect(decode('gemini-generate', [gen([{ text: 'a' }], { finishReason: 'SAFETY' })]).at(-1)).toMatchObject({ type: 'finish', stopReason: 'refusal' });
    expect(decode('gemini-generate', [data({ promptFeedback: { blockReason: 'SAFETY' } })]).at(-1)).toMatchObject({ type: 'finish', stopReason: 'refusal' });
    expect(decode('gemini-generate', [gen([{ text: 'a' }]), data({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } })]).at(-1)).toEqual({
      type: 'error',
      message: 'overloaded',
      code: 'UNAVAILABLE',
    });
    expect(decode('gemini-generate', [gen([{ text: 'a' }])]).at(-1)).toMatchObject({ type: 'error', code: 'ended_early' });
  });
});

describe('Gemini Interactions', () => {
  const created = interactions('interaction.created', { interaction: { id: 'v1_x', status: 'in_progress', model: 'gemini-x', created: '2026-05-15T18:51:57Z' } });

  it('thought summaries are reasoning; status updates carry nothing; completed gives usage and tier', () => {
    const events = decode('gemini-interactions', [
      created,
      interactions('interaction.status_update', { interaction_id: 'v1_x', status: 'in_progress' }),
      interactions('step.start', { index: 0, step: { type: 'thought' } }),
      interactions('step.delta', { index: 0, delta: { type: 'thought_summary', content: { type: 'text', text: 'Thinking.' } } }),
      interactions('step.stop', { index: 0 }),
      interactions('step.start', { index: 1, step: { type: 'model_output' } }),
      interactions('step.delta', { index: 1, delta: { type: 'text', text: 'Hi.' } }),
      interactions('step.stop', { index: 1 }),
      interactions('interaction.completed', { interaction: { id: 'v1_x', status: 'incomplete', service_tier: 'priority', usage: { total_input_tokens: 2, total_output_tokens: 3, total_thought_tokens: 4 } } }),
    ]);
    expect(events[0]).toEqual({ type: 'start', id: 'v1_x', model: 'gemini-x', createdAt: Date.parse('2026-05-15T18:51:57Z') / 1000 });
    expect(summarize(events)).toMatchObject({ text: 'Hi.', reasoning: 'Thinking.', stopReason: 'max_tokens', servedTier: 'priority', usage: { inputTokens: 2, outputTokens: 7, reasoningTokens: 4 } });
  });

  it('an error event, and a completed interaction that failed, are errors', () => {
    expect(decode('gemini-interactions', [created, interactions('error', { error: { code: 'unavailable', message: 'try later' } })]).at(-1)).toEqual({
      type: 'error',
      message: 'try later',
      code: 'unavailable',
    });
    expect(decode('gemini-interactions', [created, interactions('interaction.completed', { interaction: { id: 'v1_x', status: 'failed' } })]).at(-1)).toMatchObject({ type: 'error' });
    expect(decode('gemini-interactions', [created]).at(-1)).toMatchObject({ type: 'error', code: 'ended_early' });
  });
});

describe('every decoder', () => {
  const dialects: DialectId[] = ['openai-responses', 'openai-chat', 'anthropic-messages', 'gemini-generate', 'gemini-interactions'];
  for (const dialect of dialects) {
    it(`${dialect}: unreadable data is an error, never an exception, and nothing follows it`, () => {
      const events = decode(dialect, [{ event: 'x', data: '{not json' }, { data: '{"also":"ignored"}' }]);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'error', message: expect.stringContaining('not a JSON object') });
    });
  }
});

describe('wire words are looked up safely', () => {
  it('a word naming an Object.prototype member maps to nothing', () => {
    expect(servedTierFromWire('constructor')).toBeUndefined();
    expect(servedTierFromWire('DEFAULT')).toBe('standard');
    expect(servedTierFromWire('SERVICE_TIER_FLEX')).toBe('flex');
    const events = decode('anthropic-messages', [
      anthropic('message_start', { message: { id: 'm', model: 'c', usage: { service_tier: 'toString' } } }),
      anthropic('message_delta', { delta: { stop_reason: 'constructor' } }),
      anthropic('message_stop'),
    ]);
    expect(events[0]).toEqual({ type: 'start', id: 'm', model: 'c' });
    expect(events.at(-1)).toMatchObject({ type: 'finish', stopReason: 'end_turn' });
  });
});

import { describe, expect, it } from 'vitest';
import type { IRRequest } from '../../src/dialects/ir/request.js';
import type { IRResponse } from '../../src/dialects/ir/response.js';
import { decodeResponsesRequest, encodeResponsesRequest } from '../../src/dialects/openai-responses/request.js';
import { decodeResponsesResponse, encodeResponsesResponse } from '../../src/dialects/openai-responses/response.js';
import { outputText } from '../../src/dialects/output-text.js';
import { recorded } from './support/recorded.js';
import { thrown } from './support/thrown.js';

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };

const agentTurn = {
  model: 'gpt-5-mini',
  instructions: 'You are a weather bot.',
  input: [
    { role: 'user', content: [{ type: 'input_text', text: 'Weather where this photo was taken?' }, { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'high' }] },
    { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Looks like Paris.' }], encrypted_content: 'gAAAAB' },
    { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'function_call_output', call_id: 'call_1', output: '18°C' },
    { role: 'assistant', content: 'It is 18°C in Paris.' },
    { role: 'user', content: 'And tomorrow?' },
  ],
  tools: [
    { type: 'function', name: 'get_weather', description: 'Current weather', parameters: schema, strict: true },
    { type: 'web_search', search_context_size: 'low', user_location: { type: 'approximate', country: 'FR' } },
  ],
  tool_choice: { type: 'function', name: 'get_weather' },
  parallel_tool_calls: false,
  max_output_tokens: 2048,
  text: { format: { type: 'json_schema', name: 'weather', schema, strict: true }, verbosity: 'low' },
  reasoning: { effort: 'high', summary: 'auto' },
  store: false,
  include: ['reasoning.encrypted_content'],
  start_within: '00h-00m-30s',
};

describe('OpenAI Responses request codec', () => {
  it('decodes instructions, items, hosted web search and settings into the IR', () => {
    const ir = decodeResponsesRequest(agentTurn);
    expect(ir.system).toEqual([{ type: 'text', text: 'You are a weather bot.' }]);
    expect(ir.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(ir.messages[0]?.content[1]).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' }, detail: 'high' });
    // Reasoning and the call it led to are one assistant turn.
    expect(ir.messages[1]?.content).toEqual([
      { type: 'reasoning', origin: 'openai-responses', text: 'Looks like Paris.', signature: 'gAAAAB', id: 'rs_1' },
      { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    ]);
    expect(ir.tools).toEqual([{ name: 'get_weather', description: 'Current weather', parameters: schema, strict: true }]);
    expect(ir.webSearch).toEqual({ contextSize: 'low', userLocation: { country: 'FR' } });
    expect(ir.toolChoice).toEqual({ name: 'get_weather' });
    expect(ir.responseFormat).toEqual({ type: 'json_schema', name: 'weather', schema, strict: true });
    expect(ir).toMatchObject({ parallelToolCalls: false, maxOutputTokens: 2048, verbosity: 'low', reasoning: { effort: 'high', summary: 'auto' } });
    // The web search tool is the caller's tools.1, though it is not an IR tool.
    expect(ir.sourcePaths?.['webSearch']).toBe('tools.1');
  });

  it('encodes the IR back into the same request', () => {
    const body = encodeResponsesRequest(decodeResponsesRequest(agentTurn), { tier: 'flex', stream: true });
    const { store: _s, include: _i, start_within: _sw, ...rest } = agentTurn;
    expect(body).toEqual({ ...rest, stream: true, service_tier: 'flex' });
  });

  it('keeps a single user text as a plain string input', () => {
    const body = { model: 'gpt-5-nano', input: 'Count to ten.', instructions: 'Be terse.' };
    expect(encodeResponsesRequest(decodeResponsesRequest(body), { stream: false })).toEqual(body);
  });

  it('refuses what no translation can carry, naming the caller field', () => {
    expect(thrown(() => decodeResponsesRequest({ model: 'gpt-5', input: 'x', previous_response_id: 'resp_1' }))).toMatchObject({
      code: 'unsupported_feature',
      param: 'previous_response_id',
    });
    expect(thrown(() => decodeResponsesRequest({ model: 'gpt-5', input: 'x', tools: [{ type: 'file_search', vector_store_ids: [] }] }))).toMatchObject({
      param: 'tools.0',
    });
    expect(thrown(() => decodeResponsesRequest({ model: 'gpt-5', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }))).toMatchObject({
      param: 'input.0.content.0',
    });
  });

  it('refuses stop sequences, which Responses cannot carry, by the caller field name', () => {
    const ir: IRRequest = {
      model: 'gpt-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stopSequences: ['END'],
      stream: false,
      sourcePaths: { stopSequences: 'stop_sequences' },
      sourceDialect: 'anthropic-messages',
    };
    const error = thrown(() => encodeResponsesRequest(ir, { stream: false }));
    expect(error).toMatchObject({ code: 'unsupported_feature', param: 'stop_sequences' });
    // The example request in the message is written in the caller's own format.
    expect(error.message).toContain('"max_tokens"');
  });

  it('refuses reasoning another provider made', () => {
    const ir: IRRequest = {
      model: 'gpt-5',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'reasoning', origin: 'anthropic-messages', text: 'hm', signature: 's' }, { type: 'text', text: 'Hello' }] },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
      ],
      stream: false,
      sourcePaths: { 'messages.1.content.0': 'messages.1.content.0' },
    };
    expect(thrown(() => encodeResponsesRequest(ir, { stream: false }))).toMatchObject({ code: 'unsupported_feature', param: 'messages.1.content.0' });
  });
});

describe('OpenAI Responses response codec', () => {
  it('decodes the recorded reasoning response: summary, token, text and usage', () => {
    const body = recorded('openai-responses-openai-reasoning-encrypted-content.1.json');
    const ir = decodeResponsesResponse(body);
    expect(ir.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
    expect(ir.content[0]).toMatchObject({ origin: 'openai-responses', id: 'rs_0f35ed53160b395301693cc95817ac8190b978637daea4987e' });
    expect(ir.content[1]).toEqual({ type: 'text', text: outputText(body) });
    expect(ir).toMatchObject({
      stopReason: 'end_turn',
      usage: { inputTokens: 865, cachedInputTokens: 0, outputTokens: 163, reasoningTokens: 128 },
      servedTier: 'standard',
      createdAt: 1765591383,
    });
  });

  it('decodes the recorded two-message response with cached tokens', () => {
    const body = recorded('openai-responses-openai-phase.1.json');
    const ir = decodeResponsesResponse(body);
    expect(ir.content.map((part) => (part.type === 'text' ? part.text : '')).join('')).toBe(outputText(body));
    expect(ir.usage).toEqual({ inputTokens: 7243, cachedInputTokens: 3072, outputTokens: 423, reasoningTokens: 58 });
  });

  it('decodes the recorded custom tool call', () => {
    const ir = decodeResponsesResponse(recorded('openai-responses-openai-custom-tool.1.json'));
    expect(ir.content).toEqual([{ type: 'tool_call', id: 'call_custom_sql_001', name: 'write_sql', arguments: 'SELECT * FROM users WHERE age > 25', kind: 'custom' }]);
    expect(ir.stopReason).toBe('tool_use');
  });

  it('encodes a response with stable item ids, usage and the served tier', () => {
    const ir: IRResponse = {
      id: 'msg_01abc',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'reasoning', origin: 'anthropic-messages', text: 'Think.', signature: 'sig' },
        { type: 'text', text: 'Calling.' },
        { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{}' },
      ],
      stopReason: 'tool_use',
      usage: { inputTokens: 10, cachedInputTokens: 2, outputTokens: 5, reasoningTokens: 1 },
      servedTier: 'standard',
      createdAt: 1700000000,
    };
    const body = encodeResponsesResponse(ir, { callerModel: 'claude-sonnet-4-5' });
    expect(body).toMatchObject({
      id: 'resp_01abc', // a Responses caller gets a resp_ id, whoever answered
      object: 'response',
      created_at: 1700000000,
      status: 'completed',
      model: 'claude-sonnet-4-5',
      service_tier: 'default',
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 2 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 1 }, total_tokens: 15 },
    });
    const output = body['output'] as Array<Record<string, unknown>>;
    expect(output.map((item) => [item['type'], item['id']])).toEqual([
      ['reasoning', 'rs_msg_01abc_0'],
      ['message', 'msg_msg_01abc_1'],
      ['function_call', 'fc_msg_01abc_2'],
    ]);
    expect(outputText(body)).toBe('Calling.');
    // Same IR, same body: ids are derived, not random.
    expect(encodeResponsesResponse(ir, { callerModel: 'claude-sonnet-4-5' })).toEqual(body);
    // Anthropic's thinking goes back to Anthropic when the caller replays the items.
    const replay = decodeResponsesRequest({ model: 'claude-sonnet-4-5', input: [{ role: 'user', content: 'Hi' }, ...output] });
    expect(replay.messages[1]?.content[0]).toEqual({ type: 'reasoning', origin: 'anthropic-messages', text: 'Think.', signature: 'sig' });
  });

  it('shows an output cap as incomplete', () => {
    const ir: IRResponse = {
      id: 'r',
      model: 'm',
      content: [{ type: 'text', text: 'Part' }],
      stopReason: 'max_tokens',
      usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 },
      servedTier: 'flex',
    };
    const body = encodeResponsesResponse(ir, { callerModel: 'm', now: () => 1_700_000_000_000 });
    expect(body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, service_tier: 'flex', created_at: 1_700_000_000 });
    expect(decodeResponsesResponse(body).stopReason).toBe('max_tokens');
  });
});

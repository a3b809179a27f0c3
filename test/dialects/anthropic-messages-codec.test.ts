import { describe, expect, it } from 'vitest';
import { decodeAnthropicRequest, encodeAnthropicRequest } from '../../src/dialects/anthropic-messages/request.js';
import { decodeAnthropicResponse, encodeAnthropicResponse } from '../../src/dialects/anthropic-messages/response.js';
import type { IRRequest } from '../../src/dialects/ir/request.js';
import type { IRResponse } from '../../src/dialects/ir/response.js';
import { recorded } from './support/recorded.js';
import { thrown } from './support/thrown.js';

const agentTurn = {
  model: 'claude-sonnet-4-5',
  max_tokens: 4096,
  system: [{ type: 'text', text: 'You are a weather bot.', cache_control: { type: 'ephemeral' } }],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in Paris and what is in this picture?' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Need the weather tool.', signature: 'sig-abc' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Lyon' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'not found' }], is_error: true },
        { type: 'text', text: 'Thanks!' },
      ],
    },
  ],
  tools: [
    { name: 'get_weather', description: 'Current weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
    { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
  ],
  tool_choice: { type: 'auto', disable_parallel_tool_use: true },
  thinking: { type: 'enabled', budget_tokens: 2048 },
  temperature: 0.5,
  top_k: 40,
  stop_sequences: ['END'],
  metadata: { user_id: 'u-1' },
  start_within: 'default',
};

describe('Anthropic Messages request codec', () => {
  it('decodes a tool-using, multimodal, thinking conversation into the IR', () => {
    const ir = decodeAnthropicRequest(agentTurn);
    expect(ir.system).toEqual([{ type: 'text', text: 'You are a weather bot.' }]);
    expect(ir.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'user']);
    expect(ir.messages[0]?.content[1]).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } });
    expect(ir.messages[1]?.content[0]).toEqual({ type: 'reasoning', origin: 'anthropic-messages', text: 'Need the weather tool.', signature: 'sig-abc' });
    expect(ir.messages[1]?.content[2]).toEqual({ type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(ir.messages[2]?.content).toEqual([
      { type: 'tool_result', callId: 'toolu_1', content: '18°C' },
      { type: 'tool_result', callId: 'toolu_2', content: [{ type: 'text', text: 'not found' }], isError: true },
    ]);
    expect(ir.tools).toEqual([{ name: 'get_weather', description: 'Current weather', parameters: agentTurn.tools[0]?.input_schema }]);
    expect(ir.webSearch).toEqual({ maxUses: 3 });
    expect(ir.toolChoice).toBe('auto');
    expect(ir.parallelToolCalls).toBe(false);
    expect(ir.reasoning).toEqual({ budgetTokens: 2048 });
    expect(ir).toMatchObject({ maxOutputTokens: 4096, temperature: 0.5, topK: 40, stopSequences: ['END'] });
  });

  it('encodes the IR back into the same conversation', () => {
    const body = encodeAnthropicRequest(decodeAnthropicRequest(agentTurn), { tier: 'standard_only', stream: false });
    const { start_within: _sw, metadata: _md, ...rest } = agentTurn;
    expect(body).toEqual({
      ...rest,
      system: 'You are a weather bot.',
      service_tier: 'standard_only',
    });
  });

  it('reads structured output from output_config.format and writes it back there', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const ir = decodeAnthropicRequest({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }], output_config: { format: { type: 'json_schema', schema } } });
    expect(ir.responseFormat).toEqual({ type: 'json_schema', schema });
    expect(encodeAnthropicRequest(ir, { stream: true })).toMatchObject({ output_config: { format: { type: 'json_schema', schema } }, stream: true });
  });

  it('turns an effort word from another format into a thinking budget below max_tokens', () => {
    const ir: IRRequest = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], maxOutputTokens: 4000, reasoning: { effort: 'high' }, stream: false };
    expect(encodeAnthropicRequest(ir, { stream: false })['thinking']).toEqual({ type: 'enabled', budget_tokens: 3999 });
    expect(encodeAnthropicRequest({ ...ir, maxOutputTokens: 64000 }, { stream: false })['thinking']).toEqual({ type: 'enabled', budget_tokens: 16384 });
    expect(encodeAnthropicRequest({ ...ir, reasoning: { effort: 'none' } }, { stream: false })['thinking']).toEqual({ type: 'disabled' });
    // Gemini's thinkingBudget 0 means the same: no thinking.
    expect(encodeAnthropicRequest({ ...ir, reasoning: { budgetTokens: 0 } }, { stream: false })['thinking']).toEqual({ type: 'disabled' });
    expect(() => encodeAnthropicRequest({ ...ir, maxOutputTokens: 800 }, { stream: false })).toThrow(/raise the token cap above 1024/);
  });

  it('keeps adaptive thinking and its effort', () => {
    const ir = decodeAnthropicRequest({
      model: 'claude-opus-4-8',
      max_tokens: 2000,
      messages: [{ role: 'user', content: 'Hi' }],
      thinking: { type: 'adaptive', display: 'summarized' },
      output_config: { effort: 'xhigh' },
    });
    expect(ir.reasoning).toEqual({ adaptive: true, effort: 'xhigh', summary: 'auto' });
    expect(encodeAnthropicRequest(ir, { stream: false })).toMatchObject({ thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: 'xhigh' } });
  });

  it('refuses what no translation can carry, naming the caller field', () => {
    const documentTurn = { ...agentTurn, messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } }] }] };
    expect(thrown(() => decodeAnthropicRequest(documentTurn))).toMatchObject({ code: 'unsupported_feature', param: 'messages.0.content.0' });
    expect(thrown(() => decodeAnthropicRequest({ ...agentTurn, mcp_servers: [] }))).toMatchObject({ code: 'unsupported_feature', param: 'mcp_servers' });
    expect(thrown(() => decodeAnthropicRequest({ ...agentTurn, max_tokens: '10' }))).toMatchObject({ code: 'invalid_body', param: 'max_tokens' });
  });

  it('refuses what Anthropic cannot carry, naming the field the caller wrote', () => {
    const ir: IRRequest = {
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      maxOutputTokens: 100,
      seed: 7,
      stream: false,
      sourcePaths: { seed: 'seed' },
      sourceDialect: 'openai-chat',
    };
    const error = thrown(() => encodeAnthropicRequest(ir, { stream: false }));
    expect(error).toMatchObject({ code: 'unsupported_feature', param: 'seed', status: 400 });
    expect(error.message).toContain('Anthropic Messages cannot carry it');
    expect(thrown(() => encodeAnthropicRequest({ ...ir, seed: undefined, maxOutputTokens: undefined }, { stream: false }))).toMatchObject({ code: 'missing_max_tokens' });
    expect(thrown(() => encodeAnthropicRequest({ ...ir, seed: undefined, responseFormat: { type: 'json_object' } }, { stream: false }))).toMatchObject({ code: 'unsupported_feature' });
  });
});

describe('Anthropic Messages response codec', () => {
  it('decodes the recorded text response', () => {
    const ir = decodeAnthropicResponse(recorded('anthropic-text.json'));
    expect(ir).toMatchObject({
      id: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'Hello! I\'m doing well, thanks for asking. How are you doing today? Is there anything I can help you with?' }],
      stopReason: 'end_turn',
      usage: { inputTokens: 12, cachedInputTokens: 0, outputTokens: 29, reasoningTokens: 0 },
      servedTier: 'standard',
    });
  });

  it('decodes the recorded tool call with its input as JSON arguments', () => {
    const body = recorded('anthropic-json-tool.1.json');
    const ir = decodeAnthropicResponse(body);
    expect(ir.stopReason).toBe('tool_use');
    const call = ir.content[0];
    expect(call).toMatchObject({ type: 'tool_call', id: 'toolu_01Q9ExVZnzZj7E2QQYHYtNUa', name: 'json' });
    expect(JSON.parse(call?.type === 'tool_call' ? call.arguments : '')).toEqual((body['content'] as Array<{ input: unknown }>)[0]?.input);
    expect(ir.usage).toEqual({ inputTokens: 1151, cachedInputTokens: 0, outputTokens: 87, reasoningTokens: 0 });
  });

  it('encodes a response with cache usage split out and the served tier in usage.service_tier', () => {
    const ir: IRResponse = {
      id: 'resp_1',
      model: 'gpt-5-mini',
      content: [{ type: 'text', text: 'Hi' }],
      stopReason: 'max_tokens',
      usage: { inputTokens: 100, cachedInputTokens: 60, outputTokens: 10, reasoningTokens: 4, cacheWriteInputTokens: 5 },
      servedTier: 'flex',
    };
    // An Anthropic caller sees Anthropic's shapes: a msg_ id, and no `flex` word (Anthropic has no
    // flex tier; x-flexroute-tier carries the real one).
    expect(encodeAnthropicResponse(ir, { callerModel: 'gpt-5-mini' })).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'gpt-5-mini',
      content: [{ type: 'text', text: 'Hi' }],
      stop_reason: 'max_tokens',
      stop_sequence: null,
      usage: {
        input_tokens: 35,
        cache_creation_input_tokens: 5,
        cache_read_input_tokens: 60,
        output_tokens: 10,
        output_tokens_details: { thinking_tokens: 4 },
        service_tier: 'standard',
      },
    });
  });

  it('writes Gemini reasoning as a thinking block that finds its way back', () => {
    const ir: IRResponse = {
      id: 'r',
      model: 'gemini-3-pro-preview',
      content: [{ type: 'tool_call', id: 'call_r_1', name: 'weather', arguments: '{"city":"Paris"}', signature: 'EskgCsYg' }],
      stopReason: 'tool_use',
      usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 },
      servedTier: 'standard',
    };
    const body = encodeAnthropicResponse(ir, { callerModel: 'gemini-3-pro-preview' });
    const content = body['content'] as Array<Record<string, unknown>>;
    expect(content.map((block) => block['type'])).toEqual(['thinking', 'tool_use']);
    // The caller sends the assistant turn back as history: the signature returns to Gemini.
    const next = decodeAnthropicRequest({ model: 'gemini-3-pro-preview', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content }] });
    expect(next.messages[1]?.content[0]).toEqual({ type: 'reasoning', origin: 'gemini-generate', signature: 'EskgCsYg' });
  });
});

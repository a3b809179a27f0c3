import { describe, expect, it } from 'vitest';
import type { IRRequest } from '../../src/dialects/ir/request.js';
import type { IRResponse } from '../../src/dialects/ir/response.js';
import { decodeChatRequest, encodeChatRequest } from '../../src/dialects/openai-chat/request.js';
import { decodeChatResponse, encodeChatResponse } from '../../src/dialects/openai-chat/response.js';
import { outputText } from '../../src/dialects/output-text.js';
import { recorded } from './support/recorded.js';
import { thrown } from './support/thrown.js';

const agentTurn = {
  model: 'gpt-5-mini',
  messages: [
    { role: 'developer', content: 'You are a weather bot.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in both cities in this photo?' },
        { type: 'image_url', image_url: { url: 'https://example.com/skyline.png', detail: 'low' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lyon"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_a', content: '18°C' },
    { role: 'tool', tool_call_id: 'call_b', content: '21°C' },
    { role: 'system', content: 'Answer in French from now on.' },
    { role: 'user', content: 'Summarise.' },
  ],
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
  tool_choice: 'required',
  parallel_tool_calls: true,
  max_completion_tokens: 500,
  temperature: 0.2,
  seed: 42,
  stop: ['###'],
  response_format: { type: 'json_object' },
  reasoning_effort: 'minimal',
  user: 'u-42',
  stream: true,
  stream_options: { include_usage: true },
  start_within: '00h-00m-10s',
};

describe('OpenAI Chat request codec', () => {
  it('decodes messages, parallel tool results and a mid-conversation system message', () => {
    const ir = decodeChatRequest(agentTurn);
    expect(ir.system).toEqual([{ type: 'text', text: 'You are a weather bot.' }]);
    expect(ir.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'system', 'user']);
    expect(ir.messages[0]?.content[1]).toEqual({ type: 'image', source: { kind: 'url', url: 'https://example.com/skyline.png' }, detail: 'low' });
    expect(ir.messages[2]?.content).toEqual([
      { type: 'tool_result', callId: 'call_a', content: '18°C' },
      { type: 'tool_result', callId: 'call_b', content: '21°C' },
    ]);
    expect(ir).toMatchObject({
      toolChoice: 'required',
      parallelToolCalls: true,
      maxOutputTokens: 500,
      seed: 42,
      stopSequences: ['###'],
      responseFormat: { type: 'json_object' },
      reasoning: { effort: 'minimal' },
      stream: true,
    });
  });

  it('encodes the IR back, asking for usage when streaming', () => {
    const body = encodeChatRequest(decodeChatRequest(agentTurn), { tier: 'flex', stream: true });
    const { user: _u, start_within: _sw, messages, ...rest } = agentTurn;
    expect(body).toEqual({ ...rest, messages: [{ role: 'system', content: 'You are a weather bot.' }, ...messages.slice(1)], service_tier: 'flex' });
  });

  it('reads max_tokens as the token cap and a single stop string', () => {
    const ir = decodeChatRequest({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 77, stop: 'END' });
    expect(ir).toMatchObject({ maxOutputTokens: 77, stopSequences: ['END'] });
    expect(ir.sourcePaths?.['maxOutputTokens']).toBe('max_tokens');
  });

  it('refuses what no translation can carry, naming the caller field', () => {
    expect(thrown(() => decodeChatRequest({ ...agentTurn, n: 3 }))).toMatchObject({ code: 'unsupported_feature', param: 'n' });
    expect(thrown(() => decodeChatRequest({ ...agentTurn, logit_bias: { 50256: -100 } }))).toMatchObject({ param: 'logit_bias' });
    expect(thrown(() => decodeChatRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] }))).toMatchObject({
      param: 'messages.0.content.0',
    });
    expect(thrown(() => decodeChatRequest({ model: 'm', messages: 'hi' }))).toMatchObject({ code: 'invalid_body', param: 'messages' });
  });

  it('refuses web search, which Chat cannot carry, naming the caller tool', () => {
    const ir: IRRequest = {
      model: 'gpt-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'News?' }] }],
      webSearch: {},
      stream: false,
      sourcePaths: { webSearch: 'tools.2' },
      sourceDialect: 'openai-responses',
    };
    expect(thrown(() => encodeChatRequest(ir, { stream: false }))).toMatchObject({ code: 'unsupported_feature', param: 'tools.2' });
  });

  it('refuses tool-error flags and images in tool results', () => {
    const base: IRRequest = {
      model: 'gpt-5',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Go' }] },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool_result', callId: 'c', content: 'boom', isError: true }] },
      ],
      stream: false,
    };
    expect(thrown(() => encodeChatRequest(base, { stream: false }))).toMatchObject({ param: 'messages.2.content.0' });
    const withImage: IRRequest = {
      ...base,
      messages: [
        ...base.messages.slice(0, 2),
        { role: 'tool', content: [{ type: 'tool_result', callId: 'c', content: [{ type: 'image', source: { kind: 'url', url: 'https://x.test/a.png' } }] }] },
      ],
    };
    expect(thrown(() => encodeChatRequest(withImage, { stream: false }))).toMatchObject({ code: 'unsupported_feature', param: 'messages.2.content.0' });
  });
});

describe('OpenAI Chat response codec', () => {
  it('decodes the recorded completion', () => {
    const body = recorded('openai-chat-openai-text.json');
    const ir = decodeChatResponse(body);
    expect(ir).toMatchObject({
      id: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      model: 'gpt-4.1-nano-2025-04-14',
      content: [{ type: 'text', text: outputText(body) }],
      stopReason: 'end_turn',
      usage: { inputTokens: 16, cachedInputTokens: 0, outputTokens: 363, reasoningTokens: 0 },
      servedTier: 'standard',
      createdAt: 1770933883,
    });
  });

  it('encodes tool calls with finish_reason tool_calls and the served tier', () => {
    const ir: IRResponse = {
      id: 'gen-1',
      model: 'gemini-2.5-flash',
      content: [
        { type: 'reasoning', origin: 'gemini-generate', signature: 'sig' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_call', id: 'call_gen-1_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
      stopReason: 'tool_use',
      usage: { inputTokens: 20, cachedInputTokens: 0, outputTokens: 30, reasoningTokens: 12 },
      servedTier: 'flex',
      createdAt: 1700000000,
    };
    expect(encodeChatResponse(ir, { callerModel: 'gemini-2.5-flash' })).toEqual({
      id: 'chatcmpl-gen-1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Checking.',
            refusal: null,
            tool_calls: [{ id: 'call_gen-1_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
            annotations: [],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 20,
        completion_tokens: 30,
        total_tokens: 50,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 12 },
      },
      service_tier: 'flex',
    });
  });

  it('round-trips a refusal', () => {
    const ir: IRResponse = {
      id: 'x',
      model: 'm',
      content: [{ type: 'refusal', text: 'I cannot help with that.' }],
      stopReason: 'refusal',
      usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 },
      servedTier: 'priority',
      createdAt: 1,
    };
    const body = encodeChatResponse(ir, { callerModel: 'm' });
    expect(body).toMatchObject({ service_tier: 'priority', choices: [{ finish_reason: 'stop', message: { content: null, refusal: 'I cannot help with that.' } }] });
    expect(decodeChatResponse(body).content).toEqual(ir.content);
  });
});

import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import { codecs, translateRequest, translateResponse } from '../../src/dialects/codecs.js';
import { interactionOutputText, messageOutputText, outputText } from '../../src/dialects/output-text.js';
import { recorded } from './support/recorded.js';
import { thrown } from './support/thrown.js';

describe('requests across dialects', () => {
  it('Anthropic Messages → Gemini generateContent: system, images, tool loop, thinking budget', () => {
    const body = translateRequest(
      'anthropic-messages',
      'gemini-generate',
      {
        model: 'gemini-2.5-flash',
        max_tokens: 2048,
        system: 'Be brief.',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
            ],
          },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'cat' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'a cat' }, { type: 'text', text: 'So?' }] },
        ],
        tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
        tool_choice: { type: 'any' },
        thinking: { type: 'enabled', budget_tokens: 1500 },
        start_within: '00h-00m-30s',
      },
      { tier: 'flex', stream: true },
    );
    expect(body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } }] },
        { role: 'model', parts: [{ functionCall: { name: 'lookup', args: { q: 'cat' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { output: 'a cat' } } }, { text: 'So?' }] },
      ],
      tools: [{ functionDeclarations: [{ name: 'lookup', parametersJsonSchema: { type: 'object', properties: { q: { type: 'string' } } } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: { maxOutputTokens: 2048, thinkingConfig: { thinkingBudget: 1500 } },
      serviceTier: 'flex',
    });
  });

  it('Responses web_search → Gemini google_search, Interactions google_search, Anthropic web_search; Chat refuses it', () => {
    const request = { model: 'gemini-2.5-flash', input: 'Latest AI news?', tools: [{ type: 'web_search' }], max_output_tokens: 500 };
    expect(translateRequest('openai-responses', 'gemini-generate', request, { stream: false })['tools']).toEqual([{ googleSearch: {} }]);
    expect(translateRequest('openai-responses', 'gemini-interactions', request, { stream: false })['tools']).toEqual([{ type: 'google_search' }]);
    expect(translateRequest('openai-responses', 'anthropic-messages', request, { stream: false })['tools']).toEqual([{ type: 'web_search_20250305', name: 'web_search' }]);
    const error = thrown(() => translateRequest('openai-responses', 'openai-chat', request, { stream: false }));
    expect(error).toMatchObject({ code: 'unsupported_feature', param: 'tools.0', status: 400 });
    expect(error.message).toContain('OpenAI Chat Completions cannot carry it');
  });

  it('Chat → Anthropic: parallel tool results become one user turn; the JSON schema goes to output_config', () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    const body = translateRequest(
      'openai-chat',
      'anthropic-messages',
      {
        model: 'claude-sonnet-4-5',
        max_completion_tokens: 300,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Check both.' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'check', arguments: '{"n":1}' } },
              { id: 'c2', type: 'function', function: { name: 'check', arguments: '{"n":2}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'fine' },
          { role: 'tool', tool_call_id: 'c2', content: 'fine too' },
        ],
        response_format: { type: 'json_schema', json_schema: { name: 'result', schema } },
        parallel_tool_calls: false,
        tools: [{ type: 'function', function: { name: 'check', parameters: { type: 'object' } } }],
      },
      { tier: 'standard_only', stream: false },
    );
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Check both.' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'c1', name: 'check', input: { n: 1 } },
            { type: 'tool_use', id: 'c2', name: 'check', input: { n: 2 } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'c1', content: 'fine' },
            { type: 'tool_result', tool_use_id: 'c2', content: 'fine too' },
          ],
        },
      ],
      tools: [{ name: 'check', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      output_config: { format: { type: 'json_schema', schema } },
      service_tier: 'standard_only',
    });
  });

  it('Interactions → Responses and → Chat: text, system, token cap, thinking level', () => {
    const request = {
      model: 'gpt-5-mini',
      system_instruction: 'Be brief.',
      input: 'Summarize this contract.',
      generation_config: { max_output_tokens: 400, thinking_level: 'high' },
    };
    expect(translateRequest('gemini-interactions', 'openai-responses', request, { tier: 'flex', stream: true })).toEqual({
      model: 'gpt-5-mini',
      instructions: 'Be brief.',
      input: 'Summarize this contract.',
      max_output_tokens: 400,
      reasoning: { effort: 'high' },
      stream: true,
      service_tier: 'flex',
    });
    expect(translateRequest('gemini-interactions', 'openai-chat', request, { stream: false })).toEqual({
      model: 'gpt-5-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Summarize this contract.' },
      ],
      max_completion_tokens: 400,
      reasoning_effort: 'high',
    });
  });

  it('Chat → Gemini: an image URL becomes fileData, an http image without an extension is refused by its Chat path', () => {
    const chat = (url: string): Record<string, unknown> => ({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'See' }, { type: 'image_url', image_url: { url } }] }],
    });
    expect(translateRequest('openai-chat', 'gemini-generate', chat('https://x.test/a.png'), { stream: false })['contents']).toEqual([
      { role: 'user', parts: [{ text: 'See' }, { fileData: { mimeType: 'image/png', fileUri: 'https://x.test/a.png' } }] },
    ]);
    expect(thrown(() => translateRequest('openai-chat', 'gemini-generate', chat('https://x.test/img'), { stream: false }))).toMatchObject({
      param: 'messages.0.content.1',
    });
  });

  it('a Gemini 3 tool loop through a Responses caller keeps the thought signature on the call', () => {
    // Turn 1: Gemini answers with a signed function call; the caller sees Responses items.
    const first = translateResponse('gemini-generate', 'openai-responses', recorded('google-tool-call.json'), { callerModel: 'gemini-3-pro-preview' });
    const output = first['output'] as Array<Record<string, unknown>>;
    expect(output.map((item) => item['type'])).toEqual(['reasoning', 'function_call']);
    // Turn 2: the caller replays the items with the function result.
    const callId = output[1]?.['call_id'];
    const second = translateRequest(
      'openai-responses',
      'gemini-generate',
      {
        model: 'gemini-3-pro-preview',
        input: [{ role: 'user', content: 'Weather in SF?' }, ...output, { type: 'function_call_output', call_id: callId, output: '{"tempF":61}' }],
      },
      { stream: false },
    );
    const contents = second['contents'] as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    expect(contents[1]?.parts).toEqual([
      { functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: expect.stringMatching(/^EskgCsYg/) as unknown },
    ]);
    expect(contents[2]).toEqual({ role: 'user', parts: [{ functionResponse: { name: 'weather', response: { tempF: 61 } } }] });
  });

  it('reasoning from one provider is refused by another, by the caller path', () => {
    const history = {
      model: 'gpt-5',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm', signature: 'anthropic-sig' }, { type: 'text', text: 'Hello' }] },
        { role: 'user', content: 'Again' },
      ],
    };
    expect(thrown(() => translateRequest('anthropic-messages', 'openai-responses', history, { stream: false }))).toMatchObject({
      code: 'unsupported_feature',
      param: 'messages.1.content.0',
    });
  });
});

describe('responses across dialects', () => {
  const callers: Array<[DialectId, (body: Record<string, unknown>) => string, string, unknown]> = [
    ['openai-responses', outputText, 'service_tier', 'flex'],
    ['openai-chat', outputText, 'service_tier', 'flex'],
    ['anthropic-messages', messageOutputText, 'usage', { service_tier: 'standard' }], // Anthropic has no flex word
    ['gemini-interactions', interactionOutputText, 'service_tier', 'flex'],
  ];

  for (const [caller, text, tierField, tierValue] of callers) {
    it(`a flex Gemini answer reads as text, usage and tier in ${caller}`, () => {
      const gemini = { ...recorded('google-text.json'), usageMetadata: { ...(recorded('google-text.json')['usageMetadata'] as object), serviceTier: 'flex' } };
      const body = translateResponse('gemini-generate', caller, gemini, { callerModel: 'gemini-3-pro-preview', now: () => 0 });
      expect(text(body)).toBe("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.");
      expect(body[tierField]).toMatchObject(tierValue as object);
      expect(codecs[caller].readServedTier(body)).toBe(caller === 'anthropic-messages' ? 'standard' : 'flex');
      expect(codecs[caller].decodeResponse(body).usage).toMatchObject({ inputTokens: 9, outputTokens: 272, reasoningTokens: 244 });
    });
  }

  it('an Anthropic tool call reads as a Chat tool call with the same id and arguments', () => {
    const body = translateResponse('anthropic-messages', 'openai-chat', recorded('anthropic-json-tool.1.json'), { callerModel: 'claude-haiku-4-5' });
    const choice = (body['choices'] as Array<Record<string, unknown>>)[0];
    expect(choice?.['finish_reason']).toBe('tool_calls');
    const call = (choice?.['message'] as { tool_calls: Array<{ id: string; function: { arguments: string } }> }).tool_calls[0];
    expect(call?.id).toBe('toolu_01Q9ExVZnzZj7E2QQYHYtNUa');
    expect(JSON.parse(call?.function.arguments ?? '')).toMatchObject({ elements: expect.any(Array) as unknown });
    expect(body['service_tier']).toBe('default');
  });
});

describe('codec registry body facts', () => {
  it('sets the tier in each dialect\'s own field, leaving the rest untouched', () => {
    const body = { model: 'm', input: 'x', unknown_field: 1 };
    expect(codecs['openai-responses'].setTier(body, 'flex')).toEqual({ ...body, service_tier: 'flex' });
    expect(codecs['gemini-generate'].setTier({ contents: [] }, 'standard')).toEqual({ contents: [], serviceTier: 'standard' });
    expect(codecs['anthropic-messages'].tierField).toBe('service_tier');
    expect(body).toEqual({ model: 'm', input: 'x', unknown_field: 1 });
  });

  it('asks Chat for the usage chunk when streaming', () => {
    expect(codecs['openai-chat'].setStream({ model: 'm', messages: [] }, true)).toEqual({ model: 'm', messages: [], stream: true, stream_options: { include_usage: true } });
    expect(codecs['openai-chat'].setStream({ model: 'm', stream: true, stream_options: { include_usage: true } }, false)).toEqual({ model: 'm', stream: false });
    expect(codecs['gemini-generate'].setStream({ contents: [] }, true)).toEqual({ contents: [] });
    expect(codecs['gemini-interactions'].setStream({ input: 'x' }, true)).toEqual({ input: 'x', stream: true });
  });

  it('finds the token cap where each dialect keeps it', () => {
    expect(codecs['openai-responses'].hasTokenCap({ max_output_tokens: 10 })).toBe(true);
    expect(codecs['openai-chat'].hasTokenCap({ max_tokens: 10 })).toBe(true);
    expect(codecs['openai-chat'].hasTokenCap({ max_completion_tokens: 10 })).toBe(true);
    expect(codecs['anthropic-messages'].hasTokenCap({ max_output_tokens: 10 })).toBe(false);
    expect(codecs['gemini-interactions'].hasTokenCap({ generation_config: { max_output_tokens: 10 } })).toBe(true);
    expect(codecs['gemini-interactions'].hasTokenCap({ max_output_tokens: 10 })).toBe(false);
    expect(codecs['gemini-generate'].hasTokenCap({ generationConfig: { maxOutputTokens: 10 } })).toBe(true);
  });

  it('reads the model and whether there is input', () => {
    expect(codecs['openai-chat'].readModel({ model: 'gpt-5' })).toBe('gpt-5');
    expect(codecs['gemini-generate'].readModel({ contents: [] })).toBeUndefined();
    expect(codecs['openai-responses'].hasInput({ input: '' })).toBe(false);
    expect(codecs['openai-responses'].hasInput({ input: 'Hi' })).toBe(true);
    expect(codecs['anthropic-messages'].hasInput({ messages: [] })).toBe(false);
    expect(codecs['gemini-interactions'].hasInput({ input: [{ type: 'text', text: 'x' }] })).toBe(true);
    expect(codecs['gemini-generate'].hasInput({ contents: [{ parts: [{ text: 'x' }] }] })).toBe(true);
  });

  it('reads the served tier of every recorded response', () => {
    expect(codecs['openai-responses'].readServedTier(recorded('openai-responses-openai-phase.1.json'))).toBe('standard');
    expect(codecs['openai-chat'].readServedTier(recorded('openai-chat-openai-text.json'))).toBe('standard');
    expect(codecs['anthropic-messages'].readServedTier(recorded('anthropic-text.json'))).toBe('standard');
    expect(codecs['gemini-interactions'].readServedTier(recorded('interactions-basic.json'))).toBe('standard');
    expect(codecs['gemini-generate'].readServedTier(recorded('google-text.json'))).toBe('unknown');
    expect(codecs['openai-responses'].readServedTier({ service_tier: 'flex' })).toBe('flex');
  });
});

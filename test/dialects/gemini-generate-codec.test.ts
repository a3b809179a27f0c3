import { describe, expect, it } from 'vitest';
import { decodeGeminiRequest, encodeGeminiRequest } from '../../src/dialects/gemini-generate/request.js';
import { decodeGeminiResponse, encodeGeminiResponse } from '../../src/dialects/gemini-generate/response.js';
import type { IRRequest } from '../../src/dialects/ir/request.js';
import { recorded } from './support/recorded.js';
import { thrown } from './support/thrown.js';

const schema = { type: 'object', properties: { city: { type: 'string' } } };

const agentTurn = {
  systemInstruction: { parts: [{ text: 'You are a weather bot.' }] },
  contents: [
    { role: 'user', parts: [{ text: 'Weather here?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }, { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/a.jpg' } }] },
    {
      role: 'model',
      parts: [
        { text: 'Planning the lookup.', thought: true, thoughtSignature: 'c2lnLTE=' },
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLTI=' },
        { functionCall: { name: 'get_weather', args: { city: 'Lyon' } } },
      ],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { name: 'get_weather', response: { output: '18°C' } } },
        { functionResponse: { name: 'get_weather', response: { tempC: 21 } } },
        { text: 'Thanks' },
      ],
    },
    { role: 'model', parts: [{ text: 'Paris 18°C, Lyon 21°C.', thoughtSignature: 'c2lnLTM=' }] },
    { role: 'user', parts: [{ text: 'JSON please.' }] },
  ],
  tools: [{ functionDeclarations: [{ name: 'get_weather', description: 'Current weather', parametersJsonSchema: schema }] }, { googleSearch: {} }],
  toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
  generationConfig: {
    maxOutputTokens: 1024,
    temperature: 0.3,
    topK: 20,
    stopSequences: ['END'],
    responseMimeType: 'application/json',
    responseJsonSchema: schema,
    thinkingConfig: { thinkingBudget: 512, includeThoughts: true },
  },
};

describe('Gemini generateContent request codec', () => {
  it('decodes history, images, signatures and settings; calls without ids pair with responses by name and order', () => {
    const ir = decodeGeminiRequest(agentTurn);
    expect(ir.system).toEqual([{ type: 'text', text: 'You are a weather bot.' }]);
    expect(ir.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'user', 'assistant', 'user']);
    expect(ir.messages[0]?.content.slice(1)).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg', mediaType: 'image/jpeg' } },
    ]);
    expect(ir.messages[1]?.content).toEqual([
      { type: 'reasoning', origin: 'gemini-generate', text: 'Planning the lookup.', signature: 'c2lnLTE=' },
      { type: 'tool_call', id: 'call_1_1', name: 'get_weather', arguments: '{"city":"Paris"}', signature: 'c2lnLTI=' },
      { type: 'tool_call', id: 'call_1_2', name: 'get_weather', arguments: '{"city":"Lyon"}' },
    ]);
    expect(ir.messages[2]?.content).toEqual([
      { type: 'tool_result', callId: 'call_1_1', name: 'get_weather', content: '18°C' },
      { type: 'tool_result', callId: 'call_1_2', name: 'get_weather', content: '{"tempC":21}' },
    ]);
    // A signature on plain text stays beside it as reasoning.
    expect(ir.messages[4]?.content).toEqual([
      { type: 'text', text: 'Paris 18°C, Lyon 21°C.' },
      { type: 'reasoning', origin: 'gemini-generate', signature: 'c2lnLTM=' },
    ]);
    expect(ir).toMatchObject({
      webSearch: {},
      toolChoice: { name: 'get_weather' },
      maxOutputTokens: 1024,
      topK: 20,
      responseFormat: { type: 'json_schema', schema },
      reasoning: { budgetTokens: 512, summary: 'auto' },
    });
  });

  it('encodes the IR back into the same body, with the tier and without model or stream', () => {
    const ir = decodeGeminiRequest({ ...agentTurn, model: 'models/gemini-2.5-flash' });
    expect(ir.model).toBe('gemini-2.5-flash');
    expect(encodeGeminiRequest(ir, { tier: 'flex', stream: true })).toEqual({ ...agentTurn, serviceTier: 'flex' });
  });

  it('writes an image URL as fileData with the media type guessed from its extension', () => {
    const ir: IRRequest = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/photos/cat.WEBP?v=2' } }] }],
      stream: false,
    };
    expect(encodeGeminiRequest(ir, { stream: false })['contents']).toEqual([
      { role: 'user', parts: [{ fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/photos/cat.WEBP?v=2' } }] },
    ]);
  });

  it('refuses an image URL whose media type it cannot tell', () => {
    const ir: IRRequest = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/render?id=7' } }] }],
      stream: false,
      sourcePaths: { 'messages.0.content.0': 'messages.0.content.0' },
    };
    const error = thrown(() => encodeGeminiRequest(ir, { stream: false }));
    expect(error).toMatchObject({ code: 'unsupported_feature', param: 'messages.0.content.0' });
    expect(error.message).toContain('base64');
  });

  it('maps thinking: effort to thinkingLevel on Gemini 3, to a budget before; none to budget 0', () => {
    const base: IRRequest = { model: 'gemini-3-flash-preview', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], reasoning: { effort: 'xhigh' }, stream: false };
    expect(encodeGeminiRequest(base, { stream: false })['generationConfig']).toEqual({ thinkingConfig: { thinkingLevel: 'HIGH' } });
    expect(encodeGeminiRequest({ ...base, model: 'gemini-2.5-flash', reasoning: { effort: 'low' } }, { stream: false })['generationConfig']).toEqual({
      thinkingConfig: { thinkingBudget: 2048 },
    });
    expect(encodeGeminiRequest({ ...base, reasoning: { effort: 'none' } }, { stream: false })['generationConfig']).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
  });

  it('puts the documented placeholder signature on replayed calls Gemini 3 did not sign', () => {
    const ir: IRRequest = {
      model: 'gemini-3-pro-preview',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Go' }] },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{"a":1}' }, { type: 'tool_call', id: 'toolu_2', name: 'f', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool_result', callId: 'toolu_1', content: 'one' }, { type: 'tool_result', callId: 'toolu_2', content: 'two' }] },
      ],
      stream: false,
    };
    expect(encodeGeminiRequest(ir, { stream: false })['contents']).toEqual([
      { role: 'user', parts: [{ text: 'Go' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'skip_thought_signature_validator' },
          { functionCall: { name: 'f', args: {} } },
        ],
      },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'one' } } }, { functionResponse: { name: 'f', response: { output: 'two' } } }] },
    ]);
    expect(JSON.stringify(encodeGeminiRequest({ ...ir, model: 'gemini-2.5-flash' }, { stream: false }))).not.toContain('skip_thought');
  });

  it('marks strict tools with VALIDATED calling and an error result with an error response', () => {
    const ir: IRRequest = {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Go' }] },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool_result', callId: 'c1', content: 'timeout', isError: true }] },
      ],
      tools: [{ name: 'f', parameters: { type: 'object' }, strict: true }],
      stream: false,
    };
    const body = encodeGeminiRequest(ir, { stream: false });
    expect(body['toolConfig']).toEqual({ functionCallingConfig: { mode: 'VALIDATED' } });
    expect((body['contents'] as Array<{ parts: unknown[] }>)[2]?.parts).toEqual([{ functionResponse: { name: 'f', response: { error: 'timeout' } } }]);
    expect(decodeGeminiRequest(body).messages[2]?.content[0]).toMatchObject({ isError: true, content: 'timeout' });
  });

  it('refuses what Gemini cannot carry, naming the caller field', () => {
    const ir: IRRequest = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      parallelToolCalls: false,
      stream: false,
      sourcePaths: { parallelToolCalls: 'parallel_tool_calls' },
      sourceDialect: 'openai-chat',
    };
    expect(thrown(() => encodeGeminiRequest(ir, { stream: false }))).toMatchObject({ code: 'unsupported_feature', param: 'parallel_tool_calls' });
    expect(thrown(() => encodeGeminiRequest({ ...ir, parallelToolCalls: undefined, webSearch: { contextSize: 'high' }, sourcePaths: { webSearch: 'tools.0' } }, { stream: false }))).toMatchObject({
      param: 'tools.0',
    });
    expect(thrown(() => decodeGeminiRequest({ contents: [], safetySettings: [] }))).toMatchObject({ param: 'safetySettings' });
  });
});

describe('Gemini generateContent response codec', () => {
  it('decodes the recorded text response: text, signature, usage with thoughts', () => {
    const ir = decodeGeminiResponse(recorded('google-text.json'));
    expect(ir).toMatchObject({
      id: 'Un6LacrVMcjUxs0PmJfWoQc',
      model: 'gemini-3-pro-preview',
      stopReason: 'end_turn',
      usage: { inputTokens: 9, cachedInputTokens: 0, outputTokens: 272, reasoningTokens: 244 },
    });
    expect(ir.content).toEqual([
      { type: 'text', text: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y." },
      { type: 'reasoning', origin: 'gemini-generate', signature: expect.stringMatching(/^EtoFCtcF/) as unknown },
    ]);
  });

  it('decodes the recorded function call with a derived, stable id', () => {
    const ir = decodeGeminiResponse(recorded('google-tool-call.json'));
    expect(ir.stopReason).toBe('tool_use');
    expect(ir.content).toEqual([
      { type: 'tool_call', id: 'call_m36LaZGyCLz1xs0PtNSB-QU_1', name: 'weather', arguments: '{"location":"San Francisco"}', signature: expect.stringMatching(/^EskgCsYg/) as unknown },
    ]);
    expect(decodeGeminiResponse(recorded('google-tool-call.json'))).toEqual(ir);
  });

  it('encodes a response and reads it back', () => {
    const ir = decodeGeminiResponse(recorded('google-text.json'));
    const body = encodeGeminiResponse({ ...ir, servedTier: 'flex' }, { callerModel: 'gemini-3-pro-preview' });
    expect(body).toMatchObject({
      candidates: [{ content: { role: 'model', parts: [{ text: expect.any(String) as unknown, thoughtSignature: expect.any(String) as unknown }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 28, thoughtsTokenCount: 244, totalTokenCount: 281, serviceTier: 'flex' },
    });
    expect(decodeGeminiResponse(body)).toEqual({ ...ir, servedTier: 'flex' });
  });
});

import { describe, expect, it } from 'vitest';
import { decodeInteractionsRequest, encodeInteractionsRequest } from '../../src/dialects/gemini-interactions/request.js';
import { decodeInteractionsResponse, encodeInteractionsResponse } from '../../src/dialects/gemini-interactions/response.js';
import type { IRRequest } from '../../src/dialects/ir/request.js';
import { interactionOutputText } from '../../src/dialects/output-text.js';
import { recorded } from './support/recorded.js';
import { thrown } from './support/thrown.js';

const schema = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] };

const agentTurn = {
  model: 'gemini-3.5-flash',
  system_instruction: 'You are a weather bot.',
  input: [
    { type: 'user_input', content: [{ type: 'text', text: 'Weather here?' }, { type: 'image', data: 'iVBORw0KGgo=', mime_type: 'image/png' }] },
    { type: 'thought', signature: 'CtkBAQw51sdu' },
    { type: 'function_call', id: 'zggxzq8r', name: 'getWeather', arguments: { location: 'San Francisco' } },
    { type: 'function_result', call_id: 'zggxzq8r', name: 'getWeather', result: '15°C, fog' },
    { type: 'model_output', content: [{ type: 'text', text: 'It is 15°C and foggy.' }] },
    { type: 'user_input', content: [{ type: 'text', text: 'Summarise as JSON.' }] },
  ],
  tools: [
    { type: 'function', name: 'getWeather', description: 'Current weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } },
    { type: 'google_search' },
  ],
  generation_config: { max_output_tokens: 800, temperature: 0.4, stop_sequences: ['END'], thinking_level: 'low', thinking_summaries: 'auto', tool_choice: 'any' },
  response_format: { type: 'text', mime_type: 'application/json', schema },
  store: false,
  stream: true,
  start_within: '00h-01m-00s',
};

describe('Gemini Interactions request codec', () => {
  it('decodes steps, images, thoughts and generation_config into the IR', () => {
    const ir = decodeInteractionsRequest(agentTurn);
    expect(ir.system).toEqual([{ type: 'text', text: 'You are a weather bot.' }]);
    expect(ir.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(ir.messages[0]?.content[1]).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } });
    expect(ir.messages[1]?.content).toEqual([
      { type: 'reasoning', origin: 'gemini-interactions', signature: 'CtkBAQw51sdu' },
      { type: 'tool_call', id: 'zggxzq8r', name: 'getWeather', arguments: '{"location":"San Francisco"}' },
    ]);
    expect(ir.messages[2]?.content).toEqual([{ type: 'tool_result', callId: 'zggxzq8r', name: 'getWeather', content: '15°C, fog' }]);
    expect(ir).toMatchObject({
      webSearch: {},
      toolChoice: 'required',
      maxOutputTokens: 800,
      stopSequences: ['END'],
      reasoning: { effort: 'low', summary: 'auto' },
      responseFormat: { type: 'json_schema', schema },
      stream: true,
    });
  });

  it('encodes the IR back into the same body', () => {
    const { store: _s, start_within: _sw, ...rest } = agentTurn;
    expect(encodeInteractionsRequest(decodeInteractionsRequest(agentTurn), { tier: 'flex', stream: true })).toEqual({ ...rest, service_tier: 'flex' });
  });

  it('reads a plain string input and the older response_mime_type form', () => {
    const ir = decodeInteractionsRequest({ model: 'gemini-2.5-flash', input: 'Summarize this contract.', response_mime_type: 'application/json', response_format: schema });
    expect(ir.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Summarize this contract.' }] }]);
    expect(ir.responseFormat).toEqual({ type: 'json_schema', schema });
    expect(encodeInteractionsRequest(ir, { stream: false })).toEqual({
      model: 'gemini-2.5-flash',
      input: 'Summarize this contract.',
      response_format: { type: 'text', mime_type: 'application/json', schema },
    });
  });

  it('refuses what no translation can carry, naming the caller field', () => {
    expect(thrown(() => decodeInteractionsRequest({ model: 'm', input: 'x', previous_interaction_id: 'v1_abc' }))).toMatchObject({
      code: 'unsupported_feature',
      param: 'previous_interaction_id',
    });
    expect(thrown(() => decodeInteractionsRequest({ model: 'm', input: [{ type: 'audio', data: 'AAA', mime_type: 'audio/wav' }] }))).toMatchObject({ param: 'input.0' });
    expect(thrown(() => decodeInteractionsRequest({ model: 'm', input: 'x', generation_config: { speech_config: {} } }))).toMatchObject({
      param: 'generation_config.speech_config',
    });
  });

  it('refuses top_k and switching thinking off, which Interactions cannot carry', () => {
    const ir: IRRequest = {
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      topK: 5,
      stream: false,
      sourcePaths: { topK: 'top_k' },
      sourceDialect: 'anthropic-messages',
    };
    expect(thrown(() => encodeInteractionsRequest(ir, { stream: false }))).toMatchObject({ code: 'unsupported_feature', param: 'top_k' });
    expect(
      thrown(() => encodeInteractionsRequest({ ...ir, topK: undefined, reasoning: { effort: 'none' }, sourcePaths: { 'reasoning.effort': 'thinking' } }, { stream: false })),
    ).toMatchObject({ param: 'thinking' });
  });
});

describe('Gemini Interactions response codec', () => {
  it('decodes the recorded basic interaction', () => {
    const body = recorded('interactions-basic.json');
    const ir = decodeInteractionsResponse(body);
    expect(ir.content).toEqual([
      { type: 'reasoning', origin: 'gemini-interactions', signature: expect.stringMatching(/^CqwBAQw51s/) as unknown },
      { type: 'text', text: interactionOutputText(body) },
    ]);
    expect(ir).toMatchObject({
      id: 'v1_ChdTbXNIYXFyUEV0ZUttdGtQNXVqVHdRRRIXU21zSGFxclBFdGVLbXRrUDV1alR3UUU',
      model: 'gemini-2.5-flash',
      stopReason: 'end_turn',
      usage: { inputTokens: 7, cachedInputTokens: 0, outputTokens: 51, reasoningTokens: 32 },
      servedTier: 'standard',
      createdAt: Date.parse('2026-05-15T18:51:55Z') / 1000,
    });
  });

  it('decodes the recorded function call step', () => {
    const ir = decodeInteractionsResponse(recorded('interactions-tool-call-step1.json'));
    expect(ir.stopReason).toBe('tool_use');
    expect(ir.content[1]).toEqual({ type: 'tool_call', id: 'zggxzq8r', name: 'getWeather', arguments: '{"location":"San Francisco"}' });
    expect(ir.usage).toEqual({ inputTokens: 53, cachedInputTokens: 0, outputTokens: 56, reasoningTokens: 41 });
  });

  it('encodes an interaction that reads back the same', () => {
    const ir = decodeInteractionsResponse(recorded('interactions-tool-call-step1.json'));
    const body = encodeInteractionsResponse({ ...ir, servedTier: 'flex' }, { callerModel: 'gemini-2.5-flash' });
    expect(body).toMatchObject({
      object: 'interaction',
      status: 'requires_action',
      service_tier: 'flex',
      created: '2026-05-15T18:52:00Z',
      usage: { total_input_tokens: 53, total_output_tokens: 15, total_thought_tokens: 41, total_tokens: 109 },
    });
    expect(decodeInteractionsResponse(body)).toEqual({ ...ir, servedTier: 'flex' });
  });
});

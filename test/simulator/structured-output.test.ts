/**
 * Structured output in the OpenAI and Anthropic dialects (Gemini's is in gemini.test.ts and
 * interactions.test.ts): a request that asks for JSON by schema gets JSON with the schema's
 * required fields, whole and streamed, through the official SDKs.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number' }, note: { type: 'string' } },
  required: ['answer', 'confidence'],
  additionalProperties: false,
} as const;
const EXPECTED = { answer: 'sim', confidence: 1 };

let sim: Simulator;
let openai: OpenAI;
let anthropic: Anthropic;
beforeAll(async () => {
  sim = await startSimulator();
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: sim.anthropicBaseUrl, maxRetries: 0 });
});
afterAll(() => sim.close());

describe('Responses text.format', () => {
  it('json_schema answers JSON with the required fields, whole and streamed', async () => {
    const body = { model: 'gpt-5-mini', input: 'Answer in JSON', text: { format: { type: 'json_schema' as const, name: 'answer', schema: SCHEMA, strict: true } } };
    const whole = await openai.responses.create(body);
    expect(JSON.parse(whole.output_text)).toEqual(EXPECTED);
    const final = await openai.responses.stream(body).finalResponse();
    expect(JSON.parse(final.output_text)).toEqual(EXPECTED);
  });

  it('json_object answers an object; no format answers text', async () => {
    const json = await openai.responses.create({ model: 'gpt-5-mini', input: 'x', text: { format: { type: 'json_object' } } });
    expect(JSON.parse(json.output_text)).toEqual({});
    const text = await openai.responses.create({ model: 'gpt-5-mini', input: 'x', text: { format: { type: 'text' } } });
    expect(text.output_text).toMatch(/^Echo: x/);
  });
});

describe('Chat response_format', () => {
  it('json_schema answers JSON with the required fields, whole and streamed', async () => {
    const body = {
      model: 'gpt-5-mini',
      messages: [{ role: 'user' as const, content: 'Answer in JSON' }],
      response_format: { type: 'json_schema' as const, json_schema: { name: 'answer', schema: SCHEMA, strict: true } },
    };
    const whole = await openai.chat.completions.create(body);
    expect(JSON.parse(whole.choices[0]?.message.content ?? '')).toEqual(EXPECTED);
    const final = await openai.chat.completions.stream(body).finalChatCompletion();
    expect(JSON.parse(final.choices[0]?.message.content ?? '')).toEqual(EXPECTED);
  });
});

describe('Messages output_config.format', () => {
  it('json_schema answers JSON with the required fields, whole and streamed; output_format too', async () => {
    const base = { model: 'claude-haiku-4-5', max_tokens: 300, messages: [{ role: 'user' as const, content: 'Answer in JSON' }] };
    const format = { type: 'json_schema', schema: SCHEMA };
    const textOf = (m: Anthropic.Message) => m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    const whole = await anthropic.messages.create({ ...base, output_config: { format } } as Anthropic.MessageCreateParamsNonStreaming);
    expect(JSON.parse(textOf(whole))).toEqual(EXPECTED);
    const streamed = await anthropic.messages.stream({ ...base, output_config: { format } } as Anthropic.MessageStreamParams).finalMessage();
    expect(JSON.parse(textOf(streamed))).toEqual(EXPECTED);
    const older = await anthropic.messages.create({ ...base, output_format: format } as Anthropic.MessageCreateParamsNonStreaming);
    expect(JSON.parse(textOf(older))).toEqual(EXPECTED);
  });
});

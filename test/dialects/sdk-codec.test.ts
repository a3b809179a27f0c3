/**
 * The official SDKs as callers: their request bodies decode, and the response bodies the codecs
 * encode (from other providers' recorded answers) parse in them, with text, tool calls, usage and
 * tier where each SDK shows them. A real loopback server stands in for the router.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import { codecs } from '../../src/dialects/codecs.js';
import type { IRRequest } from '../../src/dialects/ir/request.js';
import type { IRResponse } from '../../src/dialects/ir/response.js';
import { recorded } from './support/recorded.js';

/** Which caller dialect each path speaks. */
const ROUTES: Array<[RegExp, DialectId]> = [
  [/\/responses$/, 'openai-responses'],
  [/\/chat\/completions$/, 'openai-chat'],
  [/\/messages$/, 'anthropic-messages'],
  [/:generateContent$/, 'gemini-generate'],
  [/\/interactions$/, 'gemini-interactions'],
];

let server: Server;
let base = '';
/** The provider answer the next request gets, already decoded. */
let answer: IRResponse;
/** What the last request decoded to. */
let lastRequest: IRRequest | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const route = ROUTES.find(([pattern]) => pattern.test(new URL(req.url ?? '/', 'http://x').pathname));
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const codec = codecs[route[1]];
      lastRequest = codec.decodeRequest(JSON.parse(raw) as Record<string, unknown>);
      const body = codec.encodeResponse(answer, { callerModel: lastRequest.model || 'gemini-2.5-flash', now: () => 1_700_000_000_000 });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

const openai = (): OpenAI => new OpenAI({ apiKey: 'sk-test', baseURL: `${base}/v1`, maxRetries: 0 });
const anthropic = (): Anthropic => new Anthropic({ apiKey: 'sk-ant-test', baseURL: base, maxRetries: 0 });
const google = (): GoogleGenAI => new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: base } });

describe('official SDKs read translated responses', () => {
  it('openai Responses: a Gemini answer, with output_text computed by the SDK and the flex tier', async () => {
    answer = { ...codecs['gemini-generate'].decodeResponse(recorded('google-text.json')), servedTier: 'flex' };
    const res = await openai().responses.create({ model: 'gemini-3-pro-preview', input: 'How many r in strawberry?', max_output_tokens: 500 });
    expect(lastRequest?.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'How many r in strawberry?' }] }]);
    expect(res.output_text).toBe("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.");
    expect(res.service_tier).toBe('flex');
    expect(res.usage).toMatchObject({ input_tokens: 9, output_tokens: 272, output_tokens_details: { reasoning_tokens: 244 } });
  });

  it('openai Chat: an Anthropic tool call', async () => {
    answer = codecs['anthropic-messages'].decodeResponse(recorded('anthropic-json-tool.1.json'));
    const res = await openai().chat.completions.create({
      model: 'claude-haiku-4-5',
      max_completion_tokens: 200,
      messages: [{ role: 'user', content: 'Weather in four cities as JSON.' }],
      tools: [{ type: 'function', function: { name: 'json', parameters: { type: 'object' } } }],
    });
    expect(lastRequest?.tools).toEqual([{ name: 'json', parameters: { type: 'object' } }]);
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toMatchObject({ elements: expect.any(Array) as unknown });
    expect(res.usage?.prompt_tokens).toBe(1151);
  });

  it('anthropic Messages: an OpenAI reasoning answer, with thinking and text blocks', async () => {
    answer = codecs['openai-responses'].decodeResponse(recorded('openai-responses-openai-reasoning-encrypted-content.1.json'));
    const res = await anthropic().messages.create({ model: 'gpt-5-mini', max_tokens: 1024, messages: [{ role: 'user', content: '(12 + 7) × 3 × 10?' }] });
    expect(res.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(res.content[1]?.type === 'text' ? res.content[1].text : '').toContain('Final result: 570');
    expect(res.usage).toMatchObject({ input_tokens: 865, output_tokens: 163, service_tier: 'standard' });
  });

  it('@google/genai generateContent: a Chat answer, read with response.text', async () => {
    answer = { ...codecs['openai-chat'].decodeResponse(recorded('openai-chat-openai-text.json')), servedTier: 'priority' };
    const res = await google().models.generateContent({ model: 'gpt-4.1-nano', contents: 'Invent a holiday.' });
    expect(lastRequest?.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Invent a holiday.' }] }]);
    expect(res.text?.startsWith('**Holiday Name:** Galaxy Day')).toBe(true);
    expect(res.usageMetadata).toMatchObject({ promptTokenCount: 16, candidatesTokenCount: 363 });
  });

  it('@google/genai Interactions: an Anthropic answer, read with output_text', async () => {
    answer = codecs['anthropic-messages'].decodeResponse(recorded('anthropic-text.json'));
    const res = await google().interactions.create({ model: 'claude-sonnet-4-5', input: 'Hello, how are you?', generation_config: { max_output_tokens: 300 } });
    expect(lastRequest?.maxOutputTokens).toBe(300);
    expect(res.output_text).toBe("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?");
    expect(res.status).toBe('completed');
    expect(res.service_tier).toBe('standard');
  });
});

/**
 * The official SDKs read translated streams as if the provider had sent them: every recorded
 * stream, translated into each other dialect, is consumed by that dialect's own client (fed
 * through a custom `fetch`), and the client sees the same text, reasoning and tool calls. The
 * SDK stream helpers that accumulate a final object (`responses.stream`, `chat.completions.stream`,
 * `messages.stream`) check event order and indexes, so they are used where they exist.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import { ALL_DIALECTS, decodeText, encodeText, recordedStreams, sseText, summarize, type StreamSummary, type ToolCallSummary } from './support/streams.js';

/** A fetch that answers every request with these SSE bytes. */
function sseFetch(body: string): typeof fetch {
  return async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

/** What a caller's SDK showed: its text, reasoning and tool calls, in the summary's terms. */
type Seen = Pick<StreamSummary, 'text' | 'toolCalls'> & { reasoning?: string };

function parsedArgs(text: string): unknown {
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

const READERS: Readonly<Record<DialectId, (body: string) => Promise<Seen>>> = {
  async 'openai-responses'(body) {
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://x/v1', fetch: sseFetch(body) });
    const response = await client.responses.stream({ model: 'm', input: 'hi' }).finalResponse();
    const toolCalls: ToolCallSummary[] = [];
    let reasoning = '';
    for (const item of response.output) {
      if (item.type === 'function_call') toolCalls.push({ id: item.call_id, name: item.name, args: parsedArgs(item.arguments) });
      if (item.type === 'custom_tool_call') toolCalls.push({ id: item.call_id, name: item.name, args: { input: item.input } });
      if (item.type === 'reasoning') reasoning += item.summary.map((part) => part.text).join('');
    }
    return { text: response.output_text, reasoning, toolCalls };
  },
  async 'openai-chat'(body) {
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://x/v1', fetch: sseFetch(body) });
    const completion = await client.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion();
    const message = completion.choices[0]!.message;
    const toolCalls = (message.tool_calls ?? []).map((call): ToolCallSummary => {
      if (call.type !== 'function') throw new Error(`unexpected tool call type ${call.type}`);
      return { id: call.id, name: call.function.name, args: parsedArgs(call.function.arguments) };
    });
    return { text: message.content ?? '', toolCalls };
  },
  async 'anthropic-messages'(body) {
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://x', fetch: sseFetch(body) });
    const message = await client.messages.stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    let text = '';
    let reasoning = '';
    const toolCalls: ToolCallSummary[] = [];
    for (const block of message.content) {
      if (block.type === 'text') text += block.text;
      if (block.type === 'thinking') reasoning += block.thinking;
      if (block.type === 'tool_use') toolCalls.push({ id: block.id, name: block.name, args: block.input });
    }
    return { text, reasoning, toolCalls };
  },
  async 'gemini-generate'(body) {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://x', fetch: sseFetch(body) } });
    let text = '';
    const toolCalls: ToolCallSummary[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model: 'm', contents: 'hi' })) {
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (typeof part.text === 'string' && !part.thought) text += part.text;
        if (part.functionCall) toolCalls.push({ id: part.functionCall.id ?? '', name: part.functionCall.name ?? '', args: part.functionCall.args });
      }
    }
    return { text, toolCalls };
  },
  async 'gemini-interactions'(body) {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://x', fetch: sseFetch(body) } });
    const stream = await ai.interactions.create({ model: 'm', input: 'hi', stream: true });
    let text = '';
    let reasoning = '';
    const toolCalls: ToolCallSummary[] = [];
    const args = new Map<number, { call: ToolCallSummary; json: string }>();
    let completed = false;
    for await (const event of stream) {
      if (event.event_type === 'step.start' && event.step.type === 'function_call') {
        const call = { id: event.step.id, name: event.step.name, args: {} };
        args.set(event.index, { call, json: '' });
        toolCalls.push(call);
      } else if (event.event_type === 'step.delta') {
        const delta = event.delta;
        if (delta.type === 'text') text += delta.text;
        if (delta.type === 'thought_summary' && delta.content?.type === 'text') reasoning += delta.content.text;
        if (delta.type === 'arguments_delta') args.get(event.index)!.json += delta.arguments ?? '';
      } else if (event.event_type === 'interaction.completed') {
        completed = true;
      }
    }
    expect(completed).toBe(true);
    for (const { call, json } of args.values()) call.args = parsedArgs(json);
    return { text, reasoning, toolCalls };
  },
};

/** Tool calls without what a dialect has no room for (Gemini's signature). */
function comparable(calls: ToolCallSummary[]): ToolCallSummary[] {
  return calls.map(({ id, name, args }) => ({ id, name, args }));
}

describe('official SDKs read every translated recorded stream', () => {
  for (const stream of recordedStreams()) {
    const ir = decodeText(stream.dialect, sseText(stream.events));
    const expected = summarize(ir);
    if (expected.error) continue; // failure streams: see the failure tests below
    for (const to of ALL_DIALECTS) {
      if (to === stream.dialect) continue;
      it(`${stream.name} as ${to}`, async () => {
        const seen = await READERS[to](encodeText(to, ir));
        expect(seen.text).toBe(expected.text);
        expect(comparable(seen.toolCalls)).toEqual(comparable(expected.toolCalls));
        if (seen.reasoning !== undefined) expect(seen.reasoning).toBe(expected.reasoning);
      });
    }
  }
});

describe('official SDKs see a translated failure as an error', () => {
  const failing = decodeText('anthropic-messages', sseText(recordedStreams().find((s) => s.name === 'anthropic-text')!.events)).slice(0, 4);
  const ir = [...failing, { type: 'error' as const, message: 'Flex failed after it started.', code: 'flex_failed_after_start' }];

  it('Responses: response.failed with the error', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://x/v1', fetch: sseFetch(encodeText('openai-responses', ir)) });
    const stream = await client.responses.create({ model: 'm', input: 'hi', stream: true });
    const types: string[] = [];
    let failed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.failed') failed = event.response;
    }
    expect(types.at(-1)).toBe('response.failed');
    expect(failed?.error).toEqual({ code: 'flex_failed_after_start', message: 'Flex failed after it started.' });
    expect(failed?.output_text ?? failed?.output).toBeTruthy();
  });

  it('Chat: the openai SDK throws an APIError', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://x/v1', fetch: sseFetch(encodeText('openai-chat', ir)) });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    await expect(async () => {
      for await (const _chunk of stream) void _chunk;
    }).rejects.toThrow(/Flex failed after it started/);
  });

  it('Messages: the Anthropic SDK throws an APIError', async () => {
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://x', fetch: sseFetch(encodeText('anthropic-messages', ir)) });
    const error = await client.messages
      .stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage()
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String((error as Error).message)).toContain('Flex failed after it started.');
  });

  it('Interactions: @google/genai yields an error event', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://x', fetch: sseFetch(encodeText('gemini-interactions', ir)) } });
    const events = [];
    for await (const event of await ai.interactions.create({ model: 'm', input: 'hi', stream: true })) events.push(event);
    expect(events.at(-1)).toEqual({ event_type: 'error', error: { code: 'flex_failed_after_start', message: 'Flex failed after it started.' } });
  });

  it('generateContent: @google/genai throws an ApiError', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://x', fetch: sseFetch(encodeText('gemini-generate', ir)) } });
    await expect(async () => {
      for await (const _chunk of await ai.models.generateContentStream({ model: 'm', contents: 'hi' })) void _chunk;
    }).rejects.toThrow(/Flex failed after it started/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { createRouter } from '../../src/router/create-router.js';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import { upstreamDialect } from '../../src/middleware/plan/upstream-dialect.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { CallerFormat, DialectId, ProviderId } from '../../src/core/types.js';
import { transcriptDialect, transcriptLines } from '../support/transcripts.js';
import { interactionOutputText, messageOutputText, outputText } from '../../src/dialects/output-text.js';

// Every recorded transcript, served by the simulator as the upstream, read through the router by
// every caller format that reaches its dialect, with that format's official SDK.
const RECORDED = new URL('../fixtures/recorded/', import.meta.url);

interface Content {
  text: string;
  tools: string[];
}

/** What a transcript holds, read straight from the recorded events (independent of our codecs). */
function expectedFromStream(name: string, dialect: DialectId): Content {
  const events = firstResponse(name, dialect).map((line) => JSON.parse(line));
  let text = '';
  const tools: string[] = [];
  // Some recordings skip deltas; `response.output_text.done` always holds a part's whole text.
  let doneText = '';
  for (const e of events) {
    switch (dialect) {
      case 'openai-responses':
        if (e.type === 'response.output_text.delta') text += e.delta;
        if (e.type === 'response.output_text.done') doneText += e.text;
        if (e.type === 'response.output_item.added' && /call$/.test(e.item.type) && e.item.name) tools.push(e.item.name);
        break;
      case 'openai-chat':
        text += e.choices?.[0]?.delta?.content ?? '';
        for (const call of e.choices?.[0]?.delta?.tool_calls ?? []) if (call.function?.name) tools.push(call.function.name);
        break;
      case 'anthropic-messages':
        if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') text += e.delta.text;
        if (e.type === 'content_block_start' && e.content_block.type === 'tool_use') tools.push(e.content_block.name);
        break;
      case 'gemini-generate':
        for (const part of e.candidates?.[0]?.content?.parts ?? []) {
          if (typeof part.text === 'string' && !part.thought) text += part.text;
          if (part.functionCall) tools.push(part.functionCall.name);
        }
        break;
      case 'gemini-interactions':
        if (e.event_type === 'step.delta' && e.delta.type === 'text') text += e.delta.text;
        if (e.event_type === 'step.start' && e.step.type === 'function_call') tools.push(e.step.name);
        break;
    }
  }
  return { text: doneText || text, tools };
}

/**
 * The lines of a transcript's first response. One Responses recording holds several responses
 * back to back (a tool loop); a caller gets one response per request, so replay the first.
 */
function firstResponse(name: string, dialect: DialectId): string[] {
  const lines = transcriptLines(name);
  if (dialect !== 'openai-responses') return lines;
  const end = lines.findIndex((line) => /"type":"response\.(completed|failed|incomplete)"/.test(line));
  return end === -1 ? lines : lines.slice(0, end + 1);
}

/** The caller formats that reach `dialect`, with a model of its provider. */
const MODEL: Record<ProviderId, string> = { openai: 'gpt-5-mini', gemini: 'gemini-2.5-flash', anthropic: 'claude-sonnet-4-5' };
const PROVIDER_OF: Record<DialectId, ProviderId> = {
  'openai-responses': 'openai',
  'openai-chat': 'openai',
  'gemini-generate': 'gemini',
  'gemini-interactions': 'gemini',
  'anthropic-messages': 'anthropic',
};
const FORMATS: CallerFormat[] = ['openai-responses', 'openai-chat', 'anthropic-messages', 'gemini-interactions'];

const CASES = readdirChunks()
  .filter((name) => name !== 'openai-responses-openai-error.1') // the in-band error case: tested in the race suites
  .flatMap((name) => {
    const dialect = transcriptDialect(name);
    const provider = PROVIDER_OF[dialect];
    return FORMATS.filter((format) => upstreamDialect(format, provider) === dialect).map((format) => ({ name, dialect, format, model: MODEL[provider] }));
  });

function readdirChunks(): string[] {
  return ['anthropic-json-tool.1', 'anthropic-refusal', 'anthropic-text', 'google-text', 'google-tool-call', 'interactions-basic',
    'interactions-tool-call-step1', 'openai-chat-openai-text', 'openai-responses-openai-custom-tool.1', 'openai-responses-openai-error.1',
    'openai-responses-openai-phase.1', 'openai-responses-openai-reasoning-encrypted-content.1'];
}

/** The answer text of a whole response body in any dialect. */
function wholeText(dialect: DialectId, body: any): string {
  switch (dialect) {
    case 'openai-responses':
    case 'openai-chat':
      return outputText(body);
    case 'anthropic-messages':
      return messageOutputText(body);
    case 'gemini-interactions':
      return interactionOutputText(body);
    case 'gemini-generate':
      return (body.candidates?.[0]?.content?.parts ?? []).filter((p: any) => !p.thought && typeof p.text === 'string').map((p: any) => p.text).join('');
  }
}

let sim: Simulator;
let server: Server;
let origin: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3 });
  const router = createRouter({
    upstreams: { openai: sim.openaiBaseUrl, gemini: sim.url, anthropic: sim.url },
    keys: { openai: 'sk-openai-1111', gemini: 'gemini-2222', anthropic: 'sk-ant-3333' },
    env: {},
  });
  server = createServer(toNodeListener(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sim.close();
});

/** Streams one request through the caller's SDK and reads text and tool names from what it parsed. */
async function readThrough(format: CallerFormat, model: string): Promise<Content> {
  let text = '';
  const tools: string[] = [];
  const prompt = 'Replay the recording';
  if (format === 'openai-responses' || format === 'openai-chat') {
    const client = new OpenAI({ apiKey: 'sk-caller', baseURL: `${origin}/v1`, maxRetries: 0 });
    if (format === 'openai-responses') {
      const stream = await client.responses.create({ model, input: prompt, stream: true, start_within: 'default', max_output_tokens: 500 } as any);
      let doneText = '';
      for await (const e of stream as any) {
        if (e.type === 'response.output_text.delta') text += e.delta;
        if (e.type === 'response.output_text.done') doneText += e.text;
        if (e.type === 'response.output_item.added' && /call$/.test(e.item.type)) tools.push(e.item.name);
      }
      text = doneText || text;
    } else {
      const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: prompt }], stream: true, start_within: 'default', max_completion_tokens: 500 } as any);
      for await (const chunk of stream as any) {
        text += chunk.choices[0]?.delta?.content ?? '';
        for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) if (call.function?.name) tools.push(call.function.name);
      }
    }
  } else if (format === 'anthropic-messages') {
    const client = new Anthropic({ apiKey: 'sk-ant-caller', baseURL: origin, maxRetries: 0 });
    const message = await client.messages.stream({ model, max_tokens: 500, messages: [{ role: 'user', content: prompt }], start_within: 'default' } as any).finalMessage();
    for (const block of message.content as any[]) {
      if (block.type === 'text') text += block.text;
      if (block.type === 'tool_use') tools.push(block.name);
    }
  } else {
    const ai = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: origin, headers: { 'x-start-within': 'default' } } });
    const stream = await ai.interactions.create({ model, input: prompt, stream: true, generation_config: { max_output_tokens: 500 } } as any);
    for await (const e of stream as any) {
      if (e.event_type === 'step.delta' && e.delta?.type === 'text') text += e.delta.text;
      if (e.event_type === 'step.start' && e.step?.type === 'function_call') tools.push(e.step.name);
    }
  }
  return { text, tools };
}

describe.each(CASES)('$name → $format caller', ({ name, dialect, format, model }) => {
  it('streams: the SDK parses it and gets the recorded text and tool calls', async () => {
    const stream = firstResponse(name, dialect).join('\n');
    sim.setScript(() => ({ replay: { stream } }));
    const got = await readThrough(format, model);
    const expected = expectedFromStream(name, dialect);
    expect(got.text).toBe(expected.text);
    expect(got.tools).toEqual(expected.tools);
  });

  const wholeFile = new URL(`${name}.json`, RECORDED);
  // Only some recordings come with a non-streaming body.
  if (existsSync(wholeFile)) it('whole body: the SDK parses it and gets the same text', async () => {
    const whole = readFileSync(wholeFile, 'utf8');
    sim.setScript(() => ({ replay: { whole } }));
    const res = await fetch(`${origin}${format === 'gemini-interactions' ? '/v1beta/interactions' : format === 'anthropic-messages' ? '/v1/messages' : format === 'openai-chat' ? '/v1/chat/completions' : '/v1/responses'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        format === 'openai-responses'
          ? { model, input: 'x', start_within: 'default', max_output_tokens: 500 }
          : format === 'openai-chat'
            ? { model, messages: [{ role: 'user', content: 'x' }], start_within: 'default', max_completion_tokens: 500 }
            : format === 'anthropic-messages'
              ? { model, max_tokens: 500, messages: [{ role: 'user', content: 'x' }], start_within: 'default' }
              : { model, input: 'x', start_within: 'default', generation_config: { max_output_tokens: 500 } },
      ),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(wholeText(format, body)).toBe(wholeText(dialect, JSON.parse(whole)));
  });
});

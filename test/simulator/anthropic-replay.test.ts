/**
 * Replay of the recorded Messages transcripts: each line framed as `event: <type>`,
 * `message_start` (and a leading `ping`) sent before the start delay, and `@anthropic-ai/sdk`
 * reads the recorded text, tool input and refusal.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { fixture, fixtureLines, postJson, readAllEvents, SseReader } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const MESSAGE = { model: 'claude-haiku-4-5', max_tokens: 512, messages: [{ role: 'user' as const, content: 'Hello' }] };
const HEADERS = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };

async function replaying(stream: string, whole?: string): Promise<{ sim: Simulator; client: Anthropic }> {
  sim = await startSimulator({ replay: { 'anthropic-messages': { stream: fixture(stream), ...(whole ? { whole: fixture(whole) } : {}) } } });
  return { sim, client: new Anthropic({ apiKey: 'k', baseURL: sim.anthropicBaseUrl, maxRetries: 0 }) };
}

const recordedText = (name: string) =>
  fixtureLines(name)
    .filter((e) => e.type === 'content_block_delta')
    .map((e) => (e.delta as { text?: string }).text ?? '')
    .join('');

describe('replay: anthropic-text', () => {
  it('streams the recorded text through the SDK', async () => {
    const { client } = await replaying('anthropic-text.chunks.txt', 'anthropic-text.json');
    const stream = client.messages.stream(MESSAGE);
    const final = await stream.finalMessage();
    const text = final.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    expect(text).toBe(recordedText('anthropic-text.chunks.txt'));
    expect(text).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    expect(final).toMatchObject({ id: 'msg_01QC4g3HwBThD4BaNtBckFDJ', stop_reason: 'end_turn', usage: { output_tokens: 30, service_tier: 'standard' } });
  });

  it('frames each line as event: <type> and serves the whole body', async () => {
    const { sim, client } = await replaying('anthropic-text.chunks.txt', 'anthropic-text.json');
    const events = await readAllEvents(await postJson(`${sim.url}/v1/messages`, { ...MESSAGE, stream: true }, { headers: HEADERS }));
    const lines = fixture('anthropic-text.chunks.txt').split('\n').filter((l) => l.trim() !== '');
    expect(events.map((e) => e.data)).toEqual(lines);
    expect(events.every((e) => e.event === (JSON.parse(e.data) as { type: string }).type)).toBe(true);

    const whole = await client.messages.create(MESSAGE);
    expect(whole.id).toBe('msg_01VdEjxAP5ahtHKrrRdNBteQ');
    expect(whole.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^Hello! I'm doing well, thanks/) });
  });

  it('sends message_start before the start delay, the content block after', async () => {
    sim = await startSimulator({ pools: { standard: { startDelayMs: 150 } }, replay: { 'anthropic-messages': { stream: fixture('anthropic-text.chunks.txt') } } });
    const reader = new SseReader(await postJson(`${sim.url}/v1/messages`, { ...MESSAGE, stream: true }, { headers: HEADERS }));
    expect((await reader.next())?.event).toBe('message_start');
    expect(sim.requests[0]?.startedAt).toBeUndefined();
    expect((await reader.next())?.event).toBe('content_block_start');
    expect(sim.requests[0]?.startedAt).toBeDefined();
    await reader.rest();
  });
});

describe('replay: anthropic-json-tool.1', () => {
  it('gives the recorded tool input, streamed and whole', async () => {
    const { client } = await replaying('anthropic-json-tool.1.chunks.txt', 'anthropic-json-tool.1.json');
    const streamed = await client.messages.stream(MESSAGE).finalMessage();
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamed.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'json',
      input: { elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] },
    });
    const whole = await client.messages.create(MESSAGE);
    expect(whole.content[0]).toMatchObject({ type: 'tool_use', name: 'json' });
    expect((whole.content[0] as Anthropic.ToolUseBlock).input).toMatchObject({ elements: expect.arrayContaining([{ location: 'London', temperature: 0, condition: 'snowy' }]) });
  });
});

describe('replay: anthropic-refusal', () => {
  it('gives the recorded refusal: no content, stop_reason refusal', async () => {
    const { client } = await replaying('anthropic-refusal.chunks.txt');
    const final = await client.messages.stream(MESSAGE).finalMessage();
    expect(final.content).toEqual([]);
    expect(final.stop_reason).toBe('refusal');
  });

  it('sends the leading message_start and ping as bookkeeping, before the start delay', async () => {
    sim = await startSimulator({ pools: { standard: { startDelayMs: 100 } }, replay: { 'anthropic-messages': { stream: fixture('anthropic-refusal.chunks.txt') } } });
    const reader = new SseReader(await postJson(`${sim.url}/v1/messages`, { ...MESSAGE, stream: true }, { headers: HEADERS }));
    expect((await reader.next())?.event).toBe('message_start');
    expect((await reader.next())?.event).toBe('ping');
    expect(sim.requests[0]?.startedAt).toBeUndefined();
    expect((await reader.next())?.event).toBe('message_delta');
    await reader.rest();
  });
});

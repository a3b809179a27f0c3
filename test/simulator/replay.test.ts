/**
 * Replay of recorded OpenAI transcripts: the simulator frames a `*.chunks.txt` per NOTICE.md
 * and serves a `*.json` verbatim, and the official SDK reads the same text the recording holds.
 */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { fixture, fixtureLines, payloads, postJson, readAllEvents, SseReader } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const chatStream = fixture('openai-chat-openai-text.chunks.txt');
const chatWhole = fixture('openai-chat-openai-text.json');
const phaseStream = fixture('openai-responses-openai-phase.1.chunks.txt');
const phaseWhole = fixture('openai-responses-openai-phase.1.json');

/** The text a transcript's deltas spell out. */
function recordedChatText(): string {
  return fixtureLines('openai-chat-openai-text.chunks.txt')
    .map((c) => (c as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? '')
    .join('');
}
function recordedResponsesText(): string {
  return fixtureLines('openai-responses-openai-phase.1.chunks.txt')
    .filter((e) => e.type === 'response.output_text.delta')
    .map((e) => e.delta as string)
    .join('');
}

async function replaying(): Promise<{ sim: Simulator; client: OpenAI }> {
  sim = await startSimulator({
    replay: {
      'openai-chat': { stream: chatStream, whole: chatWhole },
      'openai-responses': { stream: phaseStream, whole: phaseWhole },
    },
  });
  return { sim, client: new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl, maxRetries: 0 }) };
}

describe('replay: openai-chat-openai-text', () => {
  it('streams the recorded text through the SDK', async () => {
    const { client } = await replaying();
    const stream = await client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(recordedChatText());
    expect(text.length).toBeGreaterThan(1000);
    expect(usage?.completion_tokens).toBe(300);
  });

  it('sends each recorded line as a data: frame, then [DONE]', async () => {
    const { sim } = await replaying();
    const events = await readAllEvents(await postJson(`${sim.openaiBaseUrl}/chat/completions`, { model: 'm', messages: [], stream: true }));
    const lines = chatStream.split('\n').filter((l) => l.trim() !== '');
    expect(events.map((e) => e.data)).toEqual([...lines, '[DONE]']);
  });

  it('serves the recorded whole body to a non-streaming request', async () => {
    const { client } = await replaying();
    const res = await client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'x' }] });
    const recorded = JSON.parse(chatWhole) as { choices: Array<{ message: { content: string } }> };
    expect(res.choices[0]?.message.content).toBe(recorded.choices[0]?.message.content);
    expect(res.usage?.completion_tokens).toBe(363);
  });
});

describe('replay: openai-responses-openai-phase.1', () => {
  it('streams the recorded text through the SDK', async () => {
    const { client } = await replaying();
    const stream = await client.responses.create({ model: 'gpt-5.3-codex', input: 'news', stream: true });
    let text = '';
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(text).toBe(recordedResponsesText());
    expect(completed?.usage?.output_tokens).toBe(463);
    expect(completed?.output.map((o) => o.type)).toEqual(['message', 'message']);
  });

  it('frames each line as event: <type> and serves the whole body via the SDK', async () => {
    const { sim, client } = await replaying();
    const events = await readAllEvents(await postJson(`${sim.openaiBaseUrl}/responses`, { model: 'm', input: 'x', stream: true }));
    expect(events.every((e) => e.event === (JSON.parse(e.data) as { type: string }).type)).toBe(true);
    expect(events).toHaveLength(fixtureLines('openai-responses-openai-phase.1.chunks.txt').length);

    const res = await client.responses.create({ model: 'gpt-5.3-codex', input: 'news' });
    const recorded = JSON.parse(phaseWhole) as { output: Array<{ content: Array<{ text: string }> }> };
    expect(res.output_text).toBe(recorded.output.map((o) => o.content[0]?.text).join(''));
  });

  it('sends the recorded bookkeeping before the start delay, the rest after', async () => {
    sim = await startSimulator({ pools: { standard: { startDelayMs: 200 } }, replay: { 'openai-responses': { stream: phaseStream } } });
    const reader = new SseReader(await postJson(`${sim.openaiBaseUrl}/responses`, { model: 'm', input: 'x', stream: true }));
    expect((await reader.next())?.event).toBe('response.created');
    expect((await reader.next())?.event).toBe('response.in_progress');
    expect(sim.requests[0]?.startedAt).toBeUndefined();
    expect((await reader.next())?.event).toBe('response.output_item.added');
    expect(sim.requests[0]?.startedAt).toBeDefined();
    await reader.rest();
  });
});

describe('replay with knobs and scripts', () => {
  it('applies failure knobs to a replay: a cut ends the recorded stream early', async () => {
    sim = await startSimulator({
      replay: { 'openai-chat': { stream: chatStream } },
      script: () => ({ outcome: 'cut_after_start', afterContentEvents: 5 }),
    });
    const reader = new SseReader(await postJson(`${sim.openaiBaseUrl}/chat/completions`, { model: 'm', messages: [], stream: true }));
    const seen: string[] = [];
    await expect(
      (async () => {
        for (let e = await reader.next(); e; e = await reader.next()) seen.push(e.data);
      })(),
    ).rejects.toThrow();
    const content = payloads(seen.map((data) => ({ data }))).filter((c) => c.choices[0]?.delta?.content);
    expect(content).toHaveLength(5);
  });

  it('replays per request through the script', async () => {
    sim = await startSimulator({ script: (r) => (r.id === 2 ? { replay: { whole: chatWhole } } : undefined) });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl, maxRetries: 0 });
    const generated = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    const replayed = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(generated.choices[0]?.message.content).toMatch(/^Echo: x/);
    expect(replayed.choices[0]?.message.content).toMatch(/^\*\*Holiday Name:\*\* Galaxy Day/);
  });

  it('explains a replay that lacks the transcript a request needs', async () => {
    sim = await startSimulator({ replay: { 'openai-responses': { whole: phaseWhole } } });
    const response = await postJson(`${sim.openaiBaseUrl}/responses`, { model: 'm', input: 'x', stream: true });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('replay_missing_transcript');
    expect(body.error.message).toContain('replay.stream');
  });
});

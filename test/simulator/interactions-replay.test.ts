/**
 * Replay of the recorded Interactions transcripts: each line framed as `event: <event_type>`,
 * the bookkeeping (`interaction.created`, `interaction.status_update`) sent before the start
 * delay, and `@google/genai` reads the recorded text and function call.
 */
import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { fixture, fixtureLines, postJson, readAllEvents, SseReader } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const MODEL = 'gemini-2.5-flash';
const KEY = { 'x-goog-api-key': 'k' };

async function replaying(name: 'interactions-basic' | 'interactions-tool-call-step1'): Promise<{ sim: Simulator; ai: GoogleGenAI }> {
  sim = await startSimulator({
    replay: { 'gemini-interactions': { stream: fixture(`${name}.chunks.txt`), whole: fixture(`${name}.json`) } },
  });
  return { sim, ai: new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: sim.geminiBaseUrl } }) };
}

async function collect(stream: AsyncIterable<unknown>): Promise<Array<Record<string, any>>> {
  const events: Array<Record<string, any>> = [];
  for await (const event of stream) events.push(event as Record<string, any>);
  return events;
}

const recordedText = (name: string) =>
  fixtureLines(`${name}.chunks.txt`)
    .filter((e) => e.event_type === 'step.delta')
    .map((e) => (e.delta as { text?: string }).text ?? '')
    .join('');

describe('replay: interactions-basic', () => {
  it('streams the recorded events and text through the SDK', async () => {
    const { ai } = await replaying('interactions-basic');
    const events = await collect(await ai.interactions.create({ model: MODEL, input: 'How are you?', stream: true }));
    expect(events.map((e) => e.event_type)).toEqual(fixtureLines('interactions-basic.chunks.txt').map((e) => e.event_type));
    const text = events.filter((e) => e.event_type === 'step.delta' && e.delta.type === 'text').map((e) => e.delta.text).join('');
    expect(text).toBe(recordedText('interactions-basic'));
    expect(text).toContain("I'm doing great");
    expect(events.at(-1)?.interaction).toMatchObject({ status: 'completed', service_tier: 'standard', usage: { total_output_tokens: 26 } });
  });

  it('frames each line as event: <event_type> and serves the whole body', async () => {
    const { sim, ai } = await replaying('interactions-basic');
    const events = await readAllEvents(await postJson(`${sim.url}/v1beta/interactions`, { model: MODEL, input: 'x', stream: true }, { headers: KEY }));
    const lines = fixture('interactions-basic.chunks.txt').split('\n').filter((l) => l.trim() !== '');
    expect(events.map((e) => e.data)).toEqual(lines);
    expect(events.every((e) => e.event === (JSON.parse(e.data) as { event_type: string }).event_type)).toBe(true);

    const whole = await ai.interactions.create({ model: MODEL, input: 'How are you?' });
    expect(whole.output_text).toBe("Hello! I'm doing well, thank you for asking.\n\nHow are you today?");
    expect(whole.id).toBe((JSON.parse(fixture('interactions-basic.json')) as { id: string }).id);
  });

  it('sends the recorded bookkeeping before the start delay, the thought step after', async () => {
    sim = await startSimulator({ pools: { standard: { startDelayMs: 150 } }, replay: { 'gemini-interactions': { stream: fixture('interactions-basic.chunks.txt') } } });
    const reader = new SseReader(await postJson(`${sim.url}/v1beta/interactions`, { model: MODEL, input: 'x', stream: true }, { headers: KEY }));
    expect((await reader.next())?.event).toBe('interaction.created');
    expect((await reader.next())?.event).toBe('interaction.status_update');
    expect(sim.requests[0]?.startedAt).toBeUndefined();
    expect((await reader.next())?.event).toBe('step.start');
    expect(sim.requests[0]?.startedAt).toBeDefined();
    await reader.rest();
  });
});

describe('replay: interactions-tool-call-step1', () => {
  it('gives the recorded function call, streamed and whole', async () => {
    const { ai } = await replaying('interactions-tool-call-step1');
    const events = await collect(await ai.interactions.create({ model: MODEL, input: 'weather?', stream: true }));
    const start = events.find((e) => e.event_type === 'step.start' && e.step.type === 'function_call');
    expect(start?.step.name).toBe('getWeather');
    const args = events.filter((e) => e.event_type === 'step.delta' && e.delta.type === 'arguments_delta').map((e) => e.delta.arguments).join('');
    expect(JSON.parse(args)).toEqual({ location: 'San Francisco' });
    expect(events.at(-1)?.interaction.status).toBe('requires_action');

    const whole = await ai.interactions.create({ model: MODEL, input: 'weather?' });
    expect(whole.status).toBe('requires_action');
    expect(whole.steps?.at(-1)).toEqual({ id: 'zggxzq8r', type: 'function_call', name: 'getWeather', arguments: { location: 'San Francisco' } });
  });
});

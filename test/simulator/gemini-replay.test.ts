/**
 * Replay of the recorded generateContent transcripts: every `data:` line is sent as recorded
 * (no `event:` names, no `[DONE]`), the whole body verbatim, and `@google/genai` reads the
 * recorded text and function call.
 */
import { GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { fixture, fixtureLines, postJson, readAllEvents } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const MODEL = 'gemini-3-pro-preview';

async function replaying(name: 'google-text' | 'google-tool-call'): Promise<{ sim: Simulator; ai: GoogleGenAI }> {
  sim = await startSimulator({
    replay: { 'gemini-generate': { stream: fixture(`${name}.chunks.txt`), whole: fixture(`${name}.json`) } },
  });
  return { sim, ai: new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: sim.geminiBaseUrl } }) };
}

type Part = { text?: string; functionCall?: { name: string; args: unknown } };
const partsOf = (chunk: Record<string, unknown>) =>
  ((chunk as { candidates: Array<{ content: { parts: Part[] } }> }).candidates[0]?.content.parts ?? []);

/** The text a recorded transcript's chunks spell out. */
const recordedText = (name: string) =>
  fixtureLines(`${name}.chunks.txt`)
    .flatMap(partsOf)
    .map((p) => p.text ?? '')
    .join('');

describe('replay: google-text', () => {
  it('streams the recorded text through the SDK, and sends each line as a bare data: frame', async () => {
    const { sim, ai } = await replaying('google-text');
    let text = '';
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model: MODEL, contents: 'How many rs?' })) {
      chunks.push(chunk);
      text += chunk.text ?? '';
    }
    expect(text).toBe(recordedText('google-text'));
    expect(text).toContain('st**r**awbe**rr**y');
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.usageMetadata?.thoughtsTokenCount).toBe(185);

    const events = await readAllEvents(
      await postJson(`${sim.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, { contents: [{ parts: [{ text: 'x' }] }] }, { headers: { 'x-goog-api-key': 'k' } }),
    );
    const lines = fixture('google-text.chunks.txt').split('\n').filter((l) => l.trim() !== '');
    expect(events.map((e) => e.data)).toEqual(lines);
    expect(events.every((e) => e.event === undefined)).toBe(true);
  });

  it('serves the recorded whole body', async () => {
    const { ai } = await replaying('google-text');
    const res = await ai.models.generateContent({ model: MODEL, contents: 'How many rs?' });
    const recorded = JSON.parse(fixture('google-text.json')) as { candidates: Array<{ content: { parts: Part[] } }>; responseId: string };
    expect(res.text).toBe(recorded.candidates[0]?.content.parts[0]?.text);
    expect(res.responseId).toBe(recorded.responseId);
  });
});

describe('replay: google-tool-call', () => {
  it('gives the recorded function call, streamed and whole', async () => {
    const { ai } = await replaying('google-tool-call');
    const calls: unknown[] = [];
    for await (const chunk of await ai.models.generateContentStream({ model: MODEL, contents: 'weather?' })) calls.push(...(chunk.functionCalls ?? []));
    const recorded = partsOf(fixtureLines('google-tool-call.chunks.txt')[0] ?? {})[0]?.functionCall;
    expect(calls).toEqual([recorded]);
    expect(recorded).toEqual({ name: 'weather', args: { location: 'San Francisco' } });

    const whole = await ai.models.generateContent({ model: MODEL, contents: 'weather?' });
    expect(whole.functionCalls).toEqual([{ name: 'weather', args: { location: 'San Francisco' } }]);
  });

  it('counts chunks with parts as content, so a cut lands after the function call', async () => {
    sim = await startSimulator({
      replay: { 'gemini-generate': { stream: fixture('google-tool-call.chunks.txt') } },
      script: () => ({ outcome: 'cut_after_start', afterContentEvents: 1 }),
    });
    const response = await postJson(`${sim.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, { contents: [{ parts: [{ text: 'x' }] }] }, { headers: { 'x-goog-api-key': 'k' } });
    const seen: string[] = [];
    const reader = response.body!.getReader();
    await expect(
      (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read()) seen.push(new TextDecoder().decode(r.value));
      })(),
    ).rejects.toThrow();
    expect(seen.join('')).toContain('"functionCall"');
    expect(seen.join('')).not.toContain('"finishReason"');
  });
});

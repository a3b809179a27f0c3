/**
 * Gemini Interactions failures, as Google sends them and as `@google/genai` reads them: request
 * errors in Google's envelope, auth, and the flex pool's knobs at rate 1 (429, 503, start
 * delay, the in-band `error` event, cut).
 */
import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type PoolKnobs, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { postJson, readAllEvents, SseReader } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const MODEL = 'gemini-2.5-flash';
const KEY = { 'x-goog-api-key': 'gemini-key-0001' };
const FLEX = { model: MODEL, input: 'hello knobs', service_tier: 'flex' };
/** Without this the interactions client retries 429 and 5xx with backoff. */
const NO_RETRIES = { maxRetries: 0 };

async function start(options: SimulatorOptions = {}): Promise<{ sim: Simulator; ai: GoogleGenAI; url: string }> {
  sim = await startSimulator(options);
  return { sim, ai: new GoogleGenAI({ apiKey: 'gemini-key-0001', httpOptions: { baseUrl: sim.geminiBaseUrl } }), url: `${sim.url}/v1beta/interactions` };
}
const withFlex = (knobs: PoolKnobs) => start({ pools: { flex: knobs } });

/** The SDK's error for a failed call: its class name, status and the Google error body. */
async function sdkError(promise: Promise<unknown>): Promise<{ name: string; status: number; error: any }> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; status: number; error: unknown } | undefined;
  expect(error).toBeInstanceOf(Error);
  return { name: error!.name, status: error!.status, error: error!.error };
}

async function googleError(response: Response): Promise<{ code: number; status: string; message: string }> {
  const body = (await response.json()) as { error: { code: number; status: string; message: string } };
  expect(body.error.code).toBe(response.status);
  return body.error;
}

describe('request errors in Google’s envelope', () => {
  it('refuses service_tier auto (and any unknown tier) with 400 INVALID_ARGUMENT', async () => {
    const { ai, url } = await start();
    const error = await sdkError(ai.interactions.create({ model: MODEL, input: 'x', service_tier: 'auto' }, NO_RETRIES));
    expect(error).toMatchObject({ name: 'BadRequestError', status: 400 });
    const raw = await googleError(await postJson(url, { model: MODEL, input: 'x', service_tier: 'deferred' }, { headers: KEY }));
    expect(raw).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(raw.message).toContain('"deferred"');
  });

  it('answers 400 for a missing model or input', async () => {
    const { url } = await start();
    const noModel = await googleError(await postJson(url, { input: 'x' }, { headers: KEY }));
    expect(noModel.message).toContain('model');
    const noInput = await googleError(await postJson(url, { model: MODEL }, { headers: KEY }));
    expect(noInput).toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(noInput.message).toContain('input');
  });

  it('answers 403 PERMISSION_DENIED without a key under requireAuth', async () => {
    const { url, ai } = await start({ requireAuth: true });
    const response = await fetch(url, { method: 'POST', body: JSON.stringify({ model: MODEL, input: 'x' }) });
    expect(response.status).toBe(403);
    expect((await googleError(response)).status).toBe('PERMISSION_DENIED');
    expect((await ai.interactions.create({ model: MODEL, input: 'x' })).status).toBe('completed');
  });
});

describe('flex knobs at rate 1', () => {
  it('rate429: 429 RESOURCE_EXHAUSTED for flex, read by the SDK as RateLimitError; standard is untouched', async () => {
    const { sim, ai, url } = await withFlex({ rate429: 1 });
    const raw = await googleError(await postJson(url, { ...FLEX, stream: true }, { headers: KEY }));
    expect(raw).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    const error = await sdkError(ai.interactions.create(FLEX, NO_RETRIES));
    expect(error).toMatchObject({ name: 'RateLimitError', status: 429 });
    const standard = await ai.interactions.create({ ...FLEX, service_tier: 'standard' });
    expect(standard.service_tier).toBe('standard');
    expect(sim.requests.map((r) => r.outcome)).toEqual(['status_429', 'status_429', 'completed']);
  });

  it('rate503: 503 UNAVAILABLE, read by the SDK as InternalServerError', async () => {
    const { ai } = await withFlex({ rate503: 1 });
    const error = await sdkError(ai.interactions.create(FLEX, NO_RETRIES));
    expect(error).toMatchObject({ name: 'InternalServerError', status: 503 });
  });

  it('startDelayMs: created and status_update go out at once, the model step after the delay', async () => {
    const { sim, url } = await withFlex({ startDelayMs: 150 });
    const reader = new SseReader(await postJson(url, { ...FLEX, stream: true }, { headers: KEY }));
    expect((await reader.next())?.event).toBe('interaction.created');
    expect((await reader.next())?.event).toBe('interaction.status_update');
    expect(sim.requests[0]?.startedAt).toBeUndefined();
    expect((await reader.next())?.event).toBe('step.start');
    expect(sim.requests[0]?.startedAt).toBeDefined();
    await reader.rest();
  });

  it('inbandErrorRate: bookkeeping, then an error event the SDK yields as an ErrorEvent; whole gets 500', async () => {
    const { sim, ai, url } = await withFlex({ inbandErrorRate: 1 });
    const events = await readAllEvents(await postJson(url, { ...FLEX, stream: true }, { headers: KEY }));
    expect(events.map((e) => e.event)).toEqual(['interaction.created', 'interaction.status_update', 'error']);
    expect(JSON.parse(events[2]?.data ?? '{}')).toEqual({
      error: { code: 'unavailable', message: 'The model is overloaded. Please try again later.' },
      event_type: 'error',
    });
    expect(sim.requests[0]).toMatchObject({ status: 200, outcome: 'inband_error' });

    const seen: Array<Record<string, any>> = [];
    for await (const event of await ai.interactions.create({ ...FLEX, stream: true }, NO_RETRIES)) seen.push(event as Record<string, any>);
    expect(seen.at(-1)).toMatchObject({ event_type: 'error', error: { code: 'unavailable' } });

    const whole = await sdkError(ai.interactions.create(FLEX, NO_RETRIES));
    expect(whole.status).toBe(500);
  });

  it('cutAfterStartRate: the stream breaks after some deltas', async () => {
    const { sim, url } = await start({ pools: { flex: { outputTokens: 8 } }, script: () => ({ outcome: 'cut_after_start', afterContentEvents: 2 }) });
    const reader = new SseReader(await postJson(url, { ...FLEX, stream: true }, { headers: KEY }));
    const seen: string[] = [];
    await expect(
      (async () => {
        for (let e = await reader.next(); e; e = await reader.next()) seen.push(e.event ?? '');
      })(),
    ).rejects.toThrow();
    expect(seen).toEqual(['interaction.created', 'interaction.status_update', 'step.start', 'step.delta', 'step.delta']);
    expect(sim.requests[0]?.outcome).toBe('cut_after_start');
  });
});

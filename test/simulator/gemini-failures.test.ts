/**
 * Gemini generateContent failures, as Google sends them and as `@google/genai` reads them:
 * request errors in Google's envelope, auth, and the flex pool's knobs at rate 1 (429, 503,
 * start delay, in-band error, cut, malformed chunk).
 */
import { ApiError, GoogleGenAI, ServiceTier, type GenerateContentResponse } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type PoolKnobs, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { fixture, postJson, readAllEvents, SseReader } from './helpers.js';

/** `usageMetadata.serviceTier`: sent by Gemini, kept by the SDK, not yet in its types. */
const servedTier = (res: GenerateContentResponse) => (res.usageMetadata as { serviceTier?: string } | undefined)?.serviceTier;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const MODEL = 'gemini-2.5-flash';
const GENERATE = `/v1beta/models/${MODEL}:generateContent`;
const STREAM = `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`;
const BODY = { contents: [{ role: 'user', parts: [{ text: 'hello knobs' }] }] };
const FLEX_BODY = { ...BODY, serviceTier: 'flex' };
const KEY = { 'x-goog-api-key': 'gemini-key-0001' };

async function start(options: SimulatorOptions = {}): Promise<{ sim: Simulator; ai: GoogleGenAI }> {
  sim = await startSimulator(options);
  return { sim, ai: new GoogleGenAI({ apiKey: 'gemini-key-0001', httpOptions: { baseUrl: sim.geminiBaseUrl } }) };
}
const withFlex = (knobs: PoolKnobs) => start({ pools: { flex: knobs } });

interface GoogleError {
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
}

async function googleError(response: Response): Promise<GoogleError['error']> {
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = (await response.json()) as GoogleError;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(response.status);
  return body.error;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('request errors in Google’s envelope', () => {
  it('refuses a tier Gemini does not know, auto included, with 400 INVALID_ARGUMENT', async () => {
    const { sim, ai } = await start();
    for (const tier of ['auto', 'default', 'FLEX']) {
      const error = await googleError(await postJson(`${sim.url}${GENERATE}`, { ...BODY, serviceTier: tier }, { headers: KEY }));
      expect(error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
      expect(error.message).toContain(JSON.stringify(tier));
    }
    const viaSdk = await rejection(ai.models.generateContent({ model: MODEL, contents: 'x', config: { serviceTier: 'auto' as ServiceTier } }));
    expect(viaSdk.status).toBe(400);
    expect(viaSdk.message).toContain('INVALID_ARGUMENT');
  });

  it('answers 400 for missing contents and for a body that is not JSON', async () => {
    const { sim } = await start();
    const missing = await googleError(await postJson(`${sim.url}${GENERATE}`, {}, { headers: KEY }));
    expect(missing).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(missing.message).toContain('contents is not specified');
    expect(sim.requests[0]).toMatchObject({ dialect: 'gemini-generate', model: MODEL, outcome: 'status_400' });
    const notJson = await fetch(`${sim.url}${GENERATE}`, { method: 'POST', headers: KEY, body: '{nope' });
    expect(await googleError(notJson)).toMatchObject({ status: 'INVALID_ARGUMENT' });
  });

  it('answers 404 NOT_FOUND for an unknown model (with rejectUnknownModels) and an unknown path', async () => {
    const { sim, ai } = await start({ rejectUnknownModels: true, models: ['gemini-2.5-pro'] });
    const error = await rejection(ai.models.generateContent({ model: MODEL, contents: 'x' }));
    expect(error.status).toBe(404);
    const raw = await googleError(await postJson(`${sim.url}${GENERATE}`, BODY, { headers: KEY }));
    expect(raw).toMatchObject({ status: 'NOT_FOUND' });
    expect(raw.message).toContain(`models/${MODEL} is not found`);
    const path = await googleError(await postJson(`${sim.url}/v1beta/models/${MODEL}:countEverything`, BODY, { headers: KEY }));
    expect(path).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });

  it('explains that a stream needs alt=sse', async () => {
    const { sim } = await start();
    const response = await postJson(`${sim.url}/v1beta/models/${MODEL}:streamGenerateContent`, BODY, { headers: KEY });
    expect((await googleError(response)).message).toContain('?alt=sse');
  });
});

describe('requireAuth', () => {
  it('answers 403 PERMISSION_DENIED without a key, as Google does', async () => {
    const { sim } = await start({ requireAuth: true });
    const response = await fetch(`${sim.url}${GENERATE}`, { method: 'POST', body: JSON.stringify(BODY) });
    expect(response.status).toBe(403);
    expect(await googleError(response)).toMatchObject({ status: 'PERMISSION_DENIED' });
  });

  it('accepts the key as ?key= and never logs it', async () => {
    const { sim } = await start({ requireAuth: true });
    const response = await fetch(`${sim.url}${GENERATE}?key=AIzaSecretKey1234`, { method: 'POST', body: JSON.stringify(BODY) });
    expect(response.status).toBe(200);
    expect(sim.requests[0]?.path).toBe(`${GENERATE}?key=%E2%80%A61234`);
    expect(JSON.stringify(sim.requests)).not.toContain('AIzaSecret');
  });
});

describe('flex knobs at rate 1', () => {
  it('rate429: 429 RESOURCE_EXHAUSTED with RetryInfo for flex; standard is untouched', async () => {
    const { sim, ai } = await withFlex({ rate429: 1 });
    const error = await googleError(await postJson(`${sim.url}${STREAM}`, FLEX_BODY, { headers: KEY }));
    expect(error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(error.details?.map((d) => d['@type'])).toContain('type.googleapis.com/google.rpc.RetryInfo');
    expect(sim.requests[0]).toMatchObject({ outcome: 'status_429', tier: 'flex' });

    const viaSdk = await rejection(ai.models.generateContent({ model: MODEL, contents: 'x', config: { serviceTier: ServiceTier.FLEX } }));
    expect(viaSdk.status).toBe(429);
    const standard = await ai.models.generateContent({ model: MODEL, contents: 'x', config: { serviceTier: ServiceTier.STANDARD } });
    expect(servedTier(standard)).toBe('standard');
  });

  it('a standard-pool 429 has the recorded quota shape: QuotaFailure and RetryInfo', async () => {
    const { sim } = await start({ pools: { standard: { rate429: 1 } } });
    const error = await googleError(await postJson(`${sim.url}${GENERATE}`, BODY, { headers: KEY }));
    const recorded = (JSON.parse(fixture('google-429-retry-info.json')) as GoogleError).error;
    expect(error.status).toBe(recorded.status);
    expect(error.details?.map((d) => d['@type'])).toEqual(recorded.details?.map((d) => d['@type']));
  });

  it('rate503: 503 UNAVAILABLE "The model is overloaded"', async () => {
    const { sim, ai } = await withFlex({ rate503: 1 });
    const error = await googleError(await postJson(`${sim.url}${GENERATE}`, FLEX_BODY, { headers: KEY }));
    expect(error).toEqual({ code: 503, status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' });
    expect(sim.requests[0]?.outcome).toBe('status_503');
    const viaSdk = await rejection(ai.models.generateContent({ model: MODEL, contents: 'x', config: { serviceTier: ServiceTier.FLEX } }));
    expect(viaSdk.status).toBe(503);
  });

  it('startDelayMs holds the content, not the headers', async () => {
    const { sim } = await withFlex({ startDelayMs: 150 });
    const response = await postJson(`${sim.url}${STREAM}`, FLEX_BODY, { headers: KEY });
    expect(response.status).toBe(200);
    expect(sim.requests[0]?.startedAt).toBeUndefined(); // headers are out, generation has not started
    const reader = new SseReader(response);
    const first = await reader.next();
    expect(sim.requests[0]?.startedAt).toBeDefined();
    expect(JSON.parse(first?.data ?? '{}').candidates[0].content.parts[0].text).toBe('Echo:');
    await reader.rest();
  });

  it('inbandErrorRate: a 200 stream that sends an error chunk, which the SDK throws as ApiError 503', async () => {
    const { sim, ai } = await withFlex({ inbandErrorRate: 1 });
    const events = await readAllEvents(await postJson(`${sim.url}${STREAM}`, FLEX_BODY, { headers: KEY }));
    expect(events.map((e) => JSON.parse(e.data))).toEqual([
      { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } },
    ]);
    expect(sim.requests[0]).toMatchObject({ status: 200, outcome: 'inband_error' });

    const stream = await ai.models.generateContentStream({ model: MODEL, contents: 'x', config: { serviceTier: ServiceTier.FLEX } });
    const error = await rejection((async () => {
      for await (const chunk of stream) void chunk;
    })());
    expect(error.status).toBe(503);
    const whole = await rejection(ai.models.generateContent({ model: MODEL, contents: 'x', config: { serviceTier: ServiceTier.FLEX } }));
    expect(whole.status).toBe(500);
  });

  it('cutAfterStartRate: the stream breaks after some chunks', async () => {
    const { sim, ai } = await start({ pools: { flex: { outputTokens: 8 } }, script: () => ({ outcome: 'cut_after_start', afterContentEvents: 3 }) });
    const stream = await ai.models.generateContentStream({ model: MODEL, contents: 'x', config: { serviceTier: ServiceTier.FLEX } });
    const texts: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) texts.push(chunk.text ?? '');
      })(),
    ).rejects.toThrow();
    expect(texts).toHaveLength(3);
    expect(sim.requests[0]?.outcome).toBe('cut_after_start');
  });

  it('malformedRate: one data: line that is not JSON, then the stream carries on', async () => {
    const { sim } = await start({ pools: { flex: { outputTokens: 4 } }, script: () => ({ malformed: true, afterContentEvents: 2 }) });
    const events = await readAllEvents(await postJson(`${sim.url}${STREAM}`, FLEX_BODY, { headers: KEY }));
    expect(events.map((e) => e.data.startsWith('{not json'))).toEqual([false, false, true, false, false]);
    expect(sim.requests[0]).toMatchObject({ malformedSent: true, outcome: 'completed' });
  });
});

/**
 * The simulator as a server: pool capacity and queueing, client disconnects, shutdown without
 * leaks, seeded repeatability, auth, routing, the model list and the request log.
 */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { eventually, postJson, readAllEvents, SseReader } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const flexBody = (input: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-5-mini',
  input,
  service_tier: 'flex',
  ...extra,
});

describe('capacity', () => {
  it('queues a request beyond capacity until a slot frees', async () => {
    // The first request stalls, holding the only slot, until its client leaves.
    sim = await startSimulator({
      pools: { flex: { capacity: 1 } },
      script: (r) => (r.id === 1 ? { outcome: 'stall_after_start', afterContentEvents: 1 } : undefined),
    });
    const firstAbort = new AbortController();
    const first = new SseReader(await postJson(`${sim.openaiBaseUrl}/responses`, flexBody('one', { stream: true }), { signal: firstAbort.signal }));
    await first.until((e) => e.event === 'response.output_text.delta');

    const second = new SseReader(await postJson(`${sim.openaiBaseUrl}/responses`, flexBody('two', { stream: true })));
    expect((await second.next())?.event).toBe('response.created'); // headers and bookkeeping while queued
    await eventually(() => sim?.poolState('flex').queued === 1);
    expect(sim.poolState('flex')).toEqual({ active: 1, queued: 1 });
    expect(sim.requests[1]?.startedAt).toBeUndefined();

    firstAbort.abort();
    const rest = await second.rest();
    expect(rest.at(-1)?.event).toBe('response.completed');
    expect(sim.requests[1]?.outcome).toBe('completed');
    expect((sim.requests[1]?.startedAt ?? 0) >= (sim.requests[0]?.finishedAt ?? Infinity)).toBe(true);
    await eventually(() => sim?.poolState('flex').active === 0);
  });

  it('answers 429 at once when the pool is full and queueing is off', async () => {
    sim = await startSimulator({
      pools: { flex: { capacity: 1, queue: false } },
      script: (r) => (r.id === 1 ? { outcome: 'stall_after_start', afterContentEvents: 1 } : undefined),
    });
    const abort = new AbortController();
    const first = new SseReader(await postJson(`${sim.openaiBaseUrl}/responses`, flexBody('one', { stream: true }), { signal: abort.signal }));
    await first.until((e) => e.event === 'response.output_text.delta');
    const second = await postJson(`${sim.openaiBaseUrl}/responses`, flexBody('two', { stream: true }));
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('resource_unavailable');
    // Other pools are independent.
    const standard = await postJson(`${sim.openaiBaseUrl}/responses`, { model: 'm', input: 'x' });
    expect(standard.status).toBe(200);
    abort.abort();
  });

  it('frees slots on completion, errors and client close, so the pool drains to zero', async () => {
    sim = await startSimulator({ pools: { flex: { capacity: 2, cutAfterStartRate: 0.3, malformedRate: 0.3 } }, seed: 9 });
    const calls = Array.from({ length: 12 }, (_, i) =>
      postJson(`${sim!.openaiBaseUrl}/responses`, flexBody(`q${i}`, { stream: true }))
        .then((r) => readAllEvents(r))
        .catch(() => undefined),
    );
    await Promise.all(calls);
    await sim.waitForFinished(12);
    expect(sim.poolState('flex')).toEqual({ active: 0, queued: 0 });
  });
});

describe('client disconnect', () => {
  it('records closedByClient when the caller aborts mid-stream, and ends the exchange', async () => {
    sim = await startSimulator({ pools: { flex: { tokensPerSecond: 50, outputTokens: 200 } } });
    const abort = new AbortController();
    const reader = new SseReader(await postJson(`${sim.openaiBaseUrl}/responses`, flexBody('long', { stream: true }), { signal: abort.signal }));
    await reader.until((e) => e.event === 'response.output_text.delta');
    abort.abort();
    const [record] = await sim.waitForFinished(1);
    expect(record?.closedByClient).toBe(true);
    expect(record?.outcome).toBe('aborted_by_client');
    expect(sim.poolState('flex').active).toBe(0);
  });

  it('records closedByClient when the caller aborts while the request waits for its start', async () => {
    sim = await startSimulator({ pools: { flex: { startDelayMs: 10_000 } } });
    const abort = new AbortController();
    const pending = postJson(`${sim.openaiBaseUrl}/chat/completions`, { model: 'm', service_tier: 'flex', messages: [] }, { signal: abort.signal });
    await sim.waitForRequests(1);
    abort.abort();
    await expect(pending).rejects.toThrow();
    const [record] = await sim.waitForFinished(1);
    expect(record?.closedByClient).toBe(true);
    expect(record?.startedAt).toBeUndefined();
  });

  it('does not blame the client for a completed response', async () => {
    sim = await startSimulator();
    await readAllEvents(await postJson(`${sim.openaiBaseUrl}/responses`, flexBody('x', { stream: true })));
    const [record] = await sim.waitForFinished(1);
    expect(record).toMatchObject({ closedByClient: false, outcome: 'completed', status: 200 });
  });
});

describe('close()', () => {
  it('ends stalled, delayed and queued requests and pending waits, then stops listening', async () => {
    sim = await startSimulator({
      pools: { flex: { capacity: 1, startDelayMs: 60_000 } },
    });
    const url = `${sim.openaiBaseUrl}/responses`;
    const delayed = postJson(url, flexBody('a', { stream: true }));
    const queued = postJson(url, flexBody('b'));
    // Attach the expectation now: close() rejects the wait before this test awaits it.
    const waiting = expect(sim.waitForRequests(10, 60_000)).rejects.toThrow(/closed/);
    await sim.waitForRequests(2);
    await eventually(() => sim?.poolState('flex').queued === 1);

    const delayedResponse = await delayed;
    const reading = readAllEvents(delayedResponse).catch((e: unknown) => e);
    await sim.close();
    await waiting;
    await expect(queued).rejects.toThrow();
    expect(await reading).toBeInstanceOf(Error);
    expect(sim.requests.map((r) => r.outcome)).toEqual(['server_closed', 'server_closed']);
    expect(sim.requests.every((r) => !r.closedByClient)).toBe(true);
    expect(sim.poolState('flex')).toEqual({ active: 0, queued: 0 });
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    await sim.close(); // idempotent
    sim = undefined;
  });
});

describe('seed', () => {
  async function outcomes(seed: number): Promise<number[]> {
    const s = await startSimulator({ seed, pools: { flex: { rate429: 0.5, rate503: 0.2 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await postJson(`${s.openaiBaseUrl}/responses`, flexBody('same'))).status);
    await s.close();
    return statuses;
  }

  it('repeats a run exactly with the same seed, and differs with another', async () => {
    const a = await outcomes(42);
    const b = await outcomes(42);
    const c = await outcomes(43);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 429, 503]));
    expect(c).not.toEqual(a);
  });

  it('gives the same text and ids for the same request in a new run', async () => {
    const run = async () => {
      const s = await startSimulator({ seed: 3 });
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: s.openaiBaseUrl, maxRetries: 0 });
      const res = await client.responses.create({ model: 'm', input: 'repeat me' });
      await s.close();
      return [res.id, res.output_text];
    };
    expect(await run()).toEqual(await run());
  });

  it('gives the flex and the standard attempt of one question the same text', async () => {
    sim = await startSimulator({ seed: 3 });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl, maxRetries: 0 });
    const flex = await client.responses.create({ model: 'm', input: 'same question', service_tier: 'flex' });
    const standard = await client.responses.stream({ model: 'm', input: 'same question' }).finalResponse();
    expect(flex.output_text).toBe(standard.output_text);
  });
});

describe('auth, routing, models and the log', () => {
  it('answers 401 with OpenAI’s body when requireAuth and no Bearer key', async () => {
    sim = await startSimulator({ requireAuth: true });
    const response = await fetch(`${sim.openaiBaseUrl}/responses`, { method: 'POST', body: JSON.stringify(flexBody('x')) });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { message: string; type: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/^You didn't provide an API key/);
    const withKey = await postJson(`${sim.openaiBaseUrl}/responses`, flexBody('x'));
    expect(withKey.status).toBe(200);
  });

  it('answers 404 "Invalid URL" for unknown paths and methods', async () => {
    sim = await startSimulator();
    const post = await postJson(`${sim.openaiBaseUrl}/nothing`, {});
    expect(post.status).toBe(404);
    expect(await post.json()).toEqual({
      error: { message: 'Invalid URL (POST /v1/nothing)', type: 'invalid_request_error', param: null, code: null },
    });
    const get = await fetch(`${sim.openaiBaseUrl}/responses`);
    expect(get.status).toBe(404);
  });

  it('lists models for the SDK and can reject unknown ones', async () => {
    sim = await startSimulator({ models: ['gpt-5-mini', 'o3'], rejectUnknownModels: true });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl, maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['gpt-5-mini', 'o3']);
    expect((await client.models.retrieve('o3')).object).toBe('model');
    await expect(client.responses.create({ model: 'gpt-nope', input: 'x' })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('logs each request with masked credentials, body, dialect and tier', async () => {
    sim = await startSimulator();
    await postJson(`${sim.openaiBaseUrl}/chat/completions`, { model: 'm', messages: [], service_tier: 'priority' }, {
      headers: { authorization: 'Bearer sk-live-secret-key-0042' },
    });
    const [record] = await sim.waitForFinished(1);
    expect(record?.headers.authorization).toBe('Bearer …0042');
    expect(JSON.stringify(record)).not.toContain('secret');
    expect(record).toMatchObject({
      id: 1,
      method: 'POST',
      path: '/v1/chat/completions',
      dialect: 'openai-chat',
      tier: 'priority',
      requestedTier: 'priority',
      stream: false,
      body: { model: 'm', messages: [], service_tier: 'priority' },
    });
    sim.reset();
    expect(sim.requests).toHaveLength(0);
    await postJson(`${sim.openaiBaseUrl}/chat/completions`, { model: 'm', messages: [] });
    expect((await sim.waitForRequests(1))[0]?.id).toBe(1);
  });

  it('explains a wait that times out', async () => {
    sim = await startSimulator();
    await expect(sim.waitForRequests(1, 20)).rejects.toThrow(/waited 20 ms for 1 received requests, saw 0/);
  });
});

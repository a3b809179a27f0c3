import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFlexFetch } from '../../src/hosts/flex-fetch.js';
import { RouterError } from '../../src/core/errors.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { RouteEvent } from '../../src/middleware/events/route-event.js';

// The wrapped fetch (SPEC §8): the official openai client routes in-process, no router server.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function openaiThrough(options: Parameters<typeof createFlexFetch>[0] = {}, events: RouteEvent[] = []): OpenAI {
  const fetch = createFlexFetch({
    upstreams: { openai: sim.openaiBaseUrl },
    keys: { openai: 'sk-server-0001' },
    env: {},
    onEvent: (e) => events.push(e),
    ...options,
  });
  return new OpenAI({ apiKey: 'sk-caller-9999', baseURL: 'http://flexroute.local/v1', fetch, maxRetries: 0 });
}

const RESPONSES = { model: 'gpt-5-mini', input: 'Tell me a story' };
const CHAT = { model: 'gpt-5-mini', messages: [{ role: 'user' as const, content: 'Tell me a story' }] };

describe('createFlexFetch with the openai client', () => {
  it('Responses: races flex and answers with the flex text; start_within never goes upstream', async () => {
    const events: RouteEvent[] = [];
    const client = openaiThrough({}, events);
    const { data, response } = await client.responses
      .create({ ...RESPONSES, start_within: '00h-00m-30s' } as OpenAI.Responses.ResponseCreateParamsNonStreaming)
      .withResponse();
    expect(response.headers.get('x-flexroute-race')).toBe('committed');
    expect(data.service_tier).toBe('flex');
    expect(data.output_text).toBe(sim.requests[0]!.text);
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]!.body).not.toHaveProperty('start_within');
    // The server-side key went upstream, not the caller's.
    expect(sim.requests[0]!.headers.authorization).toBe('Bearer …0001');
    expect(events).toMatchObject([{ plan: 'race', servedTier: 'flex', race: 'committed', callerFormat: 'openai-responses' }]);
  });

  it('Responses streaming: every delta arrives and the SDK assembles the final response', async () => {
    const client = openaiThrough({ startWithin: '00h-00m-30s' });
    const stream = client.responses.stream(RESPONSES);
    let deltas = '';
    stream.on('response.output_text.delta', (e) => {
      deltas += e.delta;
    });
    const final = await stream.finalResponse();
    expect(deltas).toBe(sim.requests[0]!.text);
    expect(final.output_text).toBe(deltas);
    expect(final.service_tier).toBe('flex');
  });

  it('Chat Completions, whole and streamed', async () => {
    const client = openaiThrough({ startWithin: 'default' });
    const whole = await client.chat.completions.create(CHAT);
    expect(whole.choices[0]!.message.content).toBe(sim.requests[0]!.text);
    expect(sim.requests[0]!.requestedTier).toBe('default');

    const stream = await client.chat.completions.create({ ...CHAT, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(sim.requests[1]!.text);
  });

  it('falls back to standard when flex refuses, exactly as over HTTP', async () => {
    sim.setScript((r) => (r.tier === 'flex' ? { outcome: 'status_429' } : undefined));
    try {
      const client = openaiThrough({ startWithin: '00h-00m-30s' });
      const { data, response } = await client.responses.create(RESPONSES).withResponse();
      expect(response.headers.get('x-flexroute-race')).toBe('fallback:status_429');
      expect(data.service_tier).toBe('default');
      expect(sim.requests.map((r) => r.requestedTier)).toEqual(['flex', 'default']);
    } finally {
      sim.setScript(undefined);
    }
  });
});

describe('the default startWithin', () => {
  it('applies when the request carries none', async () => {
    const client = openaiThrough({ startWithin: 'priority' });
    await client.responses.create(RESPONSES);
    expect(sim.requests[0]!.requestedTier).toBe('priority');
  });

  it('never overrides a body field the caller set', async () => {
    const client = openaiThrough({ startWithin: 'priority' });
    await client.responses.create({ ...RESPONSES, start_within: 'default' } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    expect(sim.requests[0]!.requestedTier).toBe('default');
  });

  it('never overrides an x-start-within header the caller set', async () => {
    const client = openaiThrough({ startWithin: 'priority' });
    await client.responses.create(RESPONSES, { headers: { 'x-start-within': 'default' } });
    expect(sim.requests[0]!.requestedTier).toBe('default');
  });

  it('without one, a request with no start_within gets the router 400 the SDK understands', async () => {
    const client = openaiThrough();
    const err = await client.responses.create(RESPONSES).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('missing_start_within');
    expect(sim.requests).toHaveLength(0);
  });

  it('an invalid value fails when the fetch is created, with the router message', () => {
    expect(() => createFlexFetch({ startWithin: '30s', env: {} })).toThrow(RouterError);
    expect(() => createFlexFetch({ startWithin: '30s', env: {} })).toThrow(/00h-00m-30s/);
  });
});

describe('the fetch itself', () => {
  const fetchOf = () => createFlexFetch({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-server-0001' }, env: {} });

  it('accepts a Request object, a URL and a relative path', async () => {
    const flexFetch = fetchOf();
    const models1 = await flexFetch(new Request('http://any.host/v1/models'));
    const models2 = await flexFetch(new URL('http://flexroute.local/v1/models'));
    const models3 = await flexFetch('/v1/models');
    for (const res of [models1, models2, models3]) {
      expect(res.status).toBe(200);
      expect((await res.json()) as unknown).toHaveProperty('data');
    }
  });

  it('accepts a streamed request body', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...RESPONSES, start_within: 'default' }));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 10));
        c.enqueue(bytes.slice(10));
        c.close();
      },
    });
    const res = await fetchOf()('http://flexroute.local/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { service_tier: string }).service_tier).toBe('default');
  });

  it('a caller that stops reading a stream cancels the upstream request', async () => {
    sim.setPools({ flex: { tokensPerSecond: 200, outputTokens: 2000 } });
    try {
      const client = openaiThrough({ startWithin: '00h-00m-30s' });
      const stream = await client.responses.create({ ...RESPONSES, stream: true });
      let deltas = 0;
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta' && ++deltas === 3) break;
      }
      const [req] = await sim.waitForFinished(1);
      expect(req!.closedByClient).toBe(true);
      expect(req!.outcome).toBe('aborted_by_client');
    } finally {
      sim.setPools({ flex: {} });
    }
  });

  it('aborting the signal before the answer cancels the upstream request', async () => {
    sim.setPools({ flex: { startDelayMs: 60_000 } });
    try {
      const client = openaiThrough({ startWithin: '00h-01m-00s' });
      const controller = new AbortController();
      const pending = client.responses.create(RESPONSES, { signal: controller.signal });
      await sim.waitForRequests(1);
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
      const [req] = await sim.waitForFinished(1);
      expect(req!.closedByClient).toBe(true);
    } finally {
      sim.setPools({ flex: {} });
    }
  });
});

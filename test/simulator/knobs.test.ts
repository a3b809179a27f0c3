/**
 * Each pool knob at rate 1 does what it says, seen from a real client: error bodies and
 * statuses, resets, in-band errors, cuts, stalls, malformed events, start delay, pacing.
 */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type PoolKnobs, type Simulator } from '../../src/simulator/index.js';
import { eventually, payloads, postJson, readAllEvents, SseReader } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function withFlex(knobs: PoolKnobs, seed = 1): Promise<Simulator> {
  sim = await startSimulator({ seed, pools: { flex: knobs } });
  return sim;
}

const responsesBody = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-5-mini',
  input: 'hello knobs',
  service_tier: 'flex',
  ...extra,
});
const chatBody = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-5-mini',
  messages: [{ role: 'user', content: 'hello knobs' }],
  service_tier: 'flex',
  ...extra,
});

describe('rate429', () => {
  it('answers flex with 429 "resource unavailable" in OpenAI’s error envelope', async () => {
    const s = await withFlex({ rate429: 1 });
    const response = await postJson(`${s.openaiBaseUrl}/responses`, responsesBody({ stream: true }));
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error.code).toBe('resource_unavailable');
    expect(s.requests[0]?.outcome).toBe('status_429');
  });

  it('answers other tiers with a rate-limit 429 and retry-after', async () => {
    sim = await startSimulator({ pools: { standard: { rate429: 1 } } });
    const response = await postJson(`${sim.openaiBaseUrl}/chat/completions`, chatBody({ service_tier: 'default' }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = (await response.json()) as { error: { code: string; type: string } };
    expect(body.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
  });

  it('surfaces as RateLimitError in the SDK and leaves other tiers alone', async () => {
    const s = await withFlex({ rate429: 1 });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: s.openaiBaseUrl, maxRetries: 0 });
    await expect(client.responses.create({ model: 'm', input: 'x', service_tier: 'flex' })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
    const standard = await client.responses.create({ model: 'm', input: 'x' });
    expect(standard.status).toBe('completed');
  });
});

describe('rate503', () => {
  it('answers 503 with the overloaded body', async () => {
    const s = await withFlex({ rate503: 1 });
    const response = await postJson(`${s.openaiBaseUrl}/chat/completions`, chatBody({ stream: true }));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; type: string } };
    expect(body.error).toMatchObject({ code: 'server_is_overloaded', type: 'service_unavailable_error' });
  });
});

describe('resetRate', () => {
  it('destroys the socket before answering: fetch rejects', async () => {
    const s = await withFlex({ resetRate: 1 });
    await expect(postJson(`${s.openaiBaseUrl}/responses`, responsesBody())).rejects.toThrow(TypeError);
    const [record] = await s.waitForFinished(1);
    expect(record?.outcome).toBe('reset');
    expect(record?.closedByClient).toBe(false);
    expect(record?.status).toBeUndefined();
  });
});

describe('inbandErrorRate', () => {
  it('Responses: 200, bookkeeping, then error + response.failed, and nothing else', async () => {
    const s = await withFlex({ inbandErrorRate: 1 });
    const response = await postJson(`${s.openaiBaseUrl}/responses`, responsesBody({ stream: true }));
    expect(response.status).toBe(200);
    const data = payloads(await readAllEvents(response));
    expect(data.map((d) => d.type)).toEqual(['response.created', 'response.in_progress', 'error', 'response.failed']);
    expect(data[2]?.error).toMatchObject({ code: 'server_is_overloaded', type: 'service_unavailable_error' });
    expect(data[3]?.response).toMatchObject({ status: 'failed', error: { code: 'server_is_overloaded' } });
    expect(data.map((d) => d.sequence_number)).toEqual([0, 1, 2, 3]);
    expect(s.requests[0]?.outcome).toBe('inband_error');
    expect(s.requests[0]?.startedAt).toBeUndefined();
  });

  it('Responses: the SDK throws an APIError while iterating', async () => {
    const s = await withFlex({ inbandErrorRate: 1 });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: s.openaiBaseUrl, maxRetries: 0 });
    const stream = await client.responses.create({ model: 'm', input: 'x', service_tier: 'flex', stream: true });
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it('Chat: role chunk, then an error chunk, no [DONE]', async () => {
    const s = await withFlex({ inbandErrorRate: 1 });
    const events = await readAllEvents(await postJson(`${s.openaiBaseUrl}/chat/completions`, chatBody({ stream: true })));
    expect(events).toHaveLength(2);
    const [role, error] = payloads(events);
    expect(role?.choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(error).toEqual({ error: expect.objectContaining({ code: 'server_is_overloaded' }) });
  });

  it('non-streaming: 500 server_error', async () => {
    const s = await withFlex({ inbandErrorRate: 1 });
    const response = await postJson(`${s.openaiBaseUrl}/responses`, responsesBody());
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { type: string } };
    expect(body.error.type).toBe('server_error');
  });
});

describe('cutAfterStartRate', () => {
  it('Responses: some deltas arrive, then the connection dies without response.completed', async () => {
    const s = await withFlex({ cutAfterStartRate: 1, outputTokens: 10 });
    const reader = new SseReader(await postJson(`${s.openaiBaseUrl}/responses`, responsesBody({ stream: true })));
    const seen: string[] = [];
    const failure = await (async () => {
      for (;;) {
        const event = await reader.next();
        if (!event) return undefined;
        seen.push(event.event ?? '');
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    const deltas = seen.filter((t) => t === 'response.output_text.delta').length;
    expect(deltas).toBeGreaterThanOrEqual(1);
    expect(deltas).toBeLessThan(10);
    expect(seen).not.toContain('response.completed');
    const [record] = await s.waitForFinished(1);
    expect(record?.outcome).toBe('cut_after_start');
    expect(record?.closedByClient).toBe(false);
  });

  it('Chat: cut exactly after the scripted number of content chunks', async () => {
    sim = await startSimulator({ pools: { flex: { outputTokens: 8 } }, script: () => ({ outcome: 'cut_after_start', afterContentEvents: 3 }) });
    const reader = new SseReader(await postJson(`${sim.openaiBaseUrl}/chat/completions`, chatBody({ stream: true })));
    const contents: string[] = [];
    await expect(
      (async () => {
        for (let e = await reader.next(); e; e = await reader.next()) {
          const content = (JSON.parse(e.data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content;
          if (content) contents.push(content);
        }
      })(),
    ).rejects.toThrow();
    expect(contents).toHaveLength(3);
  });

  it('non-streaming: half a body, then the connection dies', async () => {
    const s = await withFlex({ cutAfterStartRate: 1 });
    const response = await postJson(`${s.openaiBaseUrl}/responses`, responsesBody());
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });
});

describe('stallAfterStartRate', () => {
  it('stops after some content, keeps the socket and the slot until the client leaves', async () => {
    sim = await startSimulator({
      pools: { flex: { stallAfterStartRate: 1, outputTokens: 6 } },
      script: () => ({ afterContentEvents: 2 }),
    });
    const abort = new AbortController();
    const response = await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody({ stream: true }), { signal: abort.signal });
    const reader = new SseReader(response);
    const seen = await reader.until((e) => e.event === 'response.output_text.delta' && (JSON.parse(e.data) as { delta: string }).delta !== 'Echo:');
    expect(seen.filter((e) => e.event === 'response.output_text.delta')).toHaveLength(2);
    const record = sim.requests[0];
    await eventually(() => record?.outcome === 'stall_after_start');
    expect(record?.finishedAt).toBeUndefined();
    expect(sim.poolState('flex')).toEqual({ active: 1, queued: 0 });

    abort.abort();
    await sim.waitForFinished(1);
    expect(record?.closedByClient).toBe(true);
    expect(record?.outcome).toBe('stall_after_start');
    expect(sim.poolState('flex')).toEqual({ active: 0, queued: 0 });
  });
});

describe('malformedRate', () => {
  it('Responses: one event carries invalid JSON; the SDK fails to parse it', async () => {
    const s = await withFlex({ malformedRate: 1 });
    const events = await readAllEvents(await postJson(`${s.openaiBaseUrl}/responses`, responsesBody({ stream: true })));
    const bad = events.filter((e) => {
      try {
        JSON.parse(e.data);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toEqual([{ event: 'response.output_text.delta', data: '{not json', id: undefined }]);
    expect(s.requests[0]?.malformedSent).toBe(true);

    const client = new OpenAI({ apiKey: 'sk-test', baseURL: s.openaiBaseUrl, maxRetries: 0, logLevel: 'off' });
    const stream = await client.responses.create({ model: 'm', input: 'x', service_tier: 'flex', stream: true });
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toBeInstanceOf(SyntaxError);
  });

  it('non-streaming: a truncated JSON body the client cannot parse', async () => {
    const s = await withFlex({ malformedRate: 1 });
    const response = await postJson(`${s.openaiBaseUrl}/chat/completions`, chatBody());
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('Chat: a `data: {not json` chunk after content', async () => {
    const s = await withFlex({ malformedRate: 1 });
    const events = await readAllEvents(await postJson(`${s.openaiBaseUrl}/chat/completions`, chatBody({ stream: true })));
    const index = events.findIndex((e) => e.data === '{not json');
    expect(index).toBeGreaterThan(1); // after the role chunk and at least one content chunk
    expect(events.at(-1)?.data).toBe('[DONE]');
  });
});

describe('startDelayMs', () => {
  it('headers and bookkeeping come at once; content waits for the delay', async () => {
    const s = await withFlex({ startDelayMs: 300 });
    const response = await postJson(`${s.openaiBaseUrl}/responses`, responsesBody({ stream: true }));
    expect(response.status).toBe(200);
    const reader = new SseReader(response);
    expect((await reader.next())?.event).toBe('response.created');
    expect((await reader.next())?.event).toBe('response.in_progress');
    const record = s.requests[0];
    expect(record?.startedAt).toBeUndefined(); // bookkeeping was sent before generation started

    expect((await reader.next())?.event).toBe('response.output_item.added');
    expect(record?.startedAt).toBeDefined();
    expect((record?.startedAt ?? 0) - (record?.receivedAt ?? 0)).toBeGreaterThanOrEqual(295);
    await reader.rest();
  });

  it('Chat: the role chunk comes at once, content after the delay', async () => {
    const s = await withFlex({ startDelayMs: { min: 200, max: 250 } });
    const reader = new SseReader(await postJson(`${s.openaiBaseUrl}/chat/completions`, chatBody({ stream: true })));
    const role = await reader.next();
    expect(JSON.parse(role?.data ?? '{}').choices[0].delta.role).toBe('assistant');
    expect(s.requests[0]?.startedAt).toBeUndefined();
    await reader.next();
    expect(s.requests[0]?.startedAt).toBeDefined();
    await reader.rest();
  });

  it('delays a non-streaming body as a whole', async () => {
    const s = await withFlex({ startDelayMs: { distribution: 'exponential', meanMs: 50 } });
    const response = await postJson(`${s.openaiBaseUrl}/responses`, responsesBody());
    expect(response.status).toBe(200);
    const record = s.requests[0];
    expect(record?.startedAt).toBeDefined();
    expect(record?.startedAt ?? 0).toBeGreaterThanOrEqual(record?.receivedAt ?? 0);
  });
});

describe('tokensPerSecond and outputTokens', () => {
  it('sends exactly outputTokens deltas, spread at the given pace', async () => {
    const s = await withFlex({ tokensPerSecond: 100, outputTokens: 11 });
    const started = performance.now();
    const data = payloads(await readAllEvents(await postJson(`${s.openaiBaseUrl}/responses`, responsesBody({ stream: true }))));
    const elapsed = performance.now() - started;
    expect(data.filter((d) => d.type === 'response.output_text.delta')).toHaveLength(11);
    expect(data.at(-1)?.response.usage.output_tokens).toBe(11);
    expect(elapsed).toBeGreaterThanOrEqual(95); // 10 gaps of 10 ms at least
  });

  it('draws a length from a range, within bounds', async () => {
    const s = await withFlex({ outputTokens: { min: 3, max: 7 } });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: s.openaiBaseUrl, maxRetries: 0 });
    for (const input of ['a', 'b', 'c', 'd', 'e']) {
      const res = await client.responses.create({ model: 'm', input, service_tier: 'flex' });
      expect(res.usage?.output_tokens).toBeGreaterThanOrEqual(3);
      expect(res.usage?.output_tokens).toBeLessThanOrEqual(7);
    }
  });
});

describe('script', () => {
  it('forces the next flex request to 429 and lets the rest through', async () => {
    sim = await startSimulator({
      script: (r) => (r.tier === 'flex' && r.id === 1 ? { outcome: 'status_429' } : undefined),
    });
    const first = await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody());
    const second = await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody());
    expect([first.status, second.status]).toEqual([429, 200]);
  });

  it('answers a scripted status and body verbatim', async () => {
    sim = await startSimulator({ script: () => ({ respond: { status: 418, body: { error: { message: 'teapot' } } } }) });
    const response = await postJson(`${sim.openaiBaseUrl}/chat/completions`, chatBody());
    expect(response.status).toBe(418);
    expect(await response.json()).toEqual({ error: { message: 'teapot' } });
    expect(sim.requests[0]?.outcome).toBe('scripted_response');
  });

  it('turns a throwing script into a 500 that says so, and keeps serving', async () => {
    sim = await startSimulator({
      script: (r) => {
        if (r.id === 1) throw new Error('boom');
        return undefined;
      },
    });
    const failed = await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody());
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toContain('boom');
    expect(sim.requests[0]?.outcome).toBe('status_500');
    expect((await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody())).status).toBe(200);
  });

  it('can be replaced at runtime, and setPools changes knobs live', async () => {
    sim = await startSimulator();
    sim.setPools({ flex: { rate503: 1 } });
    expect((await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody())).status).toBe(503);
    sim.setScript(() => ({ outcome: 'complete' }));
    expect((await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody())).status).toBe(200);
    sim.setScript(undefined);
    sim.setPools({ flex: {} });
    expect((await postJson(`${sim.openaiBaseUrl}/responses`, responsesBody())).status).toBe(200);
  });
});

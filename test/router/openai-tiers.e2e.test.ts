import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/router-harness.js';

// Each tier word and a duration, through the official `openai` client, both dialects, both modes.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.sim.reset());

const CASES = [
  { startWithin: 'default', upstreamTier: 'default', servedTier: 'default', race: 'none' },
  { startWithin: 'priority', upstreamTier: 'priority', servedTier: 'priority', race: 'none' },
  { startWithin: 'auto', upstreamTier: 'auto', servedTier: 'auto', race: 'none' },
  { startWithin: '00h-00m-30s', upstreamTier: 'flex', servedTier: 'flex', race: 'committed' },
] as const;

describe.each(CASES)('start_within $startWithin', ({ startWithin, upstreamTier, servedTier, race }) => {
  it('Responses, whole', async () => {
    const { data, response } = await h.client.responses
      .create({ model: 'gpt-5-mini', input: 'Say hello', start_within: startWithin } as any)
      .withResponse();
    expect(response.headers.get('x-flexroute-tier')).toBe(servedTier);
    expect(response.headers.get('x-flexroute-race')).toBe(race);
    expect(data.output_text.length).toBeGreaterThan(0);
    expect(data.usage?.output_tokens).toBeGreaterThan(0);
    const [upstream] = h.sim.requests;
    expect(upstream!.requestedTier).toBe(upstreamTier);
    expect((upstream!.body as Record<string, unknown>).start_within).toBeUndefined();
    // Races are sent upstream as a stream, then assembled (SPEC §4.3).
    expect(upstream!.stream).toBe(race === 'committed');
    if (upstreamTier === 'flex') expect(data.service_tier).toBe('flex');
    expect(data.output_text).toBe(upstream!.text);
  });

  it('Responses, streaming', async () => {
    const stream = await h.client.responses.create({ model: 'gpt-5-mini', input: 'Say hello', stream: true, start_within: startWithin } as any);
    let text = '';
    let completed: any;
    for await (const event of stream as any) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(text).toBe(h.sim.requests[0]!.text);
    expect(completed.usage.output_tokens).toBeGreaterThan(0);
    expect(h.sim.requests[0]!.requestedTier).toBe(upstreamTier);
    expect(h.sim.requests[0]!.stream).toBe(true);
  });

  it('Chat, whole', async () => {
    const { data, response } = await h.client.chat.completions
      .create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Say hello' }], start_within: startWithin } as any)
      .withResponse();
    expect(response.headers.get('x-flexroute-tier')).toBe(servedTier);
    expect(response.headers.get('x-flexroute-race')).toBe(race);
    expect(data.choices[0]!.message.content).toBe(h.sim.requests[0]!.text);
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    expect(h.sim.requests[0]!.requestedTier).toBe(upstreamTier);
    if (race === 'committed') {
      // Chat streams report usage only when asked; the router asks so it can assemble usage.
      expect((h.sim.requests[0]!.body as any).stream_options).toEqual({ include_usage: true });
      expect(data.service_tier).toBe('flex');
    }
  });

  it('Chat, streaming', async () => {
    const stream = await h.client.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
      start_within: startWithin,
    } as any);
    let text = '';
    for await (const chunk of stream as any) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(h.sim.requests[0]!.text);
    expect(h.sim.requests[0]!.requestedTier).toBe(upstreamTier);
    // A streaming caller gets exactly what it asked for: no usage chunk it did not request.
    expect((h.sim.requests[0]!.body as any).stream_options).toBeUndefined();
  });
});

describe('keys and headers', () => {
  it('uses the server-side key, never forwards the caller key or cookies', async () => {
    await h.client.responses.create({ model: 'gpt-5-mini', input: 'hi', start_within: 'default' } as any, {
      headers: { cookie: 'session=abc', 'x-start-within': 'default' },
    });
    const headers = h.sim.requests[0]!.headers;
    expect(headers.authorization).toMatch(/0001$/); // masked server key
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-start-within']).toBeUndefined();
  });

  it('passes the caller key through when no server key is configured', async () => {
    const h2 = await startHarness({ router: { keys: {} } });
    try {
      await h2.client.responses.create({ model: 'gpt-5-mini', input: 'hi', start_within: 'default' } as any);
      expect(h2.sim.requests[0]!.headers.authorization).toMatch(/7777$/); // the caller key, masked to its tail
    } finally {
      await h2.close();
    }
  });

  it('emits one event per request with plan, tier and race outcome', async () => {
    h.events.length = 0;
    await h.client.responses.create({ model: 'gpt-5-mini', input: 'hi', start_within: '00h-00m-05s' } as any);
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ model: 'gpt-5-mini', provider: 'openai', plan: 'race', windowMs: 5000, servedTier: 'flex', race: 'committed', status: 200 });
    expect(JSON.stringify(event)).not.toContain('sk-');
    // Usage as the response reported it, priced at flex (half of standard), 20 % fee on savings.
    expect(event.usage!.outputTokens).toBeGreaterThan(0);
    expect(event.costUsd).toBeCloseTo(event.standardCostUsd! / 2, 12);
    expect(event.savingsUsd).toBeCloseTo(event.standardCostUsd! - event.costUsd!, 12);
    expect(event.feeUsd).toBeCloseTo(event.savingsUsd! * 0.2, 12);
    expect(event.durationMs).toBeGreaterThanOrEqual(event.timeToHeadersMs);
  });

  it('a streamed default request reports its usage and saves nothing', async () => {
    h.events.length = 0;
    const stream = await h.client.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
      start_within: 'default',
    } as any);
    for await (const _ of stream as any);
    await expect.poll(() => h.events.length).toBe(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ plan: 'direct', servedTier: 'default', race: 'none' });
    expect(event.usage!.outputTokens).toBeGreaterThan(0);
    expect(event.savingsUsd).toBe(0);
    expect(event.feeUsd).toBe(0);
  });
});

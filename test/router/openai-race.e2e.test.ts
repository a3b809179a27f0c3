import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import { postJson, startHarness, type Harness } from '../support/router-harness.js';
import type { ScriptedBehavior, SimRequest } from '../../src/simulator/index.js';

// The flex race end to end (SPEC §4): the official client, the router on loopback, the simulator upstream.
let h: Harness;
let flexScript: ScriptedBehavior | undefined;
let standardScript: ScriptedBehavior | undefined;

beforeAll(async () => {
  // Upstream through undici's Agent.request transport (as the CLI runs): resets, aborts and
  // socket closes must behave exactly as with fetch.
  h = await startHarness({
    transport: 'undici',
    sim: { script: (r: SimRequest) => (r.tier === 'flex' ? flexScript : standardScript) },
  });
});
afterAll(() => h.close());
beforeEach(() => {
  h.sim.reset();
  flexScript = undefined;
  standardScript = undefined;
});

const RACE = { model: 'gpt-5-mini', input: 'Tell me a story', start_within: '00h-00m-05s' };
const CHAT_RACE = { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Tell me a story' }], start_within: '00h-00m-05s' };

function tiersSeen(): string[] {
  return h.sim.requests.map((r) => r.requestedTier ?? '');
}

describe('fallback before start', () => {
  it.each([
    ['status_429', 'fallback:status_429'],
    ['status_503', 'fallback:status_5xx'],
    ['reset', 'fallback:network'],
    ['inband_error', 'fallback:error_event'],
  ] as const)('flex %s falls back to standard at once', async (outcome, race) => {
    flexScript = { outcome };
    const { data, response } = await h.client.responses.create(RACE as any).withResponse();
    expect(response.headers.get('x-flexroute-race')).toBe(race);
    expect(response.headers.get('x-flexroute-tier')).toBe('default');
    // At once: far inside the 5 s window.
    expect(Number(response.headers.get('x-flexroute-flex-wait-ms'))).toBeLessThan(2000);
    expect(tiersSeen()).toEqual(['flex', 'default']);
    expect(data.service_tier).toBe('default');
    expect(data.output_text).toBe(h.sim.requests[1]!.text);
  });

  it('an in-band error before start leaks nothing of the failed attempt (streaming)', async () => {
    flexScript = { outcome: 'inband_error' };
    const res = await postJson(h.baseURL, '/responses', { ...RACE, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:error_event');
    const flexId = h.sim.requests[0]!;
    expect(flexId.requestedTier).toBe('flex');
    // Not one event of the flex attempt: a single response.created, from the standard attempt, and no error.
    expect(res.text.match(/event: response.created/g)).toHaveLength(1);
    expect(res.text).not.toContain('"type":"error"');
    expect(res.text).not.toContain('response.failed');
    expect(res.text).not.toContain('"service_tier":"flex"');
  });

  it('falls back at the 5 s deadline when flex is silent (real timers), and closes the flex socket', async () => {
    flexScript = { startDelayMs: 60_000 };
    const started = Date.now();
    const { data, response } = await h.client.responses.create(RACE as any).withResponse();
    const elapsed = Date.now() - started;
    expect(response.headers.get('x-flexroute-race')).toBe('fallback:timeout');
    const waited = Number(response.headers.get('x-flexroute-flex-wait-ms'));
    expect(waited).toBeGreaterThanOrEqual(5000);
    expect(waited).toBeLessThan(5000 + 250);
    expect(elapsed).toBeGreaterThanOrEqual(5000);
    expect(data.service_tier).toBe('default');
    const [flex] = await h.sim.waitForFinished(2);
    expect(flex!.requestedTier).toBe('flex');
    expect(flex!.closedByClient).toBe(true);
    // Standard was sent no earlier than the deadline.
    expect(h.sim.requests[1]!.receivedAt - flex!.receivedAt).toBeGreaterThanOrEqual(4900);
  }, 15_000);

  it('Chat streaming falls back on 429 and streams the standard answer', async () => {
    flexScript = { outcome: 'status_429' };
    const stream = await h.client.chat.completions.create({ ...CHAT_RACE, stream: true } as any);
    let text = '';
    for await (const chunk of stream as any) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(h.sim.requests[1]!.text);
    expect(tiersSeen()).toEqual(['flex', 'default']);
  });
});

describe('caller problems pass through untouched', () => {
  it.each([400, 401])('flex %i passes through with no standard attempt', async (status) => {
    const body = { error: { message: `flex said ${status}`, type: 'invalid_request_error', param: 'input', code: `code_${status}` } };
    flexScript = { respond: { status, body } };
    const res = await postJson(h.baseURL, '/responses', RACE);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(body);
    await new Promise((r) => setTimeout(r, 50));
    expect(tiersSeen()).toEqual(['flex']);
  });

  it('a standard 429 after fallback passes through as the provider sent it', async () => {
    flexScript = { outcome: 'status_503' };
    const body = { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } };
    standardScript = { respond: { status: 429, body, headers: { 'retry-after': '3' } } };
    const res = await postJson(h.baseURL, '/responses', RACE);
    expect(res.status).toBe(429);
    expect(res.json).toEqual(body);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:status_5xx');
  });

  it('standard unreachable after a fallback: 502 upstream_unreachable that still says why flex lost', async () => {
    flexScript = { outcome: 'status_429' };
    standardScript = { outcome: 'reset' };
    const res = await postJson(h.baseURL, '/responses', RACE);
    expect(res.status).toBe(502);
    expect(res.json.error.code).toBe('upstream_unreachable');
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:status_429');
  });

  it('a 429 on a default request passes through (no race, no retry)', async () => {
    const body = { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } };
    standardScript = { respond: { status: 429, body } };
    const res = await postJson(h.baseURL, '/responses', { ...RACE, start_within: 'default' });
    expect(res.status).toBe(429);
    expect(res.json).toEqual(body);
    expect(tiersSeen()).toEqual(['default']);
  });
});

describe('failure after commit is shown, never retried', () => {
  it('streaming Responses: a cut after commit ends with response.failed', async () => {
    flexScript = { outcome: 'cut_after_start', afterContentEvents: 2 };
    const stream = await h.client.responses.create({ ...RACE, stream: true } as any);
    const types: string[] = [];
    let failed: any;
    for await (const event of stream as any) {
      types.push(event.type);
      if (event.type === 'response.failed') failed = event.response;
    }
    expect(types).toContain('response.output_text.delta');
    expect(types.at(-1)).toBe('response.failed');
    expect(failed.error.code).toBe('flex_failed_after_start');
    expect(tiersSeen()).toEqual(['flex']);
  });

  it('streaming Chat: a cut after commit ends with an error chunk the SDK raises', async () => {
    flexScript = { outcome: 'cut_after_start', afterContentEvents: 2 };
    const stream = await h.client.chat.completions.create({ ...CHAT_RACE, stream: true } as any);
    let text = '';
    const error = await (async () => {
      try {
        for await (const chunk of stream as any) text += chunk.choices[0]?.delta?.content ?? '';
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(text.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(APIError);
    expect(tiersSeen()).toEqual(['flex']);
  });

  it('translated stream (Messages caller, OpenAI upstream): a cut after commit ends with the caller\'s own error event', async () => {
    flexScript = { outcome: 'cut_after_start', afterContentEvents: 2 };
    const origin = h.baseURL.replace(/\/v1$/, '');
    const res = await postJson(origin, '/v1/messages', { model: 'gpt-5-mini', max_tokens: 200, messages: [{ role: 'user', content: 'Tell me a story' }], stream: true, start_within: '00h-00m-05s' });
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
    expect(res.text).toContain('event: content_block_delta');
    const last = res.text.trim().split('\n\n').at(-1)!;
    expect(last).toMatch(/^event: error\n/);
    const error = JSON.parse(last.split('data: ')[1]!).error;
    expect(error.message).toMatch(/after it had started/);
    expect(tiersSeen()).toEqual(['flex']);
  });

  it('whole request: a cut after commit is 502 flex_failed_after_start', async () => {
    flexScript = { outcome: 'cut_after_start', afterContentEvents: 2 };
    const res = await postJson(h.baseURL, '/responses', RACE);
    expect(res.status).toBe(502);
    expect(res.json.error.code).toBe('flex_failed_after_start');
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
    expect(tiersSeen()).toEqual(['flex']);
  });

  it('a stall after commit past the idle limit fails the stream', async () => {
    const h2 = await startHarness({ transport: 'undici', sim: { script: (r) => (r.tier === 'flex' ? { outcome: 'stall_after_start', afterContentEvents: 1 } : undefined) }, router: { idleTimeoutMs: 300 } });
    try {
      const res = await postJson(h2.baseURL, '/chat/completions', CHAT_RACE);
      expect(res.status).toBe(502);
      expect(res.json.error.code).toBe('flex_failed_after_start');
      const [flex] = await h2.sim.waitForFinished(1);
      expect(flex!.closedByClient).toBe(true);
    } finally {
      await h2.close();
    }
  });
});

describe('cancellation', () => {
  it('a caller disconnect closes the upstream socket', async () => {
    flexScript = { tokensPerSecond: 20, outputTokens: 400 };
    const abort = new AbortController();
    const res = await fetch(`${h.baseURL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...RACE, stream: true }),
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    const [flex] = await h.sim.waitForFinished(1);
    expect(flex!.closedByClient).toBe(true);
    expect(tiersSeen()).toEqual(['flex']);
  });

  it('a caller disconnect during the window aborts flex and never starts standard', async () => {
    flexScript = { startDelayMs: 60_000 };
    const abort = new AbortController();
    const pending = fetch(`${h.baseURL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(RACE),
      signal: abort.signal,
    }).catch((err) => err);
    await h.sim.waitForRequests(1);
    abort.abort();
    await pending;
    const [flex] = await h.sim.waitForFinished(1);
    expect(flex!.closedByClient).toBe(true);
    await new Promise((r) => setTimeout(r, 5300));
    expect(tiersSeen()).toEqual(['flex']);
  }, 15_000);
});

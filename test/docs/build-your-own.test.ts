import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.js';
import { logged, miniRouter, requireBearer } from './fixtures/mini-router.js';
import { codeBlocks } from './markdown.js';

// docs/build-your-own.md shows test/docs/fixtures/mini-router.ts; these tests route requests
// through that very file against the simulator, so the documented example is known to work.

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  sim = await startSimulator({ seed: 3, ...options });
  return sim;
}

function ask(body: Record<string, unknown>, headers: Record<string, string> = {}): Request {
  return new Request('http://router.local/v1/responses', { method: 'POST', headers, body: JSON.stringify(body) });
}

/** The `data:` payloads of an SSE body, parsed. */
function events(text: string): Array<{ type: string; response?: { service_tier?: string; error?: { code?: string } } }> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as { type: string });
}

describe('the build-your-own router (docs/build-your-own.md)', () => {
  it('is the code the page shows, with the package imports', () => {
    const fixture = readFileSync('test/docs/fixtures/mini-router.ts', 'utf8')
      .replace("'../../../src/core.js'", "'flexroute/core'")
      .replace("'../../../src/router.js'", "'flexroute/router'")
      .replace("'../../../src/dialects.js'", "'flexroute/dialects'");
    const shown = codeBlocks(readFileSync('docs/build-your-own.md', 'utf8')).find((block) => block.file === 'mini-router.ts');
    expect(shown?.code.trim()).toBe(fixture.trim());
  });

  it('races flex and commits when flex starts in time', async () => {
    const upstream = await start();
    const res = await miniRouter({ baseUrl: upstream.openaiBaseUrl, apiKey: 'sk-test' })(
      ask({ model: 'gpt-5-mini', input: 'Hello there', start_within: '00h-00m-30s' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-tier')).toBe('flex');
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
    const completed = events(await res.text()).find((e) => e.type === 'response.completed');
    expect(completed?.response?.service_tier).toBe('flex');
    expect(upstream.requests[0]?.body).not.toHaveProperty('start_within');
  });

  it('sends a tier word straight to that tier', async () => {
    const upstream = await start();
    const res = await miniRouter({ baseUrl: upstream.openaiBaseUrl, apiKey: 'sk-test' })(
      ask({ model: 'gpt-5-mini', input: 'Hi', start_within: 'priority' }),
    );
    await res.text();
    expect(res.headers.get('x-flexroute-race')).toBe('none');
    expect(upstream.requests.map((r) => r.requestedTier)).toEqual(['priority']);
  });

  it('moves up to standard at once when flex answers 429', async () => {
    const upstream = await start({ pools: { flex: { rate429: 1 } } });
    const res = await miniRouter({ baseUrl: upstream.openaiBaseUrl, apiKey: 'sk-test' })(
      ask({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-10m-00s' }),
    );
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:status_429');
    expect(res.headers.get('x-flexroute-tier')).toBe('default');
    expect(events(await res.text()).find((e) => e.type === 'response.completed')?.response?.service_tier).toBe('default');
  });

  it('with a FakeClock, falls back exactly at the deadline and aborts flex', async () => {
    const upstream = await start({ pools: { flex: { startDelayMs: 60_000 } } });
    const clock = new FakeClock();
    let settled = false;
    const pending = miniRouter({ baseUrl: upstream.openaiBaseUrl, apiKey: 'sk-test', clock })(
      ask({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-05s' }),
    ).finally(() => {
      settled = true;
    });
    await upstream.waitForRequests(1);
    clock.advance(4_999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(upstream.requests).toHaveLength(1);

    clock.advance(1);
    const res = await pending;
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:timeout');
    expect(res.headers.get('x-flexroute-flex-wait-ms')).toBe('5000');
    await res.text();
    await upstream.waitForFinished(1);
    expect(upstream.requests[0]).toMatchObject({ tier: 'flex', closedByClient: true });
    expect(upstream.requests[1]?.tier).toBe('standard');
  });

  it('ends a committed stream that breaks with a response.failed event', async () => {
    const upstream = await start({ script: (req) => (req.tier === 'flex' ? { outcome: 'cut_after_start', afterContentEvents: 2 } : undefined) });
    const res = await miniRouter({ baseUrl: upstream.openaiBaseUrl, apiKey: 'sk-test' })(
      ask({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' }),
    );
    expect(res.headers.get('x-flexroute-race')).toBe('committed');
    const last = events(await res.text()).at(-1);
    expect(last?.type).toBe('response.failed');
    expect(last?.response?.error?.code).toBe('flex_failed_after_start');
  });

  it('answers refusals as router errors, before any upstream call', async () => {
    const upstream = await start();
    const router = miniRouter({ baseUrl: upstream.openaiBaseUrl, apiKey: 'sk-test' });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ model: 'gpt-5-mini', input: 'Hi', start_within: '30s' }, 400, 'invalid_start_within'],
      [{ model: 'gpt-5-mini', input: 'Hi' }, 400, 'missing_start_within'],
      [{ model: 'gpt-4o', input: 'Hi', start_within: '00h-00m-30s' }, 400, 'model_not_flex_capable'],
      [{ model: 'claude-sonnet-4-5', input: 'Hi', start_within: '00h-00m-30s' }, 400, 'flex_unsupported_for_anthropic'],
      [{ model: 'gemini-2.5-flash', input: 'Hi', start_within: 'default' }, 400, 'unsupported_feature'],
    ];
    for (const [body, status, code] of cases) {
      const res = await router(ask(body));
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('composes with middleware by plain application', async () => {
    const upstream = await start();
    const lines: string[] = [];
    const handler = requireBearer('router-key')(logged((line) => lines.push(line))(miniRouter({ baseUrl: upstream.openaiBaseUrl, apiKey: 'sk-upstream-0042' })));
    const refused = await handler(ask({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default' }));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
    const served = await handler(ask({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default' }, { authorization: 'Bearer router-key' }));
    await served.text();
    expect(served.status).toBe(200);
    expect(lines).toEqual(['POST /v1/responses 200 none']);
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer …0042'); // the router's own key went upstream, not the caller's
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { startCli, stopAll } from './cli-process.js';

// `flexroute simulator` and `flexroute serve --simulate` as a new user runs them: real processes.
afterAll(() => stopAll());

describe('flexroute simulator', () => {
  it('prints the base URLs to export, serves the providers there, and stops on SIGTERM', async () => {
    const cli = startCli(['simulator', '--port', '0', '--preset', 'instant', '--seed', '3']);
    const [, openai] = await cli.waitForOutput(/export FLEXROUTE_OPENAI_BASE_URL=(http:\/\/127\.0\.0\.1:\d+\/v1)/);
    await cli.waitForOutput(/export FLEXROUTE_ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:\d+\n/);
    expect(cli.stdout()).toMatch(/SIMULATED providers, not real ones; preset instant, seed 3/);
    const res = await fetch(`${openai}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer anything' },
      body: JSON.stringify({ model: 'gpt-5-mini', input: 'Hi', service_tier: 'flex' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { service_tier: string }).service_tier).toBe('flex');
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });
});

describe('flexroute serve --simulate', () => {
  it('routes with no keys against an in-process simulator, announced in the banner and on every answer', async () => {
    const cli = startCli(['serve', '--simulate', '--port', '0', '--preset', 'outage']);
    const [, base] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    await cli.waitForOutput(/Ctrl\+C/);
    expect(cli.stdout()).toMatch(/SIMULATED: every provider below is the built-in simulator \(preset outage, seed 1\)/);
    expect(cli.stdout()).toMatch(/openai\s+simulated \(no key needed\)/);
    // The outage preset: flex answers 503, so the race moves up to standard at once.
    const res = await fetch(`${base}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-simulated')).toBe('true');
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:status_5xx');
    const refused = await fetch(`${base}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-flexroute-simulated')).toBe('true');
    await cli.waitForOutput(/fallback, status_5xx/);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });
});

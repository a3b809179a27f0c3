import { afterAll, describe, expect, it } from 'vitest';
import { runCli, stopAll } from './cli-process.js';

afterAll(stopAll);

describe('flexroute demo (real process, small workload)', () => {
  it('routes through the simulator and prints tiers, race outcomes, latency and savings', async () => {
    const result = await runCli(['demo', '--requests', '12', '--concurrency', '6', '--seed', '3']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/Routing 12 requests, 6 at a time… done in [\d.]+ s/);
    expect(out).toMatch(/served tier \(x-flexroute-tier\)/);
    expect(out).toMatch(/^flex\s+\d+\s+\d+ %$/m);
    expect(out).toMatch(/^committed\s+\d+/m);
    expect(out).toMatch(/streaming \(first delta, n=\d+\)\s+\d+/);
    expect(out).toMatch(/^saved\s+\$0\.\d{6} \(\d+\.\d %\)$/m);
    expect(out).toContain('Every request completed.');
  }, 60_000);
});

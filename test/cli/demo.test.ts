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

    // Every number in the headline is counted in the tables.
    const [, raced, committed, timedOut, refused] = /(\d+) of 12 requests could wait and raced for flex: (\d+) started on flex in time, (\d+) moved up to standard when their window closed, and (\d+) moved up at once/.exec(out)!.map(Number);
    const raceCount = (race: string) => Number(new RegExp(`^${race}\\s+(\\d+)`, 'm').exec(out)?.[1] ?? 0);
    const allRaces = [...out.matchAll(/^(committed|fallback:\S+|passthrough)\s+(\d+)/gm)].reduce((sum, m) => sum + Number(m[2]), 0);
    expect(committed).toBe(raceCount('committed'));
    expect(timedOut).toBe(raceCount('fallback:timeout'));
    expect(raced).toBe(allRaces);
    expect(refused).toBe(raced! - committed! - timedOut!);
    // One cost row per idea, one sample exchange with its headers, and where to go next.
    expect(out).not.toContain('baseline run (all "default", its own tokens)');
    expect(out).toMatch(/→ 200 {2}x-flexroute-tier: \w+ {2}x-flexroute-race: \S+ {2}x-flexroute-flex-wait-ms: \d+/);
    expect(out).toContain('npx flexroute serve --simulate');
    // Any format to any provider, through the official SDKs, answered in the caller's own shape.
    expect(out).toMatch(/^Anthropic Messages → gpt-5-mini \(openai\)\s+message msg_\S+ "Echo: Say hello/m);
    expect(out).toMatch(/^Anthropic Messages → gemini-2\.5-flash \(gemini\)\s+message msg_\S+ "Echo: Say hello/m);
    expect(out).toMatch(/^Gemini Interactions → gpt-5-mini \(openai\)\s+interaction completed "Echo: Say hello/m);
    expect(out).toMatch(/^OpenAI Responses → claude-sonnet-4-5 \(anthropic\)\s+response resp_\S+ "Echo: Say hello/m);
  }, 60_000);

  it('--json prints one document whose numbers are the report\'s', async () => {
    const result = await runCli(['demo', '--requests', '6', '--concurrency', '6', '--seed', '3', '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { summary: { total: number; byRace: { count: number }[] }; crossFormat: { ok: boolean }[]; sample: { tier: string } };
    expect(doc.summary.total).toBe(6);
    expect(doc.crossFormat).toHaveLength(4);
    expect(doc.crossFormat.every((r) => r.ok)).toBe(true);
    expect(doc.sample.tier).toBeTruthy();
  }, 60_000);

  it('--window sets the start_within of every request that can wait', async () => {
    const result = await runCli(['demo', '--requests', '6', '--concurrency', '6', '--seed', '3', '--window', '00h-00m-07s']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('start_within "00h-00m-07s", "default", "priority", "auto"');
    expect(result.stdout).not.toContain('00h-00m-05s');
  }, 60_000);
});

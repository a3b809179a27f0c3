import { describe, expect, it } from 'vitest';
import { costUsd, defaultCatalog } from '../../src/core/catalog/index.js';
import { formatReport } from '../../src/cli/demo/report.js';
import type { Observation } from '../../src/cli/demo/send.js';
import { summarise } from '../../src/cli/demo/summary.js';
import { asBaseline, buildWorkload, START_WITHIN_MIX, type WorkItem } from '../../src/cli/demo/workload.js';

const usage = { inputTokens: 1_000, cachedInputTokens: 0, outputTokens: 2_000 };

function observation(fields: Partial<Observation> & { startWithin?: string; stream?: boolean }): Observation {
  const item: WorkItem = { id: 1, api: 'responses', stream: fields.stream ?? false, model: 'gpt-5-mini', startWithin: fields.startWithin ?? '00h-00m-05s', prompt: 'Hi' };
  return { item, ok: true, status: 200, tier: 'flex', race: 'committed', flexWaitMs: 100, firstTokenMs: 100, totalMs: 200, usage, ...fields };
}

describe('demo workload', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(buildWorkload(40, 3)).toEqual(buildWorkload(40, 3));
    expect(buildWorkload(40, 3)).not.toEqual(buildWorkload(40, 4));
  });

  it('mixes every start_within form, both APIs and both modes', () => {
    const items = buildWorkload(200, 1);
    for (const [value] of START_WITHIN_MIX) expect(items.some((i) => i.startWithin === value)).toBe(true);
    expect(new Set(items.map((i) => i.api))).toEqual(new Set(['responses', 'chat']));
    expect(new Set(items.map((i) => i.stream))).toEqual(new Set([true, false]));
  });

  it('baseline keeps every request and sends each on default', () => {
    const items = buildWorkload(30, 2);
    const baseline = asBaseline(items);
    expect(baseline.map(({ startWithin, ...rest }) => rest)).toEqual(items.map(({ startWithin, ...rest }) => rest));
    expect(baseline.every((i) => i.startWithin === 'default')).toBe(true);
  });
});

describe('demo summary', () => {
  const prices = defaultCatalog.lookup('gpt-5-mini')!.entry!.prices!;
  const routed = [
    observation({}),
    observation({ flexWaitMs: 300 }),
    observation({ tier: 'default', race: 'fallback:timeout', flexWaitMs: 5_000, firstTokenMs: 5_400 }),
    observation({ tier: 'priority', race: 'none', flexWaitMs: 0, startWithin: 'priority' }),
    observation({ ok: false, status: 0, tier: '', race: '', usage: undefined, firstTokenMs: Number.NaN, error: 'Connection error.' }),
  ];
  const baseline = routed.map((o) => ({ ...o, ok: true, tier: 'default', race: 'none', usage, firstTokenMs: 50 }));

  it('counts served tiers and race outcomes, racing requests only in the latter', () => {
    const summary = summarise(routed, baseline);
    expect(summary.total).toBe(5);
    expect(summary.failed).toBe(1);
    expect(summary.byTier).toEqual([['flex', 2], ['(failed)', 1], ['default', 1], ['priority', 1]]);
    expect(summary.byRace).toEqual([
      { race: 'committed', count: 2, medianFlexWaitMs: 100 },
      { race: 'fallback:timeout', count: 1, medianFlexWaitMs: 5_000 },
    ]);
    expect(summary.errors).toEqual([['Connection error.', 1]]);
  });

  it('prices flex at half of standard and counts the difference as saved', () => {
    const { cost } = summarise(routed, baseline);
    const standard = costUsd(usage, prices, 'standard');
    expect(cost.allStandardUsd).toBeCloseTo(4 * standard, 12);
    expect(cost.routedUsd).toBeCloseTo(2 * costUsd(usage, prices, 'flex') + 2 * standard, 12);
    expect(cost.savedUsd).toBeCloseTo(standard, 12); // two flex requests, each saving half
    expect(cost.baselineRunUsd).toBeCloseTo(5 * standard, 12);
  });

  it('puts latency percentiles of successful requests next to the baseline', () => {
    const [, whole] = summarise(routed, baseline).latency;
    expect(whole).toEqual({ mode: 'whole', routed: { p50: 100, p95: 5_400, count: 4 }, baseline: { p50: 50, p95: 50, count: 5 } });
  });

  it('reports the timeouts and the failure in the printed tables', () => {
    const text = formatReport(summarise(routed, baseline));
    expect(text).toMatch(/fallback:timeout\s+1\s+5000\s+flex had not started when the window closed/);
    expect(text).toMatch(/saved\s+\$0\.\d+ \(\d+\.\d %\)/);
    expect(text).toContain('1 request(s) failed');
    expect(text).toMatch(/Connection error\.\s+1/);
  });
});

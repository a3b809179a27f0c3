import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  costUsd,
  createCatalog,
  defaultCatalog,
  type ModelEntry,
  type ModelPrices,
  type Usage,
} from '../../src/core/catalog/index.js';

/** SPEC §3.3, copied independently of the catalog data. */
const SPEC_FLEX_OPENAI = [
  'gpt-5.5', 'gpt-5.5-pro', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4-nano', 'gpt-5.4-pro', 'gpt-5.2', 'gpt-5.2-pro',
  'gpt-5.1', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o3', 'o4-mini',
];
const SPEC_FLEX_GEMINI = [
  'gemini-3.5-flash', 'gemini-3.1-pro-preview', 'gemini-3.1-flash-lite', 'gemini-3-flash-preview',
  'gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite',
];

describe('default catalog data', () => {
  const entries = defaultCatalog.entries();

  it('marks exactly the SPEC §3.3 models as flex-capable', () => {
    const flex = entries.filter((e) => e.flex);
    expect(flex.filter((e) => e.provider === 'openai').map((e) => e.id).sort()).toEqual([...SPEC_FLEX_OPENAI].sort());
    expect(flex.filter((e) => e.provider === 'gemini').map((e) => e.id).sort()).toEqual([...SPEC_FLEX_GEMINI].sort());
    expect(flex.filter((e) => e.provider === 'anthropic')).toEqual([]);
  });

  it('has common non-flex models of every provider', () => {
    for (const id of ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'claude-opus-4-8', 'claude-sonnet-4-5', 'claude-haiku-4-5']) {
      const match = defaultCatalog.lookup(id);
      expect(match?.entry?.id, id).toBe(id);
      expect(match?.entry?.flex).toBe(false);
    }
  });

  it('gives every entry sane, dated, sourced prices', () => {
    for (const entry of entries) {
      const p = entry.prices;
      expect(p, entry.id).toBeDefined();
      if (!p) continue;
      for (const n of [p.input, p.cachedInput, p.output]) expect(Number.isFinite(n) && n > 0).toBe(true);
      expect(p.cachedInput).toBeLessThanOrEqual(p.input);
      expect(p.output).toBeGreaterThanOrEqual(p.input);
      expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.source.length).toBeGreaterThan(0);
    }
  });

  it('ids and aliases are unique across the table, and match their provider family', () => {
    const seen = new Set<string>();
    const family: Record<string, RegExp> = { openai: /^(gpt-|o\d)/, gemini: /^gemini-/, anthropic: /^claude-/ };
    for (const entry of entries) {
      for (const name of [entry.id, ...entry.aliases]) {
        expect(seen.has(name), name).toBe(false);
        seen.add(name);
        expect(name).toMatch(family[entry.provider]!);
      }
    }
  });
});

describe('lookup', () => {
  it('finds every id and alias of the table, O(1) exact', () => {
    for (const entry of defaultCatalog.entries()) {
      for (const name of [entry.id, ...entry.aliases]) {
        expect(defaultCatalog.lookup(name)).toEqual({ provider: entry.provider, entry });
      }
    }
  });

  it('resolves dated snapshots to their model', () => {
    expect(defaultCatalog.lookup('gpt-5-2025-08-07')?.entry?.id).toBe('gpt-5');
    expect(defaultCatalog.lookup('gpt-5-mini-2025-08-07')?.entry?.id).toBe('gpt-5-mini');
    expect(defaultCatalog.lookup('gpt-5-nano-2025-08-07')?.entry?.id).toBe('gpt-5-nano');
    expect(defaultCatalog.lookup('o3-2025-04-16')?.entry?.id).toBe('o3');
    expect(defaultCatalog.lookup('o4-mini-2025-04-16')?.entry?.id).toBe('o4-mini');
    expect(defaultCatalog.lookup('gpt-5.1-2025-11-13')?.entry?.id).toBe('gpt-5.1');
    expect(defaultCatalog.lookup('claude-sonnet-4-5-20250929')?.entry?.id).toBe('claude-sonnet-4-5');
  });

  it('falls back to the family prefix, without an entry (so not flex-capable)', () => {
    const cases: [string, string][] = [
      ['gpt-7-turbo', 'openai'],
      ['chatgpt-4o-latest', 'openai'],
      ['o1-preview', 'openai'],
      ['o3-deep-research', 'openai'],
      ['o4-mini-deep-research', 'openai'],
      ['gemini-9-ultra', 'gemini'],
      ['claude-3-5-haiku-latest', 'anthropic'],
    ];
    for (const [model, provider] of cases) {
      expect(defaultCatalog.lookup(model)).toEqual({ provider });
    }
  });

  it('any string with a family prefix resolves to that family', () => {
    const prefixes: [string, string][] = [['gpt-', 'openai'], ['chatgpt-', 'openai'], ['o1', 'openai'], ['o3', 'openai'], ['o4', 'openai'], ['gemini-', 'gemini'], ['claude-', 'anthropic']];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.string({ maxLength: 12 }), ([prefix, provider], rest) => {
        expect(defaultCatalog.lookup(prefix + rest)?.provider).toBe(provider);
      }),
    );
  });

  it('returns undefined for ids no provider claims', () => {
    for (const model of ['', 'llama-3-70b', 'mistral-large', 'GPT-5', 'Gemini-2.5-flash', ' gpt-5', 'o2', 'claude', 'models/gpt-5']) {
      expect(defaultCatalog.lookup(model), model).toBeUndefined();
    }
  });

  it('resolves a Gemini id given as "models/…"', () => {
    const flash = defaultCatalog.lookup('gemini-2.5-flash');
    expect(defaultCatalog.lookup('models/gemini-2.5-flash')).toEqual(flash);
    expect(defaultCatalog.lookup('models/gemini-next')).toEqual({ provider: 'gemini' });
  });
});

describe('createCatalog options', () => {
  const custom: ModelEntry = { id: 'my-model', aliases: ['my-model-v1'], provider: 'openai', flex: true };

  it('extend adds entries and keeps the defaults', () => {
    const catalog = createCatalog({ extend: [custom] });
    expect(catalog.lookup('my-model')?.entry).toEqual(custom);
    expect(catalog.lookup('my-model-v1')?.entry).toEqual(custom);
    expect(catalog.lookup('gpt-5')?.entry?.id).toBe('gpt-5');
    expect(catalog.entries().length).toBe(defaultCatalog.entries().length + 1);
  });

  it('extend overrides by id', () => {
    const cheaper: ModelEntry = {
      id: 'gpt-4o',
      aliases: ['gpt-4o-custom'],
      provider: 'openai',
      flex: true,
      prices: { input: 1, cachedInput: 0.5, output: 4, source: 'contract', date: '2026-01-01' },
    };
    const catalog = createCatalog({ extend: [cheaper] });
    expect(catalog.lookup('gpt-4o')?.entry).toEqual(cheaper);
    expect(catalog.lookup('gpt-4o-custom')?.entry).toEqual(cheaper);
    expect(catalog.entries().filter((e) => e.id === 'gpt-4o')).toHaveLength(1);
    // The old entry's aliases go with it.
    expect(catalog.lookup('gpt-4o-2024-08-06')?.entry).toBeUndefined();
  });

  it('entries replaces the table; family prefixes still resolve', () => {
    const catalog = createCatalog({ entries: [custom] });
    expect(catalog.entries()).toEqual([custom]);
    expect(catalog.lookup('gpt-5')).toEqual({ provider: 'openai' });
    expect(catalog.lookup('my-model')?.entry).toEqual(custom);
  });

  it('a canonical id wins over another entry\'s alias', () => {
    const clash: ModelEntry = { id: 'other', aliases: ['gpt-5'], provider: 'gemini', flex: false };
    expect(createCatalog({ extend: [clash] }).lookup('gpt-5')?.entry?.id).toBe('gpt-5');
  });

  it('the default catalog is unaffected by other catalogs', () => {
    createCatalog({ extend: [custom] });
    expect(defaultCatalog.lookup('my-model')).toBeUndefined();
  });
});

describe('costUsd', () => {
  const prices: ModelPrices = { input: 1.25, cachedInput: 0.125, output: 10, source: 'test', date: '2026-01-01' };
  const usage = fc
    .record({
      inputTokens: fc.integer({ min: 0, max: 2_000_000 }),
      cachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      outputTokens: fc.integer({ min: 0, max: 200_000 }),
      reasoningShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ inputTokens, cachedShare, outputTokens, reasoningShare }): Usage => ({
      inputTokens,
      cachedInputTokens: Math.floor(inputTokens * cachedShare),
      outputTokens,
      reasoningTokens: Math.floor(outputTokens * reasoningShare),
    }));
  const anyPrices = fc
    .record({
      input: fc.double({ min: 0.01, max: 100, noNaN: true }),
      cachedFactor: fc.double({ min: 0, max: 1, noNaN: true }),
      output: fc.double({ min: 0.01, max: 200, noNaN: true }),
    })
    .map(({ input, cachedFactor, output }): ModelPrices => ({ input, cachedInput: input * cachedFactor, output, source: 'x', date: '2026-01-01' }));

  it('bills uncached input, cached input and output at their own rates', () => {
    const cost = costUsd({ inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 100_000 }, prices, 'standard');
    expect(cost).toBeCloseTo(0.6 * 1.25 + 0.4 * 0.125 + 0.1 * 10, 12);
  });

  it('flex is exactly half of standard', () => {
    fc.assert(
      fc.property(usage, anyPrices, (u, p) => {
        expect(costUsd(u, p, 'flex')).toBe(costUsd(u, p, 'standard') / 2);
      }),
    );
  });

  it('reasoning tokens are part of output, not billed twice', () => {
    fc.assert(
      fc.property(usage, (u) => {
        expect(costUsd(u, prices, 'standard')).toBe(costUsd({ ...u, reasoningTokens: 0 }, prices, 'standard'));
      }),
    );
  });

  it('caching never costs more, and cost grows with tokens', () => {
    fc.assert(
      fc.property(usage, anyPrices, (u, p) => {
        const uncached = costUsd({ ...u, cachedInputTokens: 0 }, p, 'standard');
        expect(costUsd(u, p, 'standard')).toBeLessThanOrEqual(uncached + 1e-12);
        expect(costUsd({ ...u, outputTokens: u.outputTokens + 1000 }, p, 'standard')).toBeGreaterThan(costUsd(u, p, 'standard'));
      }),
    );
  });

  it('zero usage costs nothing; a cached count above the input is capped', () => {
    expect(costUsd({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 }, prices, 'standard')).toBe(0);
    expect(costUsd({ inputTokens: 100, cachedInputTokens: 500, outputTokens: 0 }, prices, 'standard')).toBeCloseTo(
      (100 * 0.125) / 1_000_000,
      15,
    );
  });

  it('prices a real default entry', () => {
    const mini = defaultCatalog.lookup('gpt-5-mini')?.entry?.prices;
    expect(mini).toBeDefined();
    const cost = costUsd({ inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 1_000_000 }, mini!, 'flex');
    expect(cost).toBeCloseTo((mini!.input + mini!.output) / 2, 12);
  });
});

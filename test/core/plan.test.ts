import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCatalog, defaultCatalog, type ModelEntry } from '../../src/core/catalog/index.js';
import { RouterError } from '../../src/core/errors.js';
import { resolvePlan, type Plan } from '../../src/core/plan.js';
import type { ProviderId, StartWithin } from '../../src/core/types.js';
import { CALLER_SHAPES } from '../../src/dialects/caller-shapes.js';

/**
 * SPEC §3.4, written out again here, independently of src/core/plan.ts:
 * what each (provider, start_within, flex-capable?) cell must give.
 */
type Expected = { tier: string } | { race: 'default' | 'standard' } | { error: string };

function expectedCell(provider: ProviderId, sw: StartWithin, flexCapable: boolean): Expected {
  const table: Record<ProviderId, Record<'default' | 'priority' | 'auto' | 'flexModel' | 'otherModel', Expected>> = {
    openai: {
      default: { tier: 'default' },
      priority: { tier: 'priority' },
      auto: { tier: 'auto' },
      flexModel: { race: 'default' },
      otherModel: { error: 'model_not_flex_capable' },
    },
    gemini: {
      default: { tier: 'standard' },
      priority: { tier: 'priority' },
      auto: { error: 'auto_unsupported_for_gemini' },
      flexModel: { race: 'standard' },
      otherModel: { error: 'model_not_flex_capable' },
    },
    anthropic: {
      default: { tier: 'standard_only' },
      priority: { tier: 'auto' },
      auto: { tier: 'auto' },
      flexModel: { error: 'flex_unsupported_for_anthropic' },
      otherModel: { error: 'flex_unsupported_for_anthropic' },
    },
  };
  const column = sw.kind === 'tier' ? sw.tier : flexCapable ? 'flexModel' : 'otherModel';
  return table[provider][column];
}

function outcome(run: () => Plan): Plan | RouterError {
  try {
    return run();
  } catch (err) {
    expect(err).toBeInstanceOf(RouterError);
    return err as RouterError;
  }
}

const tierWord = fc.constantFrom<StartWithin>(
  { kind: 'tier', tier: 'default' },
  { kind: 'tier', tier: 'priority' },
  { kind: 'tier', tier: 'auto' },
);
const raceWindow = fc.integer({ min: 5, max: 600 }).map((s): StartWithin => ({ kind: 'race', windowMs: s * 1000 }));
const startWithin = fc.oneof(tierWord, raceWindow);

/** Models from the catalog (ids and aliases), and unknown ones with a family prefix. */
const catalogModel = fc.constantFrom(...defaultCatalog.entries().flatMap((e) => [e.id, ...e.aliases]));
const prefixedUnknown = fc
  .tuple(fc.constantFrom('gpt-', 'chatgpt-', 'o1', 'o3', 'o4', 'gemini-', 'claude-'), fc.stringMatching(/^[a-z0-9.-]{0,12}$/))
  .map(([prefix, rest]) => `${prefix}${rest}-unlisted`);
const model = fc.oneof(catalogModel, prefixedUnknown, fc.constant('models/gemini-2.5-flash'));

describe('resolvePlan matches the SPEC §3.4 table', () => {
  it('for every model family × start_within, with a token cap', () => {
    fc.assert(
      fc.property(model, startWithin, (m, sw) => {
        const match = defaultCatalog.lookup(m);
        expect(match).toBeDefined();
        const provider = match!.provider;
        const expected = expectedCell(provider, sw, match!.entry?.flex === true);
        const got = outcome(() => resolvePlan({ model: m, startWithin: sw, hasTokenCap: true }));
        if ('error' in expected) {
          expect(got).toBeInstanceOf(RouterError);
          const err = got as RouterError;
          expect(err.code).toBe(expected.error);
          expect(err.status).toBe(400);
          return;
        }
        expect(got).not.toBeInstanceOf(RouterError);
        const plan = got as Plan;
        expect(plan.provider).toBe(provider);
        expect(plan.model).toBe(m.replace(/^models\//, ''));
        if ('tier' in expected) {
          expect(plan).toMatchObject({ kind: 'direct', tier: expected.tier });
        } else {
          expect(plan).toMatchObject({
            kind: 'race',
            flexTier: 'flex',
            fallbackTier: expected.race,
            windowMs: (sw as { windowMs: number }).windowMs,
          });
          expect(plan.kind === 'race' && plan.entry.flex).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('Anthropic without a token cap: missing_max_tokens, checked after the tier rules', () => {
    fc.assert(
      fc.property(fc.constantFrom('claude-sonnet-4-5', 'claude-opus-4-8', 'claude-next-unlisted'), startWithin, (m, sw) => {
        const err = outcome(() => resolvePlan({ model: m, startWithin: sw, hasTokenCap: false }));
        expect(err).toBeInstanceOf(RouterError);
        expect((err as RouterError).code).toBe(sw.kind === 'race' ? 'flex_unsupported_for_anthropic' : 'missing_max_tokens');
      }),
    );
  });

  it('OpenAI and Gemini do not need a token cap', () => {
    fc.assert(
      fc.property(fc.constantFrom('gpt-5-mini', 'gemini-2.5-flash'), startWithin, (m, sw) => {
        const capped = outcome(() => resolvePlan({ model: m, startWithin: sw, hasTokenCap: true }));
        const uncapped = outcome(() => resolvePlan({ model: m, startWithin: sw, hasTokenCap: false }));
        expect(uncapped).toEqual(capped);
      }),
    );
  });

  it('unknown_model comes first, whatever else is wrong', () => {
    fc.assert(
      fc.property(fc.constantFrom('llama-3', 'mistral-large', '', 'GPT-5'), startWithin, fc.boolean(), (m, sw, cap) => {
        const err = outcome(() => resolvePlan({ model: m, startWithin: sw, hasTokenCap: cap }));
        expect(err).toBeInstanceOf(RouterError);
        expect((err as RouterError).code).toBe('unknown_model');
        expect((err as RouterError).param).toBe('model');
      }),
    );
  });
});

describe('resolvePlan details', () => {
  it('a race plan carries the catalog entry and the window', () => {
    const plan = resolvePlan({ model: 'gpt-5-mini-2025-08-07', startWithin: { kind: 'race', windowMs: 30_000 }, hasTokenCap: false });
    expect(plan).toEqual({
      kind: 'race',
      provider: 'openai',
      model: 'gpt-5-mini-2025-08-07',
      entry: defaultCatalog.lookup('gpt-5-mini')!.entry,
      windowMs: 30_000,
      flexTier: 'flex',
      fallbackTier: 'default',
    });
  });

  it('a direct plan for a prefix-only model has no entry', () => {
    const plan = resolvePlan({ model: 'gpt-9', startWithin: { kind: 'tier', tier: 'priority' }, hasTokenCap: false });
    expect(plan).toEqual({ kind: 'direct', provider: 'openai', model: 'gpt-9', tier: 'priority' });
  });

  it('uses the catalog it is given', () => {
    const catalog = createCatalog({
      extend: [{ id: 'gpt-4o', aliases: [], provider: 'openai', flex: true } satisfies ModelEntry],
    });
    const sw: StartWithin = { kind: 'race', windowMs: 10_000 };
    expect(resolvePlan({ model: 'gpt-4o', startWithin: sw, hasTokenCap: false }, catalog).kind).toBe('race');
    expect(() => resolvePlan({ model: 'gpt-4o', startWithin: sw, hasTokenCap: false })).toThrow(RouterError);
  });

  it('error messages name the model and the window, and suggest what works', () => {
    const notFlex = outcome(() =>
      resolvePlan({ model: 'gpt-4.1', startWithin: { kind: 'race', windowMs: 90_000 }, hasTokenCap: false }),
    ) as RouterError;
    expect(notFlex.code).toBe('model_not_flex_capable');
    expect(notFlex.message).toContain('"gpt-4.1"');
    expect(notFlex.message).toContain('"00h-01m-30s"');
    expect(notFlex.message).toContain('"default"');

    const gemini = outcome(() =>
      resolvePlan({ model: 'gemini-2.5-pro', startWithin: { kind: 'tier', tier: 'auto' }, hasTokenCap: false }),
    ) as RouterError;
    expect(gemini.code).toBe('auto_unsupported_for_gemini');
    expect(gemini.param).toBe('start_within');

    const cap = outcome(() =>
      resolvePlan({ model: 'claude-haiku-4-5', startWithin: { kind: 'tier', tier: 'default' }, hasTokenCap: false, format: CALLER_SHAPES['openai-chat'] }),
    ) as RouterError;
    expect(cap.code).toBe('missing_max_tokens');
    expect(cap.message).toContain('max_completion_tokens');
  });
});

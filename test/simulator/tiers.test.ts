/**
 * Tier tables: which pool a requested tier lands in and what each provider reports once served;
 * values a provider does not know are refused (the dialects answer 400).
 */
import { describe, expect, it } from 'vitest';
import { poolForTier, reportedTier } from '../../src/simulator/index.js';
import { ANTHROPIC_TIERS, GEMINI_TIERS, OPENAI_TIERS, routeTier } from '../../src/simulator/tiers.js';

describe('tier tables', () => {
  it('OpenAI: flex and priority have their pools; default, auto, scale and none are standard, reported default', () => {
    expect(['flex', 'priority', 'default', 'auto', 'scale', undefined].map((t) => [poolForTier(t), reportedTier(t)])).toEqual([
      ['flex', 'flex'],
      ['priority', 'priority'],
      ['standard', 'default'],
      ['standard', 'default'],
      ['standard', 'default'],
      ['standard', 'default'],
    ]);
    expect(routeTier(OPENAI_TIERS, 'standard')).toBeUndefined();
  });

  it('Gemini: flex, standard, priority under their own names; auto and unknown values are refused', () => {
    for (const dialect of ['gemini-generate', 'gemini-interactions'] as const) {
      expect(['flex', 'standard', 'priority', undefined].map((t) => [poolForTier(t, dialect), reportedTier(t, dialect)])).toEqual([
        ['flex', 'flex'],
        ['standard', 'standard'],
        ['priority', 'priority'],
        ['standard', 'standard'],
      ]);
    }
    for (const refused of ['auto', 'default', 'FLEX', 'deferred', 3, '']) expect(routeTier(GEMINI_TIERS, refused)).toBeUndefined();
  });

  it('Anthropic: auto and standard_only both run on standard and report standard; flex is refused', () => {
    expect(['auto', 'standard_only', undefined].map((t) => routeTier(ANTHROPIC_TIERS, t))).toEqual([
      { pool: 'standard', reported: 'standard' },
      { pool: 'standard', reported: 'standard' },
      { pool: 'standard', reported: 'standard' },
    ]);
    expect(routeTier(ANTHROPIC_TIERS, 'flex')).toBeUndefined();
    expect(routeTier(ANTHROPIC_TIERS, 'toString')).toBeUndefined(); // no prototype keys
  });
});

/**
 * The default model table (SPEC §3.3). The flex-capable lists of OpenAI and Gemini are copied
 * from the spec exactly; everything else is here so common models get prices and a known
 * provider without relying on the family-prefix fallback.
 */
import type { ProviderId } from '../types.js';
import { DEFAULT_PRICES } from './prices.js';
import type { ModelEntry } from './types.js';

/** `[id, provider, flex-capable, aliases]`. */
type ModelRow = readonly [string, ProviderId, boolean, readonly string[]];

const ROWS: readonly ModelRow[] = [
  // OpenAI, flex-capable
  ['gpt-5.5', 'openai', true, ['gpt-5.5-2026-04-23']],
  ['gpt-5.5-pro', 'openai', true, []],
  ['gpt-5.4', 'openai', true, ['gpt-5.4-2026-03-05']],
  ['gpt-5.4-mini', 'openai', true, ['gpt-5.4-mini-2026-03-17']],
  ['gpt-5.4-nano', 'openai', true, ['gpt-5.4-nano-2026-03-17']],
  ['gpt-5.4-pro', 'openai', true, []],
  ['gpt-5.2', 'openai', true, ['gpt-5.2-2025-12-11']],
  ['gpt-5.2-pro', 'openai', true, ['gpt-5.2-pro-2025-12-11']],
  ['gpt-5.1', 'openai', true, ['gpt-5.1-2025-11-13']],
  ['gpt-5', 'openai', true, ['gpt-5-2025-08-07']],
  ['gpt-5-mini', 'openai', true, ['gpt-5-mini-2025-08-07']],
  ['gpt-5-nano', 'openai', true, ['gpt-5-nano-2025-08-07']],
  ['o3', 'openai', true, ['o3-2025-04-16']],
  ['o4-mini', 'openai', true, ['o4-mini-2025-04-16']],
  // OpenAI, standard only
  ['gpt-5-pro', 'openai', false, ['gpt-5-pro-2025-10-06']],
  ['gpt-4.1', 'openai', false, ['gpt-4.1-2025-04-14']],
  ['gpt-4.1-mini', 'openai', false, ['gpt-4.1-mini-2025-04-14']],
  ['gpt-4.1-nano', 'openai', false, ['gpt-4.1-nano-2025-04-14']],
  ['gpt-4o', 'openai', false, ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20']],
  ['gpt-4o-mini', 'openai', false, ['gpt-4o-mini-2024-07-18']],
  ['o3-pro', 'openai', false, ['o3-pro-2025-06-10']],
  ['o3-mini', 'openai', false, ['o3-mini-2025-01-31']],
  ['o1', 'openai', false, ['o1-2024-12-17']],
  // Gemini, flex-capable
  ['gemini-3.5-flash', 'gemini', true, []],
  ['gemini-3.1-pro-preview', 'gemini', true, []],
  ['gemini-3.1-flash-lite', 'gemini', true, []],
  ['gemini-3-flash-preview', 'gemini', true, []],
  ['gemini-2.5-pro', 'gemini', true, []],
  ['gemini-2.5-flash', 'gemini', true, []],
  ['gemini-2.5-flash-lite', 'gemini', true, []],
  // Gemini, standard only
  ['gemini-2.0-flash', 'gemini', false, ['gemini-2.0-flash-001']],
  // Anthropic: no flex tier at all
  ['claude-opus-4-8', 'anthropic', false, []],
  ['claude-opus-4-7', 'anthropic', false, []],
  ['claude-opus-4-6', 'anthropic', false, []],
  ['claude-opus-4-5', 'anthropic', false, ['claude-opus-4-5-20251101']],
  ['claude-opus-4-1', 'anthropic', false, ['claude-opus-4-1-20250805']],
  ['claude-sonnet-4-6', 'anthropic', false, []],
  ['claude-sonnet-4-5', 'anthropic', false, ['claude-sonnet-4-5-20250929']],
  ['claude-sonnet-4-0', 'anthropic', false, ['claude-sonnet-4-20250514']],
  ['claude-haiku-4-5', 'anthropic', false, ['claude-haiku-4-5-20251001']],
];

/** The built-in catalog entries, prices attached where known. */
export const DEFAULT_MODELS: readonly ModelEntry[] = ROWS.map(([id, provider, flex, aliases]) => {
  const prices = DEFAULT_PRICES[id];
  return prices ? { id, aliases, provider, flex, prices } : { id, aliases, provider, flex };
});

/**
 * Standard-tier list prices, USD per 1M tokens, keyed by canonical model id.
 * Kept apart from the model list so a price update never touches routing data.
 * Prices a public pricing page confirmed name it in `source`; the others say "estimate".
 */
import type { ModelPrices } from './types.js';

const OPENAI = 'developers.openai.com/api/docs/pricing';
const GEMINI = 'ai.google.dev/gemini-api/docs/pricing';
const ANTHROPIC = 'docs.anthropic.com/en/docs/about-claude/pricing';

/** `[input, cachedInput, output, source, date]` per id: one line per model reads like the price page. */
type PriceRow = readonly [number, number, number, string, string];

const ROWS: Readonly<Record<string, PriceRow>> = {
  // OpenAI, flex-capable
  'gpt-5.5': [5, 0.5, 30, OPENAI, '2026-06-04'],
  'gpt-5.5-pro': [30, 30, 180, `${OPENAI} (no cached-input discount listed)`, '2026-06-04'],
  'gpt-5.4': [2.5, 0.25, 15, OPENAI, '2026-06-04'],
  'gpt-5.4-mini': [0.75, 0.075, 4.5, OPENAI, '2026-06-04'],
  'gpt-5.4-nano': [0.2, 0.02, 1.25, OPENAI, '2026-06-04'],
  'gpt-5.4-pro': [30, 30, 180, `${OPENAI} (no cached-input discount listed)`, '2026-06-04'],
  'gpt-5.2': [1.75, 0.175, 14, OPENAI, '2026-03-01'],
  'gpt-5.2-pro': [21, 21, 168, `${OPENAI}; estimate (no cached-input discount listed)`, '2026-03-01'],
  'gpt-5.1': [1.25, 0.125, 10, OPENAI, '2025-11-13'],
  'gpt-5': [1.25, 0.125, 10, OPENAI, '2025-08-07'],
  'gpt-5-mini': [0.25, 0.025, 2, OPENAI, '2025-08-07'],
  'gpt-5-nano': [0.05, 0.005, 0.4, OPENAI, '2025-08-07'],
  o3: [2, 0.5, 8, OPENAI, '2025-06-10'],
  'o4-mini': [1.1, 0.275, 4.4, OPENAI, '2025-04-16'],
  // OpenAI, standard only
  'gpt-5-pro': [15, 15, 120, `${OPENAI}; estimate`, '2025-10-06'],
  'gpt-4.1': [2, 0.5, 8, OPENAI, '2025-04-14'],
  'gpt-4.1-mini': [0.4, 0.1, 1.6, OPENAI, '2025-04-14'],
  'gpt-4.1-nano': [0.1, 0.025, 0.4, OPENAI, '2025-04-14'],
  'gpt-4o': [2.5, 1.25, 10, OPENAI, '2024-11-20'],
  'gpt-4o-mini': [0.15, 0.075, 0.6, OPENAI, '2024-07-18'],
  'o3-pro': [20, 20, 80, `${OPENAI}; estimate`, '2025-06-10'],
  'o3-mini': [1.1, 0.55, 4.4, OPENAI, '2025-01-31'],
  o1: [15, 7.5, 60, OPENAI, '2024-12-17'],
  // Gemini, flex-capable (prompts up to 200k tokens where Gemini prices by prompt length)
  'gemini-3.5-flash': [1.5, 0.15, 9, GEMINI, '2026-05-20'],
  'gemini-3.1-pro-preview': [2, 0.2, 12, GEMINI, '2026-03-22'],
  'gemini-3.1-flash-lite': [0.25, 0.025, 1.5, GEMINI, '2026-05-12'],
  'gemini-3-flash-preview': [0.5, 0.05, 3, GEMINI, '2026-07-04'],
  'gemini-2.5-pro': [1.25, 0.125, 10, GEMINI, '2025-11-01'],
  'gemini-2.5-flash': [0.3, 0.03, 2.5, GEMINI, '2025-11-01'],
  'gemini-2.5-flash-lite': [0.1, 0.01, 0.4, GEMINI, '2025-11-01'],
  // Gemini, standard only
  'gemini-2.0-flash': [0.1, 0.025, 0.4, `${GEMINI}; estimate`, '2025-11-01'],
  // Anthropic (cachedInput = cache read; cache writes are billed as input here)
  'claude-opus-4-8': [5, 0.5, 25, `${ANTHROPIC}; estimate (same rate card as Opus 4.7)`, '2026-06-15'],
  'claude-opus-4-7': [5, 0.5, 25, `${ANTHROPIC}; estimate`, '2026-06-15'],
  'claude-opus-4-6': [5, 0.5, 25, `${ANTHROPIC}; estimate`, '2026-06-15'],
  'claude-opus-4-5': [5, 0.5, 25, ANTHROPIC, '2025-11-24'],
  'claude-opus-4-1': [15, 1.5, 75, ANTHROPIC, '2025-08-05'],
  'claude-sonnet-4-6': [3, 0.3, 15, `${ANTHROPIC}; estimate`, '2026-06-15'],
  'claude-sonnet-4-5': [3, 0.3, 15, ANTHROPIC, '2025-09-29'],
  'claude-sonnet-4-0': [3, 0.3, 15, ANTHROPIC, '2025-05-22'],
  'claude-haiku-4-5': [1, 0.1, 5, ANTHROPIC, '2025-10-15'],
};

/** Prices by canonical id. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrices>> = Object.fromEntries(
  Object.entries(ROWS).map(([id, [input, cachedInput, output, source, date]]) => [
    id,
    { input, cachedInput, output, source, date },
  ]),
);

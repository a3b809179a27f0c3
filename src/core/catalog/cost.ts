/**
 * What a request cost, from the usage the provider reported and the model's list prices.
 */
import type { ModelPrices } from './types.js';

/** Token counts as providers report them, normalised. */
export interface Usage {
  /** All input tokens, cached ones included. */
  inputTokens: number;
  /** The part of `inputTokens` served from the prompt cache. */
  cachedInputTokens: number;
  /** All output tokens, reasoning tokens included. */
  outputTokens: number;
  /** The part of `outputTokens` spent on reasoning; informational, already billed as output. */
  reasoningTokens?: number;
}

/** Flex sells the same tokens at half the standard price (OpenAI and Gemini). */
export const FLEX_PRICE_FACTOR = 0.5;

/**
 * Cost in USD of `usage` at `tier`. Cached tokens are billed at `cachedInput` and the rest of
 * the input at `input`; reasoning tokens are part of output and not billed twice. A cached count
 * larger than the input count is capped at the input count.
 *
 * @example
 * costUsd({ inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 0 }, prices, 'flex');
 * // prices.input / 2
 */
export function costUsd(usage: Usage, prices: ModelPrices, tier: 'flex' | 'standard'): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const uncached = usage.inputTokens - cached;
  const standard =
    (uncached * prices.input + cached * prices.cachedInput + usage.outputTokens * prices.output) / 1_000_000;
  // Multiplying by 0.5 is exact in binary floating point, so flex is exactly half of standard.
  return tier === 'flex' ? standard * FLEX_PRICE_FACTOR : standard;
}

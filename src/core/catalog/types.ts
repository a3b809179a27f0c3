/**
 * The shapes of the model catalog (SPEC §3.3): what the router knows about a model id.
 */
import type { ProviderId } from '../types.js';

/**
 * List prices in USD per 1M tokens at the provider's STANDARD tier. Flex is half of these
 * (OpenAI and Gemini both sell flex at 50 %), so only standard prices are stored.
 */
export interface ModelPrices {
  /** Uncached input tokens. */
  input: number;
  /** Input tokens served from the provider's prompt cache (Anthropic: cache reads). */
  cachedInput: number;
  /** Output tokens, reasoning tokens included. */
  output: number;
  /** Where the figures come from; contains "estimate" when they could not be confirmed. */
  source: string;
  /** When the figures were checked, `YYYY-MM-DD`. */
  date: string;
}

/** One model the router knows by name. */
export interface ModelEntry {
  /** The canonical id, as the provider names it (`gpt-5-mini`, `gemini-2.5-flash`). */
  id: string;
  /** Other names that mean the same model, usually dated snapshots (`gpt-5-mini-2025-08-07`). */
  aliases: readonly string[];
  provider: ProviderId;
  /** Whether the provider sells this model on its flex tier, so the flex race can run. */
  flex: boolean;
  prices?: ModelPrices;
}

/** Chat `usage` and IR usage, both ways: the counts match (cached inside prompt, reasoning inside completion). */
import type { IRUsage } from '../ir/common.js';
import { asCount, asObject } from '../ir/read.js';

/** A completion's (or usage chunk's) `usage` as IR usage; missing counts are 0. */
export function usageFromChat(wire: unknown): IRUsage {
  const usage = asObject(wire);
  return {
    inputTokens: asCount(usage['prompt_tokens']),
    cachedInputTokens: asCount(asObject(usage['prompt_tokens_details'])['cached_tokens']),
    outputTokens: asCount(usage['completion_tokens']),
    reasoningTokens: asCount(asObject(usage['completion_tokens_details'])['reasoning_tokens']),
  };
}

/** IR usage as Chat's `usage`. */
export function chatUsage(usage: IRUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

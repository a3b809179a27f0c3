/**
 * Interactions `usage` and IR usage, both ways. Interactions counts thought tokens apart from
 * output and tool-use tokens apart from input; the IR counts them in `outputTokens` and
 * `inputTokens`.
 */
import type { IRUsage } from '../ir/common.js';
import { asCount, asObject } from '../ir/read.js';

/** An interaction's `usage` as IR usage; missing counts are 0. */
export function usageFromInteractions(wire: unknown): IRUsage {
  const usage = asObject(wire);
  const thoughts = asCount(usage['total_thought_tokens']);
  return {
    inputTokens: asCount(usage['total_input_tokens']) + asCount(usage['total_tool_use_tokens']),
    cachedInputTokens: asCount(usage['total_cached_tokens']),
    outputTokens: asCount(usage['total_output_tokens']) + thoughts,
    reasoningTokens: thoughts,
  };
}

/** IR usage as an interaction's `usage`. */
export function interactionsUsage(usage: IRUsage): Record<string, number> {
  return {
    total_input_tokens: usage.inputTokens,
    total_cached_tokens: usage.cachedInputTokens,
    total_output_tokens: usage.outputTokens - usage.reasoningTokens,
    total_thought_tokens: usage.reasoningTokens,
    total_tool_use_tokens: 0,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** Responses `usage` and IR usage, both ways: the counts match (cached inside input, reasoning inside output). */
import type { IRUsage } from '../ir/common.js';
import { asCount, asObject } from '../ir/read.js';

/** A response's `usage` as IR usage; missing counts are 0. */
export function usageFromResponses(wire: unknown): IRUsage {
  const usage = asObject(wire);
  return {
    inputTokens: asCount(usage['input_tokens']),
    cachedInputTokens: asCount(asObject(usage['input_tokens_details'])['cached_tokens']),
    outputTokens: asCount(usage['output_tokens']),
    reasoningTokens: asCount(asObject(usage['output_tokens_details'])['reasoning_tokens']),
  };
}

/** IR usage as a response's `usage`. */
export function responsesUsage(usage: IRUsage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

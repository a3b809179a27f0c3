/**
 * Gemini `usageMetadata` and IR usage, both ways. Gemini counts thoughts apart from candidates and
 * tool-use prompts apart from the prompt; the IR counts them in `outputTokens` and `inputTokens`.
 */
import type { IRUsage } from '../ir/common.js';
import { asCount, asObject } from '../ir/read.js';

/** A `usageMetadata` object (whole response or stream chunk) as IR usage; missing counts are 0. */
export function usageFromGemini(wire: unknown): IRUsage {
  const usage = asObject(wire);
  const thoughts = asCount(usage['thoughtsTokenCount']);
  return {
    inputTokens: asCount(usage['promptTokenCount']) + asCount(usage['toolUsePromptTokenCount']),
    cachedInputTokens: asCount(usage['cachedContentTokenCount']),
    outputTokens: asCount(usage['candidatesTokenCount']) + thoughts,
    reasoningTokens: thoughts,
  };
}

/** IR usage as `usageMetadata`, with the served tier's word (`tier`) as `serviceTier` when there is one. */
export function usageMetadata(usage: IRUsage, tier: string | undefined): Record<string, unknown> {
  return {
    promptTokenCount: usage.inputTokens,
    ...(usage.cachedInputTokens > 0 ? { cachedContentTokenCount: usage.cachedInputTokens } : {}),
    candidatesTokenCount: usage.outputTokens - usage.reasoningTokens,
    ...(usage.reasoningTokens > 0 ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(tier !== undefined ? { serviceTier: tier } : {}),
  };
}

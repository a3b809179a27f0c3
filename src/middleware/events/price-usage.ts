import { costUsd, type ModelEntry } from '../../core/catalog/index.js';
import type { IRUsage } from '../../dialects/ir/common.js';
import type { RoutedEvent } from './route-event.js';

/**
 * The money fields of a route event: cost at the served tier, cost had it run on standard,
 * savings, and the fee (a share of the savings, zero when nothing was saved). Empty when the
 * model has no prices in the catalog or the response reported no usage.
 */
export function priceUsage(
  usage: IRUsage | undefined,
  entry: ModelEntry | undefined,
  servedTier: string,
  feeShare: number,
): Pick<RoutedEvent, 'usage' | 'costUsd' | 'standardCostUsd' | 'savingsUsd' | 'feeUsd'> {
  if (!usage) return {};
  const counts = {
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    outputTokens: usage.outputTokens,
    reasoningTokens: usage.reasoningTokens,
  };
  if (!entry?.prices) return { usage: counts };
  const cost = costUsd(counts, entry.prices, servedTier === 'flex' ? 'flex' : 'standard');
  const standard = costUsd(counts, entry.prices, 'standard');
  const savings = Math.max(0, standard - cost);
  return { usage: counts, costUsd: cost, standardCostUsd: standard, savingsUsd: savings, feeUsd: savings * feeShare };
}

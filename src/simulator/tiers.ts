/**
 * Which pool a requested `service_tier` lands in, and how OpenAI reports the tier that served
 * it. `auto`, `default`, `scale` and a missing tier all run on the standard pool and are
 * reported as `default`, as OpenAI does for a project without scale tier.
 */
import type { PoolName } from './types.js';

/** Requested `service_tier` → pool and reported value. Data, not ifs. */
const TIERS: Record<string, { pool: PoolName; reported: string }> = {
  flex: { pool: 'flex', reported: 'flex' },
  priority: { pool: 'priority', reported: 'priority' },
  default: { pool: 'standard', reported: 'default' },
  auto: { pool: 'standard', reported: 'default' },
  scale: { pool: 'standard', reported: 'default' },
};

/** The `service_tier` values OpenAI accepts, in the order its error message lists them. */
export const OPENAI_SERVICE_TIERS = ['auto', 'default', 'flex', 'scale', 'priority'] as const;

/** True when `tier` is missing or one OpenAI accepts. */
export function isKnownTier(tier: unknown): boolean {
  return tier === undefined || tier === null || (typeof tier === 'string' && tier in TIERS);
}

/** The pool for a requested tier (missing → standard). */
export function poolForTier(tier: string | undefined): PoolName {
  return (tier !== undefined ? TIERS[tier]?.pool : undefined) ?? 'standard';
}

/** The `service_tier` value OpenAI reports once a request is served. */
export function reportedTier(tier: string | undefined): string {
  return (tier !== undefined ? TIERS[tier]?.reported : undefined) ?? 'default';
}

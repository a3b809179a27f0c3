/**
 * Which pool a requested tier lands in, and how each provider reports the tier that served it.
 * One table per provider, data not ifs:
 *
 * - OpenAI (`service_tier`): `auto`, `default`, `scale` and a missing tier run on the standard
 *   pool and are reported as `default`, as OpenAI does for a project without scale tier.
 * - Gemini (`serviceTier` on generateContent, `service_tier` on Interactions): `flex`,
 *   `standard`, `priority`, reported under the same names; a missing tier is `standard`.
 * - Anthropic (`service_tier`): `auto` and `standard_only` both run on the standard pool and are
 *   reported as `standard`. Anthropic has no flex tier, and the simulator grants no priority
 *   capacity to `auto`.
 */
import type { DialectId } from '../core/types.js';
import type { PoolName } from './types.js';

/** Where a tier value goes: its pool, and the word reported once served. */
export interface TierRoute {
  pool: PoolName;
  reported: string;
}

/** One provider's tiers: the accepted values, and what a request without one gets. */
export interface TierTable {
  accepted: Readonly<Record<string, TierRoute>>;
  absent: TierRoute;
}

const STANDARD_AS_DEFAULT: TierRoute = { pool: 'standard', reported: 'default' };
const STANDARD: TierRoute = { pool: 'standard', reported: 'standard' };

export const OPENAI_TIERS: TierTable = {
  accepted: {
    flex: { pool: 'flex', reported: 'flex' },
    priority: { pool: 'priority', reported: 'priority' },
    default: STANDARD_AS_DEFAULT,
    auto: STANDARD_AS_DEFAULT,
    scale: STANDARD_AS_DEFAULT,
  },
  absent: STANDARD_AS_DEFAULT,
};

export const GEMINI_TIERS: TierTable = {
  accepted: {
    flex: { pool: 'flex', reported: 'flex' },
    standard: STANDARD,
    priority: { pool: 'priority', reported: 'priority' },
  },
  absent: STANDARD,
};

export const ANTHROPIC_TIERS: TierTable = {
  accepted: { auto: STANDARD, standard_only: STANDARD },
  absent: STANDARD,
};

/** Each dialect's table. */
const TABLES: Readonly<Record<DialectId, TierTable>> = {
  'openai-responses': OPENAI_TIERS,
  'openai-chat': OPENAI_TIERS,
  'gemini-generate': GEMINI_TIERS,
  'gemini-interactions': GEMINI_TIERS,
  'anthropic-messages': ANTHROPIC_TIERS,
};

/** The `service_tier` values OpenAI accepts, in the order its error message lists them. */
export const OPENAI_SERVICE_TIERS = ['auto', 'default', 'flex', 'scale', 'priority'] as const;

/** The route for a tier value: absent (`undefined` / `null`) → the table's default; unknown → `undefined`. */
export function routeTier(table: TierTable, tier: unknown): TierRoute | undefined {
  if (tier === undefined || tier === null) return table.absent;
  return typeof tier === 'string' && Object.hasOwn(table.accepted, tier) ? table.accepted[tier] : undefined;
}

/** True when `tier` is missing or one OpenAI accepts. */
export function isKnownTier(tier: unknown): boolean {
  return routeTier(OPENAI_TIERS, tier) !== undefined;
}

/**
 * The pool for a requested tier (missing or unknown → standard), by default as OpenAI reads it.
 *
 * @example
 * ```ts
 * poolForTier('flex');                       // 'flex'
 * poolForTier('standard', 'gemini-generate'); // 'standard'
 * ```
 */
export function poolForTier(tier: string | undefined, dialect: DialectId = 'openai-responses'): PoolName {
  return routeTier(TABLES[dialect], tier)?.pool ?? 'standard';
}

/**
 * The tier value a provider reports once a request is served (missing or unknown → its standard
 * word): OpenAI `default` / `flex` / `priority`; Gemini `standard` / `flex` / `priority`;
 * Anthropic `standard`.
 */
export function reportedTier(tier: string | undefined, dialect: DialectId = 'openai-responses'): string {
  const table = TABLES[dialect];
  return (routeTier(table, tier) ?? table.absent).reported;
}

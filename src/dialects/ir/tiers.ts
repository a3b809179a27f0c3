/**
 * The served tier as each dialect writes it in a response body, both ways. `default` and
 * `standard` are the same tier; words that name no served tier (`auto`, `batch`, absent) read as
 * `unknown`. Writing `flex` in the Anthropic shape has no native word; `flex` is what happened.
 */
import type { DialectId } from '../../core/types.js';
import type { ServedTier } from './common.js';

interface TierWords {
  /** Wire word (lower case) → served tier. */
  read: Readonly<Record<string, ServedTier>>;
  /** Served tier → wire word; `undefined` writes nothing. */
  write: Readonly<Record<ServedTier, string | undefined>>;
}

const OPENAI: TierWords = {
  read: { flex: 'flex', default: 'standard', priority: 'priority' },
  write: { flex: 'flex', standard: 'default', priority: 'priority', unknown: undefined },
};

const GOOGLE: TierWords = {
  read: { flex: 'flex', standard: 'standard', priority: 'priority', service_tier_flex: 'flex', service_tier_standard: 'standard', service_tier_priority: 'priority' },
  write: { flex: 'flex', standard: 'standard', priority: 'priority', unknown: undefined },
};

const ANTHROPIC: TierWords = {
  read: { standard: 'standard', priority: 'priority', flex: 'flex' },
  write: { flex: 'flex', standard: 'standard', priority: 'priority', unknown: undefined },
};

export const TIER_WORDS: Readonly<Record<DialectId, TierWords>> = {
  'openai-responses': OPENAI,
  'openai-chat': OPENAI,
  'anthropic-messages': ANTHROPIC,
  'gemini-generate': GOOGLE,
  'gemini-interactions': GOOGLE,
};

/** A tier word from a `dialect` response body as a {@link ServedTier}. */
export function readTierWord(dialect: DialectId, word: unknown): ServedTier {
  return typeof word === 'string' ? (TIER_WORDS[dialect].read[word.toLowerCase()] ?? 'unknown') : 'unknown';
}

/** A {@link ServedTier} as `dialect` writes it, or `undefined` when it has no word for it. */
export function writeTierWord(dialect: DialectId, tier: ServedTier): string | undefined {
  return TIER_WORDS[dialect].write[tier];
}

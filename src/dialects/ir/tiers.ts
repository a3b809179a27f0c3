/**
 * The served tier as the providers write it, both ways, for whole responses and streams alike.
 * Reading is lenient across dialects (`default` and `standard` are the same tier; Gemini's
 * `SERVICE_TIER_FLEX` style too); words that name no served tier (`auto`, `batch`, absent) read as
 * nothing. Anthropic has no flex tier, so its shape says `standard` for flex, as Anthropic itself would
 * (its `usage.service_tier` words are `standard`, `priority` and `batch`); the real served tier is in
 * the router's `x-flexroute-tier` header.
 */
import type { DialectId } from '../../core/types.js';
import type { ServedTier } from './common.js';
import { lookup } from './lookup.js';

/** Provider tier words (lower case, without Gemini's `service_tier_` prefix) as served tiers. */
const READ: Readonly<Record<string, ServedTier>> = {
  flex: 'flex',
  default: 'standard',
  standard: 'standard',
  standard_only: 'standard',
  priority: 'priority',
};

/** Served tier → wire word per provider; `undefined` writes nothing. */
const OPENAI: Readonly<Record<ServedTier, string | undefined>> = { flex: 'flex', standard: 'default', priority: 'priority', unknown: undefined };
const NATIVE: Readonly<Record<ServedTier, string | undefined>> = { flex: 'flex', standard: 'standard', priority: 'priority', unknown: undefined };
const ANTHROPIC: Readonly<Record<ServedTier, string | undefined>> = { flex: 'standard', standard: 'standard', priority: 'priority', unknown: undefined };

const WRITE: Readonly<Record<DialectId, Readonly<Record<ServedTier, string | undefined>>>> = {
  'openai-responses': OPENAI,
  'openai-chat': OPENAI,
  'anthropic-messages': ANTHROPIC,
  'gemini-generate': NATIVE,
  'gemini-interactions': NATIVE,
};

/**
 * A provider's tier word (`flex`, `default`, `standard`, `priority`, any case, Gemini's
 * `SERVICE_TIER_FLEX` style too) as a {@link ServedTier}; `undefined` for words that name no
 * served tier (`auto`, absent).
 *
 * @example
 * servedTierFromWire('default')           // 'standard'
 * servedTierFromWire('SERVICE_TIER_FLEX') // 'flex'
 * servedTierFromWire('auto')              // undefined
 */
export function servedTierFromWire(word: unknown): ServedTier | undefined {
  if (typeof word !== 'string') return undefined;
  return lookup(READ, word.toLowerCase().replace(/^service_tier_/, ''));
}

/** A {@link ServedTier} as `dialect` writes it, or `undefined` when it has no word for it. */
export function writeTierWord(dialect: DialectId, tier: ServedTier): string | undefined {
  return WRITE[dialect][tier];
}

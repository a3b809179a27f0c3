/**
 * Tier resolution (SPEC §3.4): a model and a parsed `start_within` become a route plan — send
 * straight to one provider tier, or race flex against a window — or a router error.
 *
 * Checks run in this order, so a request with several problems gets the most basic one first:
 * 1. `unknown_model` — no provider can be told from the model id;
 * 2. the tier rules of the table below (`auto_unsupported_for_gemini`,
 *    `flex_unsupported_for_anthropic`, `model_not_flex_capable`);
 * 3. `missing_max_tokens` — Anthropic only, once the tier is known to be valid.
 *
 * | start_within | OpenAI | Gemini | Anthropic |
 * |---|---|---|---|
 * | default | default | standard | standard_only |
 * | priority | priority | priority | auto |
 * | auto | auto | 400 auto_unsupported_for_gemini | auto |
 * | duration, flex model | race flex → default | race flex → standard | 400 flex_unsupported_for_anthropic |
 * | duration, other model | 400 model_not_flex_capable | 400 model_not_flex_capable | (as above) |
 */
import { defaultCatalog, type Catalog } from './catalog/lookup.js';
import type { ModelEntry } from './catalog/types.js';
import { formatStartWithin } from './deadline.js';
import { routerError, type CallerShape, type RouterErrorCode } from './errors.js';
import type { ProviderId, StartWithin } from './types.js';

/** Providers with a flex tier, hence a flex race. */
export type FlexProviderId = 'openai' | 'gemini';

/** What the router will do with a request. */
export type Plan =
  | {
      /** A tier word: one upstream call at `tier`, no race. */
      kind: 'direct';
      /** The provider that serves the model. */
      provider: ProviderId;
      /** The id to send upstream (the caller's, minus a Gemini `models/` prefix). */
      model: string;
      /** The catalog entry; absent when only the family prefix told the provider. */
      entry?: ModelEntry;
      /** The provider's wire value: 'default', 'standard', 'standard_only', 'priority', 'auto'. */
      tier: string;
    }
  | {
      /** A duration on a flex-capable model: race flex against the window. */
      kind: 'race';
      /** OpenAI or Gemini (Anthropic has no flex tier). */
      provider: FlexProviderId;
      /** The id to send upstream (the caller's, minus a Gemini `models/` prefix). */
      model: string;
      /** The catalog entry, always present: only catalog models are known to be flex-capable. */
      entry: ModelEntry;
      /** How long flex has to start, in ms. */
      windowMs: number;
      /** The tier word flex is requested with. */
      flexTier: 'flex';
      /** The tier the request moves up to when flex has not started within the window. */
      fallbackTier: 'default' | 'standard';
    };

/** Input to {@link resolvePlan}. */
export interface PlanRequest {
  /** The model id as the caller sent it (aliases and Gemini's `models/…` form resolve). */
  model: string;
  /** The parsed `start_within` ({@link parseStartWithin} or {@link readStartWithin}). */
  startWithin: StartWithin;
  /** Whether the request carries an output-token cap (Anthropic requires one). */
  hasTokenCap: boolean;
  /** The caller's request format (a caller dialect object); only used to word errors in the caller's terms. */
  format?: CallerShape | undefined;
}

type TierWord = Extract<StartWithin, { kind: 'tier' }>['tier'];
type Outcome = { tier: string } | { error: RouterErrorCode };

/** Tier words per provider: the wire value, or the error. */
const TIER_TABLE: Readonly<Record<ProviderId, Readonly<Record<TierWord, Outcome>>>> = {
  openai: { default: { tier: 'default' }, priority: { tier: 'priority' }, auto: { tier: 'auto' } },
  gemini: { default: { tier: 'standard' }, priority: { tier: 'priority' }, auto: { error: 'auto_unsupported_for_gemini' } },
  anthropic: { default: { tier: 'standard_only' }, priority: { tier: 'auto' }, auto: { tier: 'auto' } },
};

/** Durations per provider: the tier a race falls back to, or the error for the whole provider. */
const RACE_TABLE: Readonly<Record<ProviderId, { fallbackTier: 'default' | 'standard' } | { error: RouterErrorCode }>> = {
  openai: { fallbackTier: 'default' },
  gemini: { fallbackTier: 'standard' },
  anthropic: { error: 'flex_unsupported_for_anthropic' },
};

/** Providers that refuse requests without an output-token cap. */
const NEEDS_TOKEN_CAP: Readonly<Record<ProviderId, boolean>> = { openai: false, gemini: false, anthropic: true };

/**
 * Resolves the route plan for a request.
 *
 * @throws RouterError `unknown_model`, `model_not_flex_capable`, `flex_unsupported_for_anthropic`,
 *   `auto_unsupported_for_gemini` or `missing_max_tokens` (all 400), in that order of checking.
 * @example
 * resolvePlan({ model: 'gpt-5-mini', startWithin: { kind: 'race', windowMs: 30_000 }, hasTokenCap: false });
 * // { kind: 'race', provider: 'openai', model: 'gpt-5-mini', windowMs: 30000,
 * //   flexTier: 'flex', fallbackTier: 'default', entry: {...} }
 */
export function resolvePlan(input: PlanRequest, catalog: Catalog = defaultCatalog): Plan {
  const { model, startWithin, hasTokenCap, format } = input;
  const match = catalog.lookup(model);
  if (!match) throw routerError('unknown_model', { model, ...(format ? { format } : {}) });
  const { provider, entry } = match;
  const details = { model, provider, ...(format ? { format } : {}) };
  const upstreamModel = provider === 'gemini' ? model.replace(/^models\//, '') : model;

  let plan: Plan;
  if (startWithin.kind === 'tier') {
    const outcome = TIER_TABLE[provider][startWithin.tier];
    if ('error' in outcome) throw routerError(outcome.error, { ...details, received: startWithin.tier });
    plan = { kind: 'direct', provider, model: upstreamModel, tier: outcome.tier, ...(entry ? { entry } : {}) };
  } else {
    const race = RACE_TABLE[provider];
    const received = describeWindow(startWithin.windowMs);
    if ('error' in race) throw routerError(race.error, { ...details, received });
    // The provider check only narrows the type: RACE_TABLE already refused Anthropic.
    if (!entry?.flex || provider === 'anthropic') throw routerError('model_not_flex_capable', { ...details, received });
    plan = {
      kind: 'race',
      provider,
      model: upstreamModel,
      entry,
      windowMs: startWithin.windowMs,
      flexTier: 'flex',
      fallbackTier: race.fallbackTier,
    };
  }

  if (NEEDS_TOKEN_CAP[provider] && !hasTokenCap) {
    throw routerError('missing_max_tokens', { ...details, param: format?.facts.tokenCapFields[0] ?? 'max_tokens' });
  }
  return plan;
}

/** The window as the caller would have written it, for error messages. */
function describeWindow(windowMs: number): string {
  try {
    return formatStartWithin({ kind: 'race', windowMs });
  } catch {
    return `${windowMs} ms`;
  }
}

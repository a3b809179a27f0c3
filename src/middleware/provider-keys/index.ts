import type { ProviderId } from '../../core/types.js';
import { need, type RouteStep } from '../context.js';
import { resolveProviderKey } from './resolve-key.js';

/** What a key lookup is told about the request it is serving. */
export interface KeyLookupContext {
  /** The provider the request is bound for, from the model's catalog entry or family prefix. */
  provider: ProviderId;
  /** Whatever the `authenticate` step found (undefined without it). */
  principal: unknown;
}

/** A provider key lookup: the key for this provider and principal, or undefined when there is none. */
export type KeyLookup = (ctx: KeyLookupContext) => string | undefined | Promise<string | undefined>;

/** Options of {@link providerKeys}. */
export interface ProviderKeysOptions {
  /** The server-side key lookup; a key it returns wins over anything the caller sent (SPEC §8). */
  lookup: KeyLookup;
  /** Forward the caller's own key (`Authorization: Bearer`, `x-api-key`, `x-goog-api-key`) when the lookup has none. */
  passThrough: boolean;
}

/**
 * Resolves the provider key for the planned provider (BYOK, SPEC §6): the lookup's key, else the
 * caller's own when pass-through is on, else `401 no_byok_key` naming the variable to set. Sets
 * `ctx.providerKey`, which never appears in an event, a log or an error.
 *
 * @example
 * ```ts
 * providerKeys({ lookup: ({ provider }) => vault.get(`${provider}-key`), passThrough: false });
 * ```
 */
export function providerKeys(options: ProviderKeysOptions): RouteStep {
  const { lookup, passThrough } = options;
  return async function providerKeys(ctx, next) {
    const plan = need(ctx, 'plan', 'providerKeys');
    ctx.providerKey = await resolveProviderKey(lookup, passThrough, plan.provider, ctx.principal, ctx.request.headers, ctx.format ?? 'openai-responses');
    return await next();
  };
}

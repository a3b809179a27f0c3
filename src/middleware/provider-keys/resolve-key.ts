import { routerError } from '../../core/errors.js';
import type { CallerFormat, ProviderId } from '../../core/types.js';
import { PROVIDER_ENV } from '../../providers/defaults.js';
import type { KeyLookup } from './index.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/** The key a caller sent, in whichever header its SDK uses (SPEC §6 pass-through). */
export function callerKey(headers: Headers): string | undefined {
  const bearer = headers.get('authorization');
  if (bearer) {
    const match = /^Bearer\s+(.+)$/i.exec(bearer.trim());
    if (match) return match[1];
  }
  return headers.get('x-api-key') ?? headers.get('x-goog-api-key') ?? undefined;
}

/**
 * Resolves the provider key for one request: a server-side key wins (SPEC §8), else the
 * caller's own key when pass-through is on, else `401 no_byok_key` naming the variable to set.
 */
export async function resolveProviderKey(
  lookup: KeyLookup,
  passThrough: boolean,
  provider: ProviderId,
  principal: unknown,
  headers: Headers,
  format: CallerFormat,
): Promise<string> {
  const serverKey = await lookup({ provider, principal });
  if (serverKey) return serverKey;
  if (passThrough) {
    const key = callerKey(headers);
    if (key) return key;
  }
  throw routerError('no_byok_key', { provider, keyVariable: PROVIDER_ENV[provider].key, format: callerShape(format), passThrough });
}

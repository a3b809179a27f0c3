/**
 * Where `start_within` comes from (SPEC §3.1): the top-level body field, or the
 * `x-start-within` header for clients whose SDK strips unknown body fields, or a router-wide
 * fallback when the operator configured one. Pure: the caller extracts the raw values.
 */
import { parseStartWithin } from './deadline.js';
import { routerError } from './errors.js';
import type { CallerShape } from './errors.js';
import type { StartWithin } from './types.js';

/** The raw places a `start_within` may come from. */
export interface StartWithinSources {
  /** The body's `start_within` value as parsed from JSON (any type). */
  bodyValue: unknown;
  /** Whether the body has the field at all (`{"start_within": null}` has it). */
  bodyHasField: boolean;
  /** The `x-start-within` header, or `null` when absent. */
  headerValue: string | null;
  /** The router's configured default for requests that omit it; off when undefined. */
  fallback?: string;
  /** The caller's request format: error messages show their example request in it. */
  format?: CallerShape | undefined;
}

/**
 * Picks and parses the request's `start_within`.
 *
 * Rules: body and header both present and different (raw comparison, before parsing) →
 * `invalid_start_within`; one present → parse it; neither → the fallback if configured,
 * else `missing_start_within`. The same value in both places is fine.
 *
 * @throws RouterError `missing_start_within` or `invalid_start_within` (400).
 * @example
 * readStartWithin({ bodyValue: undefined, bodyHasField: false, headerValue: '00h-00m-30s' });
 * // { kind: 'race', windowMs: 30000 }
 */
export function readStartWithin(input: StartWithinSources): StartWithin {
  const { bodyValue, bodyHasField, headerValue, fallback, format } = input;
  if (bodyHasField && headerValue !== null) {
    if (bodyValue !== headerValue) {
      throw routerError('invalid_start_within', { format, received: bodyValue, headerValue });
    }
    return parseStartWithin(bodyValue, format);
  }
  if (bodyHasField) return parseStartWithin(bodyValue, format);
  if (headerValue !== null) return parseStartWithin(headerValue, format);
  if (fallback !== undefined) return parseStartWithin(fallback, format);
  throw routerError('missing_start_within', { format });
}

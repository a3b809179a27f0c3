/**
 * What the whole-response assemblies share: the failure to report when the provider sent an error
 * in the stream after the response had started.
 */
import type { Assembly } from '../../core/commit/rules.js';
import { isJsonObject } from './json.js';

/**
 * An `error_event` failure for the upstream error object `upstream`, naming its code (the first
 * of `codeFields` it has, else `fallbackCode`) and message.
 *
 * @example
 * upstreamFailure({ type: 'overloaded_error', message: 'Overloaded' }, ['type'], 'error')
 * // { ok: false, reason: 'error_event', upstream: {…},
 * //   message: 'The provider reported an error after the response had started (overloaded_error: Overloaded).' }
 */
export function upstreamFailure(upstream: unknown, codeFields: readonly string[], fallbackCode: string): Assembly {
  const found = isJsonObject(upstream) ? upstream : {};
  const code = codeFields.map((field) => found[field]).find((value) => typeof value === 'string' || typeof value === 'number');
  const message = typeof found['message'] === 'string' ? found['message'] : 'no message';
  return {
    ok: false,
    reason: 'error_event',
    message: `The provider reported an error after the response had started (${code ?? fallbackCode}: ${message}).`,
    upstream,
  };
}

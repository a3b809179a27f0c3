/** The router error a codec call throws, for asserting on its code and fields. */
import { RouterError } from '../../../src/core/errors.js';

/**
 * Runs `fn` and returns the {@link RouterError} it throws; any other outcome fails the test.
 *
 * @example
 * expect(thrown(() => decodeChatRequest({ model: 'm', messages: [], n: 2 })).code).toBe('unsupported_feature');
 */
export function thrown(fn: () => unknown): RouterError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RouterError) return error;
    throw error;
  }
  throw new Error('expected a RouterError');
}

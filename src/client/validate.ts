/**
 * Local request validation: the checks the router makes before it routes anything, run on the
 * caller's machine so a bad request fails at once instead of after a round trip. The router's
 * own function does the checking ({@link checkCallerBody}), so the client refuses exactly what the router refuses, with the same message.
 *
 * Only the request is checked; unknown fields pass through untouched, and nothing that depends
 * on the router's configuration (its model catalog, keys, billing gate) is decided here.
 */
import { RouterError, routerError } from '../core/errors.js';
import type { CallerFormat } from '../core/types.js';
import { checkCallerBody } from '../middleware/read-request/validate.js';
import { FlexRouteValidationError } from './errors.js';
import { callerShape } from '../dialects/caller-shapes.js';

/** A request body ready to send. */
export interface PreparedBody {
  /** The JSON text to send. */
  json: string;
  /** The body asks for a stream (`stream: true`). */
  stream: boolean;
}

/**
 * Serialises and validates a request body for `format`. `startWithinHeader` is the
 * `x-start-within` header the request will carry, or null.
 *
 * @throws FlexRouteValidationError with the router's message for the first problem found.
 * @example
 * prepareBody({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default' }, 'openai-responses', null);
 * // { json: '{"model":"gpt-5-mini","input":"Hi","start_within":"default"}', stream: false }
 */
export function prepareBody(body: unknown, format: CallerFormat, startWithinHeader: string | null): PreparedBody {
  try {
    const json = serialise(body, format);
    // Validate what the router will parse, not the object in hand: JSON drops `undefined`
    // fields and applies `toJSON`, and the router must agree with us on every field.
    const { body: wire } = checkCallerBody(JSON.parse(json), format, startWithinHeader);
    return { json, stream: wire['stream'] === true };
  } catch (err) {
    if (err instanceof RouterError) throw new FlexRouteValidationError(err);
    throw err;
  }
}

function serialise(body: unknown, format: CallerFormat): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (cause) {
    throw routerError('invalid_json', {
      format: callerShape(format),
      detail: `It could not be serialised to JSON (${(cause as Error).message}); send plain data: no BigInt values or circular references.`,
    });
  }
  // `undefined` and functions serialise to nothing: the same "not an object" answer as below.
  return json ?? 'null';
}

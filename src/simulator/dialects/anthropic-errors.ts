/**
 * Anthropic's error envelope `{ type: 'error', error: { type, message }, request_id }` and the
 * bodies the Messages dialect answers with. Statuses and types are Anthropic's documented ones
 * (400 `invalid_request_error`, 401 `authentication_error`, 404 `not_found_error`, 429
 * `rate_limit_error`, 500 `api_error`, 529 `overloaded_error`); validation messages follow its
 * `field: problem` wording.
 */
import type { DialectErrors, JsonReply } from './dialect.js';
import { isObject } from './json.js';

/** The inner object of an Anthropic error body. */
export interface AnthropicErrorObject {
  type: string;
  message: string;
}

function reply(status: number, type: string, message: string, headers?: Record<string, string>): JsonReply {
  const body = { type: 'error', error: { type, message } };
  return headers ? { status, body, headers } : { status, body };
}

/** The overload error Anthropic sends, over HTTP as a 529 and in-band as `event: error`. */
export const ANTHROPIC_OVERLOADED: AnthropicErrorObject = { type: 'overloaded_error', message: 'Overloaded' };

/** 400 `invalid_request_error` with Anthropic's `field: problem` wording. */
export function invalidRequest(message: string): JsonReply {
  return reply(400, 'invalid_request_error', message);
}

/** 404 for a path Messages does not serve. */
export function anthropicNotFound(): JsonReply {
  return reply(404, 'not_found_error', 'Not found');
}

const RATE_LIMITED =
  'This request would exceed the rate limit for your organization (org-simulator) of 50 requests per minute. ' +
  'For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. ' +
  'Please reduce the prompt length or the maximum tokens requested, or try again later.';

/** The bodies the Messages dialect answers with. Anthropic has no flex pool, so `capacity` is its rate limit too. */
export const anthropicErrors: DialectErrors = {
  capacity: () => reply(429, 'rate_limit_error', RATE_LIMITED, { 'retry-after': '1' }),
  rateLimit: () => reply(429, 'rate_limit_error', RATE_LIMITED, { 'retry-after': '1' }),
  overloaded: () => reply(529, ANTHROPIC_OVERLOADED.type, ANTHROPIC_OVERLOADED.message),
  serverError: () => reply(500, 'api_error', 'Internal server error'),
  unauthorized: () => reply(401, 'authentication_error', 'x-api-key header is required'),
  invalidJson: () => invalidRequest('There was an issue with the formatting or content of your request: the body is not valid JSON.'),
  modelNotFound: (model) => reply(404, 'not_found_error', `model: ${model}`),
};

/** True when the request carries `x-api-key` (or, as the SDK's `authToken` sends it, a Bearer token). */
export function hasAnthropicKey(headers: Record<string, string | string[] | undefined>): boolean {
  const key = headers['x-api-key'];
  const auth = headers.authorization;
  return (typeof key === 'string' && key.trim() !== '') || (typeof auth === 'string' && /^Bearer\s+\S+/i.test(auth));
}

/** Anthropic answers 400 when the `anthropic-version` header is missing. */
export function checkAnthropicVersion(headers: Record<string, string | string[] | undefined>): JsonReply | undefined {
  const version = headers['anthropic-version'];
  return typeof version === 'string' && version.trim() !== '' ? undefined : invalidRequest('anthropic-version: header is required');
}

/** Every Anthropic error body carries the request's id beside the error. */
export function stampRequestId(body: unknown, requestId: string): unknown {
  return isObject(body) && body.type === 'error' ? { ...body, request_id: requestId } : body;
}

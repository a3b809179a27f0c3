/**
 * Errors the router itself makes (SPEC §3.5). One table, one entry per code: status, error type,
 * default `param`, and the four parts every message carries — what went wrong, why, how to fix
 * it, and an example request that works. Messages are written for agents as much as for people:
 * an agent reading one should be able to correct its call without guessing.
 *
 * Error `type` values follow the names OpenAI and Anthropic already use, so SDK users see
 * familiar words:
 * | status | type |
 * |---|---|
 * | 400, 405, 415 | `invalid_request_error` |
 * | 401 | `authentication_error` |
 * | 402 | `billing_error` |
 * | 404 | `not_found_error` |
 * | 413 | `request_too_large` |
 * | 502 | `api_error` |
 *
 * Safety: received values are echoed JSON-quoted and truncated; anything that looks like a key is
 * replaced by `[redacted]`, and the authentication codes never echo a received value at all.
 */
export {
  RouterError,
  type CallerShape,
  type ExampleSpec,
  type RouterErrorBody,
  type RouterErrorCode,
  type RouterErrorDetails,
  type RouterErrorType,
} from './errors/codes.js';
export { describeReceived } from './errors/redact.js';
export { ROUTER_ERROR_CODES, routerError, statusForCode } from './errors/messages.js';
export { requestRefused, type RefusalOptions } from './errors/refusal.js';
export { errorBody, errorResponse } from './errors/response.js';

/**
 * Google's error envelope `{ error: { code, message, status, details? } }`, as the Gemini API
 * sends it for generateContent and Interactions alike, and the bodies both Gemini dialects share.
 * The 429 follows the recorded `google-429-retry-info.json` (a `QuotaFailure` and a `RetryInfo`
 * detail); the flex 429 is our rendering of "no flex capacity", in the same shape.
 */
import type { DialectErrors, JsonReply } from './dialect.js';
import { jsonTypeOf } from './json.js';

/** The inner object of a Google error body. */
export interface GoogleErrorObject {
  code: number;
  message: string;
  status: string;
  details?: unknown[];
}

/** A Google error reply. */
export function googleError(code: number, status: string, message: string, details?: unknown[]): JsonReply {
  const error: GoogleErrorObject = details ? { code, message, status, details } : { code, message, status };
  return { status: code, body: { error } };
}

/** The overload error Gemini sends, over HTTP as a 503 and in-band inside a 200 stream. */
export const GOOGLE_OVERLOADED: GoogleErrorObject = {
  code: 503,
  message: 'The model is overloaded. Please try again later.',
  status: 'UNAVAILABLE',
};

const RETRY_INFO = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' };

/** 400 INVALID_ARGUMENT, the status of every bad request. */
export function invalidArgument(message: string, field?: string): JsonReply {
  const details = field
    ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field, description: message }] }]
    : undefined;
  return googleError(400, 'INVALID_ARGUMENT', message, details);
}

/** 400 for a tier Gemini does not know (`auto` included), worded as Google words bad enum values. */
export function invalidGeminiTier(field: string, value: unknown): JsonReply {
  return invalidArgument(
    `Invalid value at '${field}' (type.googleapis.com/google.ai.generativelanguage.v1beta.ServiceTier), ` +
      `${JSON.stringify(value)}. Supported values are: "standard", "flex", "priority".`,
    field,
  );
}

/** 400 for a field of the wrong JSON type. */
export function invalidFieldType(field: string, expected: string, got: unknown): JsonReply {
  return invalidArgument(`Invalid value at '${field}': expected ${expected}, got ${jsonTypeOf(got)}.`, field);
}

/** 404 for a path no Gemini endpoint serves. */
export function googleNotFound(method: string, path: string): JsonReply {
  return googleError(404, 'NOT_FOUND', `Requested entity was not found: ${method} ${path}.`);
}

/** The bodies both Gemini dialects answer with; `method` names the endpoint in the 404 wording. */
export function googleErrors(method: string): DialectErrors {
  return {
    capacity: () =>
      googleError(
        429,
        'RESOURCE_EXHAUSTED',
        "Resource exhausted: the flex tier has no capacity for this request right now. Retry later, or send it with service_tier 'standard'.",
        [RETRY_INFO],
      ),
    rateLimit: (call) =>
      googleError(
        429,
        'RESOURCE_EXHAUSTED',
        `You exceeded your current quota, please check your plan and billing details. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_requests, limit: 500, model: ${call.model}. Please retry in 1s.`,
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }],
          },
          RETRY_INFO,
        ],
      ),
    overloaded: () => ({ status: 503, body: { error: { ...GOOGLE_OVERLOADED } } }),
    serverError: () =>
      googleError(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      ),
    unauthorized: () =>
      googleError(
        403,
        'PERMISSION_DENIED',
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      ),
    invalidJson: () => invalidArgument('Invalid JSON payload received. Unexpected token.'),
    modelNotFound: (model) =>
      googleError(
        404,
        'NOT_FOUND',
        `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
      ),
  };
}

/** True when the request carries a Gemini key: `x-goog-api-key`, or `?key=`. */
export function hasGoogleKey(headers: Record<string, string | string[] | undefined>, query: URLSearchParams): boolean {
  const header = headers['x-goog-api-key'];
  return (typeof header === 'string' && header.trim() !== '') || (query.get('key') ?? '') !== '';
}

/** Gemini adds no id or version header of its own; the simulator's `x-request-id` is on every answer. */
export function googleReplyHeaders(): Record<string, string> {
  return {};
}

/**
 * OpenAI's error envelope `{ error: { message, type, param, code } }` and the bodies the two
 * OpenAI dialects share. Messages are OpenAI's own wording where it is known (recorded or
 * documented); the flex 429 follows the documented "429 Resource Unavailable".
 */
import { OPENAI_SERVICE_TIERS } from '../tiers.js';
import type { DialectErrors, JsonReply } from './dialect.js';

/** The inner object of an OpenAI error body. */
export interface OpenAIErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

function reply(status: number, error: OpenAIErrorObject, headers?: Record<string, string>): JsonReply {
  return headers ? { status, body: { error }, headers } : { status, body: { error } };
}

/** The overload error OpenAI sends, over HTTP as a 503 and in-band inside a 200 stream. */
export const OVERLOADED: OpenAIErrorObject = {
  message: 'Our servers are currently overloaded. Please try again later.',
  type: 'service_unavailable_error',
  param: null,
  code: 'server_is_overloaded',
};

const SERVER_ERROR: OpenAIErrorObject = {
  message: 'The server had an error while processing your request. Sorry about that!',
  type: 'server_error',
  param: null,
  code: null,
};

/** 400 for a required field that is absent. */
export function missingParameter(param: string): JsonReply {
  return reply(400, {
    message: `Missing required parameter: '${param}'.`,
    type: 'invalid_request_error',
    param,
    code: 'missing_required_parameter',
  });
}

/** 400 for a field of the wrong JSON type. */
export function invalidType(param: string, expected: string, got: unknown): JsonReply {
  const actual = Array.isArray(got) ? 'an array' : got === null ? 'null' : `a ${typeof got}`;
  return reply(400, {
    message: `Invalid type for '${param}': expected ${expected}, but got ${actual} instead.`,
    type: 'invalid_request_error',
    param,
    code: 'invalid_type',
  });
}

/** 400 for a `service_tier` OpenAI does not know. */
export function invalidServiceTier(value: unknown): JsonReply {
  const listed = OPENAI_SERVICE_TIERS.map((t) => `'${t}'`);
  const supported = `${listed.slice(0, -1).join(', ')}, and ${listed[listed.length - 1]}`;
  return reply(400, {
    message: `Invalid value: '${String(value)}'. Supported values are: ${supported}.`,
    type: 'invalid_request_error',
    param: 'service_tier',
    code: 'invalid_value',
  });
}

/** 404 for a path no endpoint serves. */
export function invalidUrl(method: string, path: string): JsonReply {
  return reply(404, { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null });
}

/** The bodies both OpenAI dialects answer with. */
export const openaiErrors: DialectErrors = {
  capacity: () =>
    reply(429, {
      message:
        'Resource unavailable: flex processing has no capacity for this request right now. ' +
        "Retry later, or send it with service_tier 'auto' or 'default'.",
      type: 'rate_limit_error',
      param: null,
      code: 'resource_unavailable',
    }),
  rateLimit: (call) =>
    reply(
      429,
      {
        message:
          `Rate limit reached for ${call.model} in organization org-simulator on requests per min (RPM): ` +
          'Limit 500, Used 500, Requested 1. Please try again in 120ms. ' +
          'Visit https://platform.openai.com/account/rate-limits to learn more.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
      { 'retry-after': '1' },
    ),
  overloaded: () => reply(503, OVERLOADED),
  serverError: () => reply(500, SERVER_ERROR),
  unauthorized: () =>
    reply(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using " +
        'Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if ' +
        "you're accessing the API from your browser and are prompted for a username and password. You can " +
        'obtain an API key from https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      param: null,
      code: null,
    }),
  invalidJson: () =>
    reply(400, {
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your " +
        'HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. ' +
        'If you have trouble figuring out how to fix this, please contact us through our help center at ' +
        'help.openai.com.)',
      type: 'invalid_request_error',
      param: null,
      code: null,
    }),
  modelNotFound: (model) =>
    reply(404, {
      message: `The model \`${model}\` does not exist or you do not have access to it.`,
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    }),
};

/** True when the headers carry `Authorization: Bearer <something>`. */
export function hasBearer(headers: Record<string, string | string[] | undefined>): boolean {
  const value = headers.authorization;
  return typeof value === 'string' && /^Bearer\s+\S+/i.test(value);
}

/** Headers OpenAI puts on every answer. */
export function openaiReplyHeaders(requestId: string): Record<string, string> {
  return { 'x-request-id': requestId, 'openai-version': '2020-10-01' };
}

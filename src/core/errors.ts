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
import type { CallerFormat, ProviderId } from './types.js';

/** Every error code the router makes (SPEC §3.5, plus `invalid_body`). */
export type RouterErrorCode =
  | 'missing_start_within'
  | 'invalid_start_within'
  | 'service_tier_not_allowed'
  | 'missing_model'
  | 'missing_input'
  | 'unknown_model'
  | 'model_not_flex_capable'
  | 'flex_unsupported_for_anthropic'
  | 'auto_unsupported_for_gemini'
  | 'missing_max_tokens'
  | 'unsupported_feature'
  | 'invalid_json'
  | 'invalid_body'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'invalid_api_key'
  | 'no_byok_key'
  | 'payment_required'
  | 'flex_failed_after_start'
  | 'upstream_unreachable'
  | 'not_found'
  | 'method_not_allowed';

/** The `error.type` word of the body; see the module comment for which status gets which. */
export type RouterErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'api_error';

/**
 * Facts that make a message specific. All optional: every code produces a complete message
 * without any of them.
 */
export interface RouterErrorDetails {
  /** Overrides the table's default `param` (e.g. `max_completion_tokens` for Chat callers). */
  param?: string;
  /** The offending value as received; echoed quoted, truncated, redacted if it looks like a key. */
  received?: unknown;
  /** The model the request named. */
  model?: string;
  /** The provider the request is bound for; picks the example model and names the missing key. */
  provider?: ProviderId;
  /** The caller's request shape; the example request is written in it. Default `openai-responses`. */
  format?: CallerFormat;
  /** A field name: the one a translation cannot carry, or the one with the wrong type. */
  field?: string;
  /** Body size limit, for `body_too_large`. */
  limitBytes?: number;
  /** Request method, for `method_not_allowed`. */
  method?: string;
  /** Request path, for `not_found` / `method_not_allowed`. */
  path?: string;
  /** The name (never the value) of the setting or variable that should hold a key. */
  keyVariable?: string;
  /** Replaces the table's generic "why" with a specific one (e.g. "minutes must be below 60"). */
  detail?: string;
  /** For `invalid_start_within` when body and `x-start-within` header disagree: the header value. */
  headerValue?: unknown;
  /** For `upstream_unreachable` / `flex_failed_after_start`: HTTP status the upstream gave, if any. */
  upstreamStatus?: number;
}

/** An error the router answers with itself (as opposed to a provider error passed through). */
export class RouterError extends Error {
  /** HTTP status the router answers with (400, 401, 402, 404, 405, 413, 415 or 502). */
  readonly status: number;
  /** The machine-readable code, e.g. `invalid_start_within`. */
  readonly code: RouterErrorCode;
  /** The request field at fault, e.g. `start_within`; `null` when no single field is. */
  readonly param: string | null;
  /** The `error.type` word SDKs read, e.g. `invalid_request_error`. */
  readonly type: RouterErrorType;

  constructor(code: RouterErrorCode, status: number, type: RouterErrorType, param: string | null, message: string) {
    super(message);
    this.name = 'RouterError';
    this.code = code;
    this.status = status;
    this.type = type;
    this.param = param;
  }
}

/** The JSON body every router error is sent with (SPEC §3.5). */
export interface RouterErrorBody {
  /** Always `error` (the Anthropic SDK reads it; the others ignore it). */
  type: 'error';
  /** The error itself, in the shape OpenAI's SDKs read. */
  error: {
    /** What went wrong, why, how to fix it, and an example request that works. */
    message: string;
    /** {@link RouterError.type}. */
    type: string;
    /** {@link RouterError.param}. */
    param: string | null;
    /** {@link RouterError.code}. */
    code: string;
  };
}

// ---------------------------------------------------------------------------------------------
// Safe echo of received values

const MAX_ECHO_CHARS = 60;

/** Strings shaped like credentials: known key prefixes, or long mixed-case alphanumeric tokens. */
function looksLikeKey(text: string): boolean {
  if (/^(sk-|sk_|rk-|AIza|flex_live_|flex_test_|bearer\s|basic\s)/i.test(text)) return true;
  return text.length >= 32 && /^[A-Za-z0-9_\-]+$/.test(text) && /[A-Z]/.test(text) && /[a-z]/.test(text) && /\d/.test(text);
}

/** Key-shaped substrings: known prefixes followed by a token. */
const EMBEDDED_KEY = /(?<![A-Za-z0-9])(sk-|sk_|rk-|AIza|flex_live_|flex_test_)[A-Za-z0-9_\-]{6,}/g;

/** A received value as it may appear in a message: JSON-quoted, truncated, never a key. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (looksLikeKey(value)) return '[redacted]';
    // Keys can hide inside longer strings too (a `?key=AIza…` query, a pasted header).
    const safe = value.replace(EMBEDDED_KEY, '[redacted]');
    const cut = safe.length > MAX_ECHO_CHARS ? `${safe.slice(0, MAX_ECHO_CHARS)}…` : safe;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value) ?? String(value);
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/** A path without its query string, which may carry a key (`?key=…` on Gemini). */
function withoutQuery(path: string): string {
  const at = path.indexOf('?');
  return at === -1 ? path : path.slice(0, at);
}

/** A model id fit to reuse in an example: short, id-shaped, not a key. */
function usableModel(model: string | undefined): string | undefined {
  if (model === undefined || model.length > 64 || looksLikeKey(model)) return undefined;
  return /^[A-Za-z0-9._:/-]+$/.test(model) ? model.replace(/^models\//, '') : undefined;
}

// ---------------------------------------------------------------------------------------------
// Example requests

const EXAMPLE_MODEL: Record<ProviderId, string> = {
  openai: 'gpt-5-mini',
  gemini: 'gemini-2.5-flash',
  anthropic: 'claude-sonnet-4-5',
};

interface ExampleChoice {
  model?: string;
  startWithin?: string;
}

function providerOf(d: RouterErrorDetails, model: string | undefined): ProviderId {
  if (d.provider) return d.provider;
  if (model?.startsWith('claude-')) return 'anthropic';
  if (model?.startsWith('gemini-')) return 'gemini';
  return 'openai';
}

/**
 * A request body that works, in the caller's format. Anthropic-bound examples carry the token
 * cap in the field that format uses, so copying the example never trips `missing_max_tokens`.
 */
function exampleRequest(d: RouterErrorDetails, choice: ExampleChoice = {}): Record<string, unknown> {
  const wanted = choice.model ?? usableModel(d.model);
  const provider = providerOf(d, wanted);
  const model = wanted ?? EXAMPLE_MODEL[provider];
  const startWithin = choice.startWithin ?? (provider === 'anthropic' ? 'default' : '00h-00m-30s');
  const needsCap = provider === 'anthropic';
  const userMessage = [{ role: 'user', content: 'Say hello.' }];
  switch (d.format ?? 'openai-responses') {
    case 'openai-chat':
      return { model, messages: userMessage, ...(needsCap ? { max_completion_tokens: 1024 } : {}), start_within: startWithin };
    case 'anthropic-messages':
      return { model, max_tokens: 1024, messages: userMessage, start_within: startWithin };
    case 'gemini-interactions':
      return {
        model,
        input: 'Say hello.',
        ...(needsCap ? { generation_config: { max_output_tokens: 1024 } } : {}),
        start_within: startWithin,
      };
    case 'openai-responses':
      return { model, input: 'Say hello.', ...(needsCap ? { max_output_tokens: 1024 } : {}), start_within: startWithin };
  }
}

// ---------------------------------------------------------------------------------------------
// The table

interface ErrorSpec {
  status: number;
  type: RouterErrorType;
  param: string | null;
  what(d: RouterErrorDetails): string;
  why(d: RouterErrorDetails): string;
  fix(d: RouterErrorDetails): string;
  example(d: RouterErrorDetails): Record<string, unknown>;
}

const START_WITHIN_FORMS =
  'Send start_within as "default", "priority", "auto", or a duration "HHh-MMm-SSs" from "00h-00m-05s" (5 s) to "00h-10m-00s" (10 min), e.g. "00h-00m-30s".';

/** The field each caller format caps output tokens with (the `param` of `missing_max_tokens`). */
export const TOKEN_CAP_FIELD: Record<CallerFormat, string> = {
  'openai-responses': 'max_output_tokens',
  'openai-chat': 'max_completion_tokens',
  'anthropic-messages': 'max_tokens',
  'gemini-interactions': 'generation_config.max_output_tokens',
};

const INPUT_FIELD: Record<CallerFormat, string> = {
  'openai-responses': 'input',
  'openai-chat': 'messages',
  'anthropic-messages': 'messages',
  'gemini-interactions': 'input',
};

function modelName(d: RouterErrorDetails): string {
  return d.model === undefined ? 'the requested model' : `model ${describeReceived(d.model)}`;
}

function isRetiredStandard(d: RouterErrorDetails): boolean {
  return d.received === 'standard' || d.headerValue === 'standard';
}

const TABLE: Record<RouterErrorCode, ErrorSpec> = {
  missing_start_within: {
    status: 400,
    type: 'invalid_request_error',
    param: 'start_within',
    what: () => 'Missing required parameter: start_within.',
    why: () =>
      'The router needs to know how long this request may wait to start: a duration lets it try the half-price flex tier first, a tier word sends it straight to the provider.',
    fix: () =>
      `Add the top-level body field start_within (or the header x-start-within if your client cannot add body fields). ${START_WITHIN_FORMS}`,
    example: (d) => exampleRequest(d),
  },
  invalid_start_within: {
    status: 400,
    type: 'invalid_request_error',
    param: 'start_within',
    what: (d) =>
      d.headerValue !== undefined && d.received !== undefined
        ? `The start_within body field (${describeReceived(d.received)}) and the x-start-within header (${describeReceived(d.headerValue)}) disagree.`
        : `Invalid value for start_within: ${describeReceived(d.received ?? d.headerValue)}.`,
    why: (d) => {
      if (d.detail) return d.detail;
      if (d.headerValue !== undefined && d.received !== undefined)
        return 'The router cannot tell which of the two you meant.';
      if (isRetiredStandard(d)) return 'The word "standard" is retired; the standard tier is now called "default".';
      return 'start_within must be exactly "default", "priority", "auto" (lower case, no spaces) or a duration written "HHh-MMm-SSs" with two digits each, minutes and seconds below 60, totalling 5 s to 10 min.';
    },
    fix: (d) => {
      if (d.headerValue !== undefined && d.received !== undefined)
        return `Send start_within in one place only (the body field or the x-start-within header), or the same value in both. ${START_WITHIN_FORMS}`;
      if (isRetiredStandard(d)) return 'Send "default" instead of "standard".';
      return START_WITHIN_FORMS;
    },
    example: (d) => exampleRequest(d, isRetiredStandard(d) ? { startWithin: 'default' } : {}),
  },
  service_tier_not_allowed: {
    status: 400,
    type: 'invalid_request_error',
    param: 'service_tier',
    what: (d) => `The request sets ${d.param ?? 'service_tier'}${d.received === undefined ? '' : ` to ${describeReceived(d.received)}`}, which the router does not accept.`,
    why: () => 'The router picks the provider tier from start_within; a tier chosen in the body would contradict it.',
    fix: () =>
      'Remove service_tier (and serviceTier) from the body and say what you want with start_within: "default" for the standard tier, "priority", "auto", or a duration such as "00h-00m-30s" to try flex first.',
    example: (d) => exampleRequest(d),
  },
  missing_model: {
    status: 400,
    type: 'invalid_request_error',
    param: 'model',
    what: () => 'Missing required parameter: model.',
    why: () => 'The router chooses the provider and tier from the model id, so every request must name one.',
    fix: () => 'Add a top-level string field model, e.g. "gpt-5-mini", "gemini-2.5-flash" or "claude-sonnet-4-5".',
    example: (d) => exampleRequest({ ...d, model: undefined }),
  },
  missing_input: {
    status: 400,
    type: 'invalid_request_error',
    param: 'input',
    what: (d) => `Missing required parameter: ${d.param ?? INPUT_FIELD[d.format ?? 'openai-responses']}.`,
    why: () => 'There is nothing for the model to respond to.',
    fix: (d) =>
      `Add the input in the field your request format uses: ${d.format ? INPUT_FIELD[d.format] : 'input (Responses, Interactions), messages (Chat Completions, Messages) or contents (generateContent)'}.`,
    example: (d) => exampleRequest(d),
  },
  unknown_model: {
    status: 400,
    type: 'invalid_request_error',
    param: 'model',
    what: (d) => (d.model === undefined ? 'The requested model is unknown.' : `Unknown model ${describeReceived(d.model)}.`),
    why: () =>
      'The router could not tell which provider serves it: it is not in the model catalog and does not start with a known family prefix (gpt-, o1, o3, o4, chatgpt-, gemini-, claude-).',
    fix: () =>
      'Check the spelling, use a model id such as "gpt-5-mini", "gemini-2.5-flash" or "claude-sonnet-4-5", or add the model to the router\'s catalog.',
    example: (d) => exampleRequest({ ...d, model: undefined }),
  },
  model_not_flex_capable: {
    status: 400,
    type: 'invalid_request_error',
    param: 'start_within',
    what: (d) => `A duration start_within${d.received === undefined ? '' : ` (${describeReceived(d.received)})`} asks for the flex race, but ${modelName(d)} has no flex tier.`,
    why: () => 'Only flex-capable models can be tried on the half-price flex tier first.',
    fix: (d) =>
      `Either keep this model and send start_within "default", "priority" or "auto", or keep the duration and use a flex-capable model such as "${d.provider === 'gemini' ? 'gemini-2.5-flash' : 'gpt-5-mini'}".`,
    example: (d) => exampleRequest(d, { startWithin: 'default' }),
  },
  flex_unsupported_for_anthropic: {
    status: 400,
    type: 'invalid_request_error',
    param: 'start_within',
    what: (d) => `A duration start_within${d.received === undefined ? '' : ` (${describeReceived(d.received)})`} asks for the flex race on ${modelName(d)}.`,
    why: () => 'Anthropic has no flex tier, so Claude models cannot run the flex race.',
    fix: () =>
      'Send start_within "default" (Anthropic standard_only), "priority" or "auto" for Claude models, or use an OpenAI or Gemini flex-capable model with the duration.',
    example: (d) => exampleRequest({ ...d, provider: 'anthropic' }, { startWithin: 'default' }),
  },
  auto_unsupported_for_gemini: {
    status: 400,
    type: 'invalid_request_error',
    param: 'start_within',
    what: (d) => `start_within "auto" is not available for ${modelName(d)}.`,
    why: () => 'Gemini has no auto tier to hand the choice to.',
    fix: () => 'Send start_within "default" (Gemini standard), "priority", or a duration such as "00h-00m-30s" to try Gemini flex first.',
    example: (d) => exampleRequest({ ...d, provider: 'gemini' }, { startWithin: 'default' }),
  },
  missing_max_tokens: {
    status: 400,
    type: 'invalid_request_error',
    param: 'max_tokens',
    what: (d) => `Missing token cap for ${modelName(d)}.`,
    why: () => 'Anthropic requires every request to set a maximum number of output tokens.',
    fix: (d) =>
      `Add ${d.param ?? (d.format ? TOKEN_CAP_FIELD[d.format] : 'the token cap')} to the body (max_output_tokens on Responses, max_completion_tokens or max_tokens on Chat, max_tokens on Messages, generation_config.max_output_tokens on Interactions).`,
    example: (d) => exampleRequest({ ...d, provider: 'anthropic' }, { startWithin: 'default' }),
  },
  unsupported_feature: {
    status: 400,
    type: 'invalid_request_error',
    param: null,
    what: (d) =>
      `The field ${d.field ?? d.param ?? 'in this request'} cannot be carried to ${d.provider ?? 'the provider'}${d.model === undefined ? '' : ` for ${modelName(d)}`}.`,
    why: (d) =>
      d.detail ??
      'The request has to be translated to another provider\'s format, and that format has no equivalent; the router refuses rather than drop it silently.',
    fix: () => 'Remove the field, or use a model from a provider that supports it natively.',
    example: (d) => exampleRequest(d),
  },
  invalid_json: {
    status: 400,
    type: 'invalid_request_error',
    param: null,
    what: () => 'The request body is not valid JSON.',
    why: (d) => d.detail ?? 'The router reads start_within, model and the input from a JSON body and could not parse it.',
    fix: () => 'Send a single JSON object with content-type application/json; check quoting, trailing commas and that the body is complete.',
    example: (d) => exampleRequest(d),
  },
  invalid_body: {
    status: 400,
    type: 'invalid_request_error',
    param: null,
    what: (d) =>
      d.field === undefined
        ? `The request body must be a JSON object, got ${describeReceived(d.received)}.`
        : `The field ${d.field} has the wrong type (got ${describeReceived(d.received)}).`,
    why: (d) => d.detail ?? 'The router reads named fields from the top level of a JSON object.',
    fix: (d) =>
      d.field === undefined
        ? 'Send one JSON object whose top level holds model, the input and start_within.'
        : `Send ${d.field} with the type the API documents (model and start_within are strings).`,
    example: (d) => exampleRequest(d),
  },
  body_too_large: {
    status: 413,
    type: 'request_too_large',
    param: null,
    what: (d) => `The request body is larger than the router accepts${d.limitBytes === undefined ? '' : ` (${d.limitBytes} bytes)`}.`,
    why: () => 'The router buffers the body to read start_within and model, so it caps its size to protect the host.',
    fix: () => 'Send a smaller body (shorten the input or reference large files by URL), or ask the operator to raise the body limit.',
    example: (d) => exampleRequest(d),
  },
  unsupported_media_type: {
    status: 415,
    type: 'invalid_request_error',
    param: null,
    what: (d) => `Unsupported content type${d.received === undefined ? '' : ` ${describeReceived(d.received)}`}.`,
    why: () => 'The router only reads JSON request bodies.',
    fix: () => 'Send the body as JSON with the header content-type: application/json.',
    example: (d) => exampleRequest(d),
  },
  invalid_api_key: {
    status: 401,
    type: 'authentication_error',
    param: null,
    what: () => 'The API key for this router is missing or not valid.',
    why: () => 'The router only serves requests that carry a key its operator accepts.',
    fix: () =>
      'Send your router key as "Authorization: Bearer <key>" (or x-api-key / x-goog-api-key, as your SDK does); check that it is complete and not revoked.',
    example: (d) => exampleRequest(d),
  },
  no_byok_key: {
    status: 401,
    type: 'authentication_error',
    param: null,
    what: (d) => `No ${d.provider ?? 'provider'} API key is configured for this request.`,
    why: (d) =>
      `You bring your own provider key; the router has none for ${d.provider ?? 'the provider that serves this model'}, so it cannot call it.`,
    fix: (d) =>
      `Add your ${d.provider ?? 'provider'} key to the router configuration${d.keyVariable === undefined ? '' : ` (${d.keyVariable})`}, or use a model from a provider you have a key for.`,
    example: (d) => exampleRequest(d),
  },
  payment_required: {
    status: 402,
    type: 'billing_error',
    param: null,
    what: () => 'Flex routing is paused for this account.',
    why: (d) => d.detail ?? 'The billing gate refused flex requests, usually because billing is past due.',
    fix: () =>
      'Update billing to resume flex. Standard routing keeps working meanwhile: send start_within "default", "priority" or "auto".',
    example: (d) => exampleRequest(d, { startWithin: 'default' }),
  },
  flex_failed_after_start: {
    status: 502,
    type: 'api_error',
    param: null,
    what: () => 'The flex attempt failed after it had started, so the response is incomplete.',
    why: (d) =>
      d.detail ??
      'Flex capacity is best effort; once a flex response has started the router does not silently retry it, so that a request is never reported done when it was not.',
    fix: () => 'Retry the request, or send start_within "default", "priority" or "auto" to skip the flex tier.',
    example: (d) => exampleRequest(d, { startWithin: 'default' }),
  },
  upstream_unreachable: {
    status: 502,
    type: 'api_error',
    param: null,
    what: (d) => `The router could not reach ${d.provider ?? 'the provider'}${d.upstreamStatus === undefined ? '' : ` (status ${d.upstreamStatus})`}.`,
    why: (d) => d.detail ?? 'The connection to the provider failed or was closed before it answered.',
    fix: () => 'Retry after a short wait; if it persists, check the router\'s network access and upstream host configuration.',
    example: (d) => exampleRequest(d),
  },
  not_found: {
    status: 404,
    type: 'not_found_error',
    param: null,
    what: (d) => `No route for ${d.path === undefined ? 'this path' : describeReceived(withoutQuery(d.path))}.`,
    why: () => 'The router serves the OpenAI Responses, Chat Completions, Anthropic Messages and Gemini Interactions endpoints only.',
    fix: () =>
      'Point your SDK\'s base URL at the router and POST to the endpoint it uses: …/responses, …/chat/completions, …/messages or …/interactions.',
    example: (d) => exampleRequest(d),
  },
  method_not_allowed: {
    status: 405,
    type: 'invalid_request_error',
    param: null,
    what: (d) =>
      `Method ${d.method === undefined ? '' : `${describeReceived(d.method)} `}is not allowed${d.path === undefined ? '' : ` on ${describeReceived(withoutQuery(d.path))}`}.`,
    why: () => 'Model requests are made with POST.',
    fix: () => 'Send the request with POST and a JSON body.',
    example: (d) => exampleRequest(d),
  },
};

/** Every code, in table order (handy for exhaustive tests and docs). */
export const ROUTER_ERROR_CODES = Object.keys(TABLE) as readonly RouterErrorCode[];

/** HTTP status the router answers with for a code. */
export function statusForCode(code: RouterErrorCode): number {
  return TABLE[code].status;
}

/**
 * Builds the router's error for `code`, its message written from the table:
 * `"<what> <why> <fix> Example: <compact JSON request>"`.
 *
 * @example
 * throw routerError('invalid_start_within', { received: 'standard' });
 * // message: 'Invalid value for start_within: "standard". The word "standard" is retired; …
 * //           Send "default" instead of "standard". Example: {"model":"gpt-5-mini",…}'
 */
export function routerError(code: RouterErrorCode, details: RouterErrorDetails = {}): RouterError {
  const spec = TABLE[code];
  const message = [
    spec.what(details),
    spec.why(details),
    spec.fix(details),
    `Example: ${JSON.stringify(spec.example(details))}`,
  ].join(' ');
  // A named field is the natural param when the table has none (unsupported_feature, invalid_body).
  const param = details.param ?? spec.param ?? details.field ?? null;
  return new RouterError(code, spec.status, spec.type, param, message);
}

/** The SPEC §3.5 body that OpenAI, Anthropic and Google SDKs all parse. */
export function errorBody(err: RouterError): RouterErrorBody {
  return { type: 'error', error: { message: err.message, type: err.type, param: err.param, code: err.code } };
}

/**
 * A JSON `Response` for the error, with the right status. Extra headers are merged in
 * (e.g. `Allow: GET, POST` for 405); content-type is always `application/json`.
 */
export function errorResponse(err: RouterError, headers?: HeadersInit): Response {
  const merged = new Headers(headers);
  merged.set('content-type', 'application/json');
  return new Response(JSON.stringify(errorBody(err)), { status: err.status, headers: merged });
}

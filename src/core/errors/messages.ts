/**
 * The message table: one entry per code with its status, error type, default `param`, and the
 * four parts every message carries (what, why, how to fix, an example request that works).
 */
import type { ProviderId } from '../types.js';
import { RouterError, type RouterErrorCode, type RouterErrorDetails, type RouterErrorType } from './codes.js';
import { exampleRequest } from './examples.js';
import { bounded, describeReceived, withoutQuery } from './redact.js';

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

/**
 * The details with every free-text field cut to a bounded length (saying how long it was), so no
 * error body grows with the input: a 5 MB tool type gives a message of a few hundred characters.
 */
function boundedDetails(d: RouterErrorDetails): RouterErrorDetails {
  const out = { ...d };
  for (const key of ['param', 'field', 'path', 'method', 'detail', 'keyVariable'] as const) {
    const value = out[key];
    if (typeof value === 'string') out[key] = bounded(value);
  }
  return out;
}

/** The header each provider's SDK sends its key in (what pass-through forwards). */
const KEY_HEADER: Record<ProviderId, string> = {
  openai: '"Authorization: Bearer <key>"',
  gemini: '"x-goog-api-key: <key>"',
  anthropic: '"x-api-key: <key>"',
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
    what: (d) => `Missing required parameter: ${d.param ?? d.format?.facts.inputField ?? 'input'}.`,
    why: () => 'There is nothing for the model to respond to.',
    fix: (d) =>
      `Add the input in the field your request format uses: ${d.format ? d.format.facts.inputField : 'input (Responses, Interactions), messages (Chat Completions, Messages) or contents (generateContent)'}.`,
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
      d.format
        ? `Add ${d.param ?? d.format.facts.tokenCapFields[0]} to the body${d.format.facts.tokenCapFields.length > 1 ? ` (or ${d.format.facts.tokenCapFields.slice(1).join(', ')})` : ''}.`
        : `Add ${d.param ?? 'the output-token cap of your request format'} to the body.`,
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
      `Either add an ${d.provider ?? 'provider'} key on the server${d.keyVariable === undefined ? '' : ` (${d.keyVariable})`}, or send your own key in the header ${d.provider ? `${KEY_HEADER[d.provider]} ` : ''}with the request${d.passThrough === false ? ' (the operator must first allow that with passThroughKeys: true)' : ''}; or use a model from a provider you have a key for.`,
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
  request_refused: {
    status: 403,
    type: 'permission_error',
    param: null,
    what: () => 'The router refused this request.',
    why: (d) => d.detail ?? 'A policy step of this router does not allow it.',
    fix: () => 'Change the request as the router operator\'s policy asks, or ask the operator which requests are allowed.',
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
export function routerError(code: RouterErrorCode, raw: RouterErrorDetails = {}, headers?: Readonly<Record<string, string>>): RouterError {
  const spec = TABLE[code];
  const details = boundedDetails(raw);
  const message = [
    spec.what(details),
    spec.why(details),
    spec.fix(details),
    `Example: ${JSON.stringify(spec.example(details))}`,
  ].join(' ');
  // A named field is the natural param when the table has none (unsupported_feature, invalid_body).
  const param = details.param ?? spec.param ?? details.field ?? null;
  return new RouterError(code, spec.status, spec.type, param, message, headers);
}


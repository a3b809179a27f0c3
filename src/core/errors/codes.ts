/** The router's error codes, its error class, and the facts a message can be written from. */
import type { CallerFormat, ProviderId } from '../types.js';

/** What an example request is made of. */
export interface ExampleSpec {
  model: string;
  startWithin: string;
  /** The model's provider requires a token cap (Anthropic): the example sets one. */
  needsTokenCap: boolean;
}

/**
 * What an error message needs of the caller's request format; each caller dialect object of
 * `flexroute/dialects` is one. The core knows no format: it asks the shape.
 */
export interface CallerShape {
  readonly id: CallerFormat;
  readonly facts: { readonly inputField: string; readonly tokenCapFields: readonly string[] };
  /** A request body that works, in this format. */
  exampleRequest(example: ExampleSpec): Record<string, unknown>;
}


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
  | 'method_not_allowed'
  | 'request_refused';

/** The `error.type` word of the body; see the module comment for which status gets which. */
export type RouterErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'permission_error'
  | 'rate_limit_error'
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
  /**
   * The caller's request format (a caller dialect object from `flexroute/dialects`, or any
   * {@link CallerShape}): the example request is written in it, and the input and token-cap
   * fields are named as it names them. Without one, the example is a plain Responses-style body.
   */
  format?: CallerShape | undefined;
  /** A field name: the one a translation cannot carry, or the one with the wrong type. */
  field?: string;
  /** Body size limit, for `body_too_large`. */
  limitBytes?: number;
  /** Request method, for `method_not_allowed`. */
  method?: string;
  /** Request path, for `not_found` / `method_not_allowed`. */
  path?: string;
  /** For `no_byok_key`: whether the router forwards a key the caller sends (pass-through). */
  passThrough?: boolean;
  /** The name (never the value) of the setting or variable that should hold a key. */
  keyVariable?: string;
  /** Replaces the table's generic "why" with a specific one (e.g. "minutes must be below 60"). */
  detail?: string;
  /** For `invalid_start_within` when body and `x-start-within` header disagree: the header value. */
  headerValue?: unknown;
  /** For `upstream_unreachable` / `flex_failed_after_start`: HTTP status the upstream gave, if any. */
  upstreamStatus?: number;
}

/**
 * An error the router answers with itself (as opposed to a provider error passed through).
 * @see requestRefused for a step's own refusals.
 */
export class RouterError extends Error {
  /** HTTP status the router answers with (400, 401, 402, 404, 405, 413, 415 or 502). */
  readonly status: number;
  /** The machine-readable code, e.g. `invalid_start_within`, or a code a refusing step chose ({@link requestRefused}). */
  readonly code: RouterErrorCode | (string & {});
  /** The request field at fault, e.g. `start_within`; `null` when no single field is. */
  readonly param: string | null;
  /** The `error.type` word SDKs read, e.g. `invalid_request_error`. */
  readonly type: RouterErrorType;
  /** Headers the error response carries besides `content-type` (e.g. `Allow` on a 405). */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    code: RouterErrorCode | (string & {}),
    status: number,
    type: RouterErrorType,
    param: string | null,
    message: string,
    headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'RouterError';
    this.code = code;
    this.status = status;
    this.type = type;
    this.param = param;
    this.headers = headers;
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


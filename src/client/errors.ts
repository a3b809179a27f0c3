/**
 * The errors the client throws. Two families:
 * - {@link FlexRouteError}: the router (or the provider behind it) answered with an error, as a
 *   non-2xx response or as an error event inside a stream. It carries the fields every SDK reads:
 *   status, type, code, param and the body as received. {@link PaymentRequiredError} (402) and
 *   {@link FlexRouteValidationError} (refused locally, before sending) are kinds of it.
 * - {@link FlexRouteConnectionError}: no answer arrived: the router was unreachable, went silent
 *   for longer than `timeoutMs`, cut the connection, or the client was closed.
 * A request cancelled through the caller's own `AbortSignal` rejects with that signal's reason,
 * as `fetch` does.
 */
import { errorBody, type RouterError } from '../core/errors.js';

/** The fields of a {@link FlexRouteError} besides its message. */
export interface FlexRouteErrorInit {
  status: number;
  type: string | null;
  code: string | null;
  param: string | null;
  body: unknown;
  headers?: Headers;
  cause?: unknown;
}

/**
 * An error the router or the provider behind it answered with. Router errors and provider
 * errors passed through (OpenAI `{error:{…}}`, Anthropic `{type:'error',error:{…}}`, Google
 * `{error:{code,message,status}}`) are read into the same fields; `body` keeps the original.
 *
 * `status` is the HTTP status of the response the error arrived in, so an error event inside a
 * stream has the stream's status (200): tell such errors apart by `code`.
 *
 * @example
 * ```ts
 * try {
 *   await client.responses.create({ model: 'gpt-5-mini', input: 'Hi', start_within: 'priority' });
 * } catch (err) {
 *   if (err instanceof FlexRouteError && err.code === 'no_byok_key') console.log('Add your OpenAI key.');
 *   else throw err;
 * }
 * ```
 */
export class FlexRouteError extends Error {
  /** HTTP status of the response that carried the error (200 for an error event in a stream). */
  readonly status: number;
  /** The error's `type` word, e.g. `invalid_request_error`, `overloaded_error`; null if none. */
  readonly type: string | null;
  /** Machine-readable code, e.g. `missing_start_within`, `rate_limit_exceeded`, `RESOURCE_EXHAUSTED`; null if none. */
  readonly code: string | null;
  /** The request field the error is about, e.g. `start_within`; null if none. */
  readonly param: string | null;
  /** The error body (or stream event) as received: parsed JSON, or the raw text if it was not JSON. */
  readonly body: unknown;
  /** Response headers (e.g. `retry-after`), when the error came with a response. */
  readonly headers: Headers | undefined;

  constructor(message: string, init: FlexRouteErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'FlexRouteError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
    this.body = init.body;
    this.headers = init.headers;
  }
}

/**
 * HTTP 402: the router's billing gate paused flex routing. Standard routing (`start_within`
 * `"default"`, `"priority"`, `"auto"`) keeps working. A subclass of {@link FlexRouteError}, so
 * handlers for that keep catching it.
 *
 * @example
 * ```ts
 * try {
 *   await client.responses.create({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' });
 * } catch (err) {
 *   if (err instanceof PaymentRequiredError) console.log('Billing is past due: update payment to resume flex.');
 *   else throw err;
 * }
 * ```
 */
export class PaymentRequiredError extends FlexRouteError {
  constructor(message: string, init: FlexRouteErrorInit) {
    super(message, init);
    this.name = 'PaymentRequiredError';
  }
}

/**
 * The request was refused locally, before anything was sent, for a reason the router would
 * have refused it with (missing or unreadable `start_within`, no `model` or input, a
 * `service_tier` in the body, a field of the wrong type). The client's counterpart of the Python
 * SDK's `ValueError`, typed: `message` is `"Invalid request body: "` followed by the router's
 * own message for the same body, and `status`, `type`, `code`, `param` and `body` are exactly
 * what the router would have answered.
 *
 * @example
 * ```ts
 * try {
 *   await client.responses.create({ model: 'gpt-5-mini', input: 'Hi' } as never);
 * } catch (err) {
 *   if (err instanceof FlexRouteValidationError) console.log(err.code); // 'missing_start_within'
 * }
 * ```
 */
export class FlexRouteValidationError extends FlexRouteError {
  constructor(error: RouterError) {
    super(`Invalid request body: ${error.message}`, {
      status: error.status,
      type: error.type,
      code: error.code,
      param: error.param,
      body: errorBody(error),
    });
    this.name = 'FlexRouteValidationError';
  }
}

/** Why a {@link FlexRouteConnectionError} happened. */
export type ConnectionFailure =
  /** The router could not be reached, or the connection broke before the answer was complete. */
  | 'network'
  /** Nothing arrived from the router for `timeoutMs`. */
  | 'timeout'
  /** The client was closed (by `close()` or leaving an `await using` block). */
  | 'closed';

/**
 * No (complete) answer from the router: unreachable, silent past `timeoutMs`, cut mid-answer,
 * or the client was closed. `reason` says which; `cause` holds the underlying error, if any.
 *
 * @example
 * ```ts
 * try {
 *   await client.chat.completions.create({ model: 'gpt-5-mini', messages, start_within: 'default' });
 * } catch (err) {
 *   if (err instanceof FlexRouteConnectionError && err.reason === 'network') console.log('Is the router running?');
 * }
 * ```
 */
export class FlexRouteConnectionError extends Error {
  readonly reason: ConnectionFailure;

  constructor(reason: ConnectionFailure, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'FlexRouteConnectionError';
    this.reason = reason;
  }
}

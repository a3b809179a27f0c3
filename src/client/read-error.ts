/**
 * Turns error bodies and error stream events into {@link FlexRouteError}s. One reader for every
 * shape that can reach the client, because errors from the provider pass through the router
 * untouched:
 * | source | shape |
 * |---|---|
 * | the router, Anthropic | `{"type":"error","error":{"type","message",("code","param")}}` |
 * | OpenAI | `{"error":{"message","type","param","code"}}` |
 * | Google | `{"error":{"code":429,"message","status":"RESOURCE_EXHAUSTED"}}` (code ← `status`) |
 * | Responses `error` event | `{"type":"error","code","message","param"}` or nested in `error` |
 * | Responses `response.failed` | `{"type":"response.failed","response":{"error":{"code","message"}}}` |
 * | Chat error chunk, Interactions `error` event | `{"error":{…}}` |
 */
import { FlexRouteError, PaymentRequiredError, type FlexRouteErrorInit } from './errors.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The object holding the error's fields, wherever the shape puts it. */
function locateError(body: JsonObject): JsonObject {
  if (body['type'] === 'response.failed' && isObject(body['response']) && isObject(body['response']['error'])) {
    return body['response']['error'];
  }
  return isObject(body['error']) ? body['error'] : body;
}

interface ErrorFields {
  message: string | null;
  type: string | null;
  code: string | null;
  param: string | null;
}

function readFields(body: unknown): ErrorFields {
  if (!isObject(body)) return { message: null, type: null, code: null, param: null };
  const error = locateError(body);
  // A top-level Responses `error` event keeps its fields beside `type: "error"`, which names the
  // event rather than the error.
  const type = error === body && body['type'] === 'error' ? null : text(error['type']);
  return {
    message: text(error['message']),
    type,
    code: text(error['code']) ?? text(error['status']),
    param: text(error['param']),
  };
}

const MAX_SNIPPET = 300;

function snippet(raw: string): string {
  return raw.length > MAX_SNIPPET ? `${raw.slice(0, MAX_SNIPPET)}…` : raw;
}

/**
 * The error for a non-2xx response whose body was read as `raw`. 402 is a
 * {@link PaymentRequiredError}. The message is the body's own when it has one (so router
 * messages reach the caller word for word), else the status and the start of the body.
 */
export function errorFromResponse(response: Response, raw: string): FlexRouteError {
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // Not JSON (a proxy's HTML page, a plain-text 502): keep the text as the body.
  }
  const fields = readFields(body);
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const message =
    fields.message ??
    (raw.trim().length === 0
      ? `The router answered ${statusLine} with an empty body.`
      : `The router answered ${statusLine}: ${snippet(raw.trim())}`);
  const init: FlexRouteErrorInit = { status: response.status, ...withoutMessage(fields), body, headers: response.headers };
  return response.status === 402 ? new PaymentRequiredError(message, init) : new FlexRouteError(message, init);
}

/** The error for an error event (or Chat error chunk) that arrived inside a stream. */
export function errorFromStreamEvent(event: unknown, response: Response): FlexRouteError {
  const fields = readFields(event);
  const message =
    fields.message ??
    `The stream reported an error${fields.code === null ? '' : ` (${fields.code})`} and ended; the answer is incomplete.`;
  return new FlexRouteError(message, { status: response.status, ...withoutMessage(fields), body: event, headers: response.headers });
}

/** True when a parsed stream event reports a failure rather than progress. */
export function isErrorEvent(sseEventName: string | undefined, event: JsonObject): boolean {
  if (sseEventName === 'error') return true;
  const type = event['type'] ?? event['event_type'];
  if (type === 'error' || type === 'response.failed') return true;
  // Chat Completions ends a failed stream with a chunk that has a truthy `error`.
  return Boolean(event['error']) && type === undefined;
}

function withoutMessage(fields: ErrorFields): Omit<ErrorFields, 'message'> {
  return { type: fields.type, code: fields.code, param: fields.param };
}

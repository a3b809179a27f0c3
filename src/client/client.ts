import { describeReceived } from '../core/errors.js';
import { asyncDispose } from './dispose-symbol.js';
import { ENDPOINTS, type EndpointSpec } from './endpoints.js';
import { FlexRouteConnectionError, FlexRouteError } from './errors.js';
import { EventStream } from './event-stream.js';
import { errorFromResponse } from './read-error.js';
import { RequestScope } from './request-scope.js';
import { Resource } from './resource.js';
import type {
  ChatCompletionsCreateBody,
  FetchLike,
  FlexRouteOptions,
  InteractionsCreateBody,
  JsonObject,
  MessagesCreateBody,
  RequestOptions,
  ResponsesCreateBody,
} from './types.js';
import { prepareBody } from './validate.js';

/** `flexroute serve`'s default address. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8080/v1';

/** See {@link FlexRouteOptions.timeoutMs}: the longest start_within window plus room to generate. */
export const DEFAULT_TIMEOUT_MS = 900_000;

function environment(name: string): string | undefined {
  // Read defensively: browsers and Workers have no `process`.
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = proc?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

/** The base URL without trailing slashes; refuses what `fetch` could not use, before any request. */
function checkBaseURL(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(
      `baseURL must be an absolute http(s) URL of the router including its /v1 path, e.g. "http://127.0.0.1:8080/v1"; got ${describeReceived(raw)}.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    // Never echoed: it holds a credential.
    throw new TypeError('baseURL must not carry a user name or password; pass the key as apiKey instead, e.g. new FlexRoute({ baseURL: "http://127.0.0.1:8080/v1", apiKey }).');
  }
  return raw.replace(/\/+$/, '');
}

function positiveMs(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds, e.g. { ${name}: 600_000 }; got ${String(value)}.`);
  }
  return value;
}

/**
 * A client for a flexroute router, mirroring the FlexInference Python SDK: four caller formats,
 * local validation of `start_within` and the other fields the router checks, raw JSON answers,
 * parsed event streams, and typed errors. No retries: the router already moves a request that
 * cannot start on flex up to standard, and a silent retry would double the wait.
 *
 * Closing: `close()` (or leaving an `await using` block) cancels every request still in flight,
 * which closes its connection, and makes later calls reject with a `FlexRouteConnectionError`
 * (`reason: 'closed'`). Idle keep-alive connections belong to the `fetch` in use: the runtime's
 * own pool by default (on Node its idle sockets never keep the process alive); pass a `fetch`
 * with its own pool to control them.
 *
 * @example
 * ```ts
 * import { FlexRoute, outputText } from 'flexroute/client';
 *
 * await using client = new FlexRoute({ baseURL: 'http://127.0.0.1:8080/v1' });
 * const res = await client.responses.create({
 *   model: 'gpt-5-mini',
 *   input: 'Write a haiku about cheap GPUs.',
 *   start_within: '00h-00m-30s',
 * });
 * console.log(outputText(res));
 * ```
 */
export class FlexRoute {
  /** The router's base URL, without a trailing slash, e.g. `http://127.0.0.1:8080/v1`. */
  readonly baseURL: string;
  /** OpenAI Responses: `POST <baseURL>/responses`. */
  readonly responses: Resource<ResponsesCreateBody>;
  /** OpenAI Chat Completions: `client.chat.completions.create(…)`, `POST <baseURL>/chat/completions`. */
  readonly chat: { readonly completions: Resource<ChatCompletionsCreateBody> };
  /** Gemini Interactions: `POST <baseURL>/interactions`. */
  readonly interactions: Resource<InteractionsCreateBody>;
  /** Anthropic Messages: `POST <baseURL>/messages`. */
  readonly messages: Resource<MessagesCreateBody>;

  // Private fields, so the key never shows in console.log(client) or JSON.stringify(client).
  readonly #apiKey: string | undefined;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #defaultHeaders: Record<string, string>;
  readonly #inFlight = new Set<RequestScope>();
  #closed = false;

  constructor(options: FlexRouteOptions = {}) {
    this.baseURL = checkBaseURL(options.baseURL ?? environment('FLEXROUTE_BASE_URL') ?? DEFAULT_BASE_URL);
    this.#apiKey = options.apiKey ?? environment('FLEXROUTE_API_KEY');
    const fetchImpl = options.fetch;
    this.#fetch = fetchImpl ? (url, init) => fetchImpl(url, init) : (url, init) => globalThis.fetch(url, init);
    this.#timeoutMs = positiveMs(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.#defaultHeaders = { ...options.defaultHeaders };

    const send = (endpoint: EndpointSpec, body: unknown, request: RequestOptions) => this.#send(endpoint, body, request);
    this.responses = new Resource(ENDPOINTS.responses, send);
    this.chat = { completions: new Resource(ENDPOINTS.chatCompletions, send) };
    this.interactions = new Resource(ENDPOINTS.interactions, send);
    this.messages = new Resource(ENDPOINTS.messages, send);
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Cancels every request still in flight (closing their connections; their calls and streams
   * reject with a `FlexRouteConnectionError`, `reason: 'closed'`) and refuses new ones. Safe to
   * call more than once.
   *
   * @example
   * ```ts
   * const client = new FlexRoute();
   * try {
   *   // …
   * } finally {
   *   await client.close();
   * }
   * ```
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const scope of [...this.#inFlight]) scope.close();
  }

  /** `await using client = new FlexRoute()` closes the client when the block exits. */
  [asyncDispose](): Promise<void> {
    return this.close();
  }

  async #send(endpoint: EndpointSpec, body: unknown, request: RequestOptions): Promise<JsonObject | EventStream> {
    const url = `${this.baseURL}${endpoint.path}`;
    if (this.#closed) {
      throw new FlexRouteConnectionError(
        'closed',
        `This FlexRoute client is closed, so it cannot send the request to ${url}. close() (or leaving an \`await using\` block) ends a client for good; ` +
          'create a new one for new requests: const client = new FlexRoute({ baseURL: "http://127.0.0.1:8080/v1" }).',
      );
    }
    const headers = this.#headers(request);
    const prepared = prepareBody(body, endpoint.format, headers.get('x-start-within'));
    headers.set('accept', prepared.stream ? 'text/event-stream' : 'application/json');

    const timeoutMs = positiveMs(request.timeoutMs ?? this.#timeoutMs, 'timeoutMs');
    const scope = new RequestScope({ url, timeoutMs, signal: request.signal, registry: this.#inFlight });
    let response: Response;
    try {
      response = await this.#fetch(url, { method: 'POST', headers, body: prepared.json, signal: scope.signal });
    } catch (cause) {
      throw scope.failure(cause, 'connect');
    }
    scope.touch();
    if (!response.ok) throw errorFromResponse(response, await readText(response, scope));
    if (prepared.stream) return new EventStream(response, scope);
    return parseWhole(response, await readText(response, scope));
  }

  #headers(request: RequestOptions): Headers {
    const headers = new Headers({ 'content-type': 'application/json' });
    if (this.#apiKey !== undefined) headers.set('authorization', `Bearer ${this.#apiKey}`);
    for (const [name, value] of Object.entries(this.#defaultHeaders)) headers.set(name, value);
    for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
    return headers;
  }
}

/** Reads a body to the end, restarting the idle timer as chunks arrive, then ends the scope. */
async function readText(response: Response, scope: RequestScope): Promise<string> {
  if (!response.body) {
    scope.finish();
    return '';
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        throw scope.failure(cause, 'read');
      }
      if (chunk.done) break;
      scope.touch();
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    reader.releaseLock();
    scope.finish();
  }
}

function parseWhole(response: Response, text: string): JsonObject {
  try {
    return JSON.parse(text) as JsonObject;
  } catch {
    throw new FlexRouteError(
      `The router answered ${response.status} with a body that is not JSON (${JSON.stringify(text.slice(0, 80))}), so it cannot be read. ` +
        'Check that baseURL points at a flexroute router (including /v1) and not at another server or a proxy page.',
      { status: response.status, type: 'api_error', code: 'invalid_response_body', param: null, body: text, headers: response.headers },
    );
  }
}

import type { EndpointSpec } from './endpoints.js';
import type { EventStream } from './event-stream.js';
import type { BaseCreateBody, JsonObject, RequestOptions } from './types.js';

/** How a resource hands its request to the client. */
export type SendRequest = (endpoint: EndpointSpec, body: unknown, options: RequestOptions) => Promise<JsonObject | EventStream>;

/**
 * One endpoint of the router, e.g. `client.responses` or `client.chat.completions`.
 *
 * `create(body)` validates the body locally (rejecting with a `FlexRouteValidationError` before
 * anything is sent), posts it, and resolves to the provider's JSON as the router sent it, or,
 * with `stream: true` in the body, to an {@link EventStream} once the response has started.
 *
 * @example
 * ```ts
 * const res = await client.responses.create({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default' });
 * const stream = await client.responses.create({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default', stream: true });
 * ```
 */
export class Resource<Body extends BaseCreateBody> {
  readonly #endpoint: EndpointSpec;
  readonly #send: SendRequest;

  /** @internal Made by the client. */
  constructor(endpoint: EndpointSpec, send: SendRequest) {
    this.#endpoint = endpoint;
    this.#send = send;
  }

  /** Streams the answer: resolves to an {@link EventStream} of parsed events. */
  create(body: Body & { stream: true }, options?: RequestOptions): Promise<EventStream>;
  /** Resolves to the whole answer: the provider's JSON, never reshaped. */
  create(body: Body & { stream?: false | null }, options?: RequestOptions): Promise<JsonObject>;
  /** `stream` decided at run time: an {@link EventStream} when it is `true`, else the JSON. */
  create(body: Body, options?: RequestOptions): Promise<JsonObject | EventStream>;
  create(body: Body, options: RequestOptions = {}): Promise<JsonObject | EventStream> {
    return this.#send(this.#endpoint, body, options);
  }
}

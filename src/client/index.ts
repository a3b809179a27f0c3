/**
 * The flexroute client: a TypeScript counterpart of the FlexInference Python SDK for talking to
 * a flexroute router over HTTP. See docs/client.md.
 *
 * @example
 * ```ts
 * import { FlexRoute, FlexRouteError } from 'flexroute/client';
 *
 * await using client = new FlexRoute({ baseURL: 'http://127.0.0.1:8080/v1' });
 * const stream = await client.responses.create({
 *   model: 'gpt-5-mini',
 *   input: 'Count to ten.',
 *   start_within: '00h-00m-20s',
 *   stream: true,
 * });
 * for await (const event of stream) {
 *   if (event.type === 'response.output_text.delta') process.stdout.write(String(event.delta));
 * }
 * ```
 *
 * @packageDocumentation
 */
export { FlexRoute, FlexRoute as FlexRouteClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './client.js';
export { Resource } from './resource.js';
// The seed SDK's output helpers: the assistant text of a raw answer (`''` when there is none).
export { outputText, interactionOutputText, messageOutputText } from '../dialects/output-text.js';
export { EventStream, type StreamEvent } from './event-stream.js';
export {
  FlexRouteError,
  PaymentRequiredError,
  FlexRouteValidationError,
  FlexRouteConnectionError,
  type ConnectionFailure,
  type FlexRouteErrorInit,
} from './errors.js';
export type {
  FlexRouteOptions,
  RequestOptions,
  FetchLike,
  StartWithinValue,
  BaseCreateBody,
  ResponsesCreateBody,
  ChatCompletionsCreateBody,
  InteractionsCreateBody,
  MessagesCreateBody,
  JsonObject,
} from './types.js';

/**
 * The contract every simulated wire dialect fulfils. A dialect is one file: it reads its
 * requests, renders a generation as its stream events and whole body, frames recorded
 * transcripts, and owns its error bodies. The exchange (timing, pool, failures) is shared.
 */
import type { DialectId } from '../../core/types.js';
import type { Rng } from '../random.js';
import type { PoolName } from '../types.js';

/** One SSE event as sent: optional `event:` name, the `data:` payload, the output tokens it carries. */
export interface Frame {
  event?: string;
  data: string;
  /** Output tokens in this event; events with tokens > 0 are "content events" (paced, counted for failures). */
  tokens: number;
}

/** A status and JSON body to answer with (an error, or a plain reply such as the model list). */
export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A function tool the request declares. */
export interface ToolSpec {
  name: string;
  /** JSON Schema of the arguments, if given. */
  parameters?: unknown;
}

/** What the simulator needs from a request, read by the dialect. */
export interface Call {
  model: string;
  stream: boolean;
  /** The tier field as sent (`service_tier`, or Gemini's `serviceTier`); `undefined` when absent. */
  requestedTier: string | undefined;
  /** The pool that serves it, from the dialect's tier table. */
  pool: PoolName;
  /** The tier value reported once served (`flex`, `default`, `standard`, `priority`). */
  servedTier: string;
  /** The last user text (echoed by the generated reply). */
  prompt: string;
  inputTokens: number;
  tools: ToolSpec[];
  /** `auto`, `none`, `required`, or the name of a forced function. */
  toolChoice: 'auto' | 'none' | 'required' | { name: string };
  /** The request's output cap, if any (`max_output_tokens`, `max_completion_tokens`, …). */
  maxOutputTokens: number | undefined;
  /** JSON Schema of a structured-output request: the reply is then JSON that fits it. */
  responseSchema?: unknown;
  /** The parsed body, for dialect-specific options. */
  body: Record<string, unknown>;
}

/** What the simulated model produced for one call, independent of wire format. */
export interface Generation {
  /** Text deltas (empty for a tool call); `text` is their concatenation. */
  tokens: string[];
  text: string;
  toolCall: { name: string; arguments: string; chunks: string[] } | undefined;
  /** True when the output cap cut the reply short. */
  truncated: boolean;
  inputTokens: number;
  outputTokens: number;
  /** The tier value to report once served (`flex`, `default`, `standard`, `priority`). */
  servedTier: string;
  /** Unix seconds. */
  createdAt: number;
  /** Seeded PRNG for ids and obfuscation padding. */
  rng: Rng;
}

/** A generation rendered for a streaming response. */
export interface StreamRendering {
  /** Bookkeeping sent with the headers, before start (not evidence of generation). */
  head: Frame[];
  /** Everything after start, in order, ending with the terminal event(s). */
  content: Frame[];
  /** Sent instead of `content` when the stream fails before start. */
  inbandError: Frame[];
  /** A malformed event (invalid JSON in `data:`). */
  malformed: Frame;
}

/** The error bodies a dialect answers with, exactly as its provider sends them. */
export interface DialectErrors {
  /** 429 from the flex pool: no capacity. */
  capacity(call: Call): JsonReply;
  /** 429 from other pools: rate limit. */
  rateLimit(call: Call): JsonReply;
  /** The `rate503` answer: OpenAI and Gemini 503, Anthropic 529 `overloaded_error`. */
  overloaded(): JsonReply;
  /** 500: what a non-streaming request gets where a stream would fail in-band. */
  serverError(): JsonReply;
  /** No credentials (`requireAuth`): 401, or Gemini's 403. */
  unauthorized(): JsonReply;
  /** 400: the body is not JSON. */
  invalidJson(): JsonReply;
  /** 404: unknown model (only with `rejectUnknownModels`). */
  modelNotFound(model: string): JsonReply;
}

/** Parts of the path a dialect matched (Gemini puts the model and stream mode there). */
export interface RouteMatch {
  model?: string;
  stream?: boolean;
  /** A path the dialect owns but will not serve as asked (e.g. a Gemini stream without `alt=sse`). */
  reject?: JsonReply;
}

/** Request headers as Node gives them (lower-cased names). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface Dialect {
  id: DialectId;
  /** `Content-Type` of a streaming response. */
  streamContentType: string;
  /** Matches a POST path (without query); `undefined` when it is not this dialect's. */
  match(pathname: string, query: URLSearchParams): RouteMatch | undefined;
  /** True when the request carries credentials in this dialect's way. */
  hasCredentials(headers: RequestHeaders, query: URLSearchParams): boolean;
  /** A 4xx for a missing or bad required header (Anthropic's `anthropic-version`), else `undefined`. */
  checkHeaders?(headers: RequestHeaders): JsonReply | undefined;
  /** Validates and reads a parsed JSON body: the call, or the 4xx the provider would send. */
  parse(body: unknown, route: RouteMatch): Call | JsonReply;
  /** Headers on every answer of this dialect, errors included (request ids, API versions). */
  replyHeaders(requestId: string): Record<string, string>;
  /** Extra headers on a 200 answer (e.g. Gemini's `x-gemini-service-tier`). */
  successHeaders?(call: Call, gen: Generation, elapsedMs: number): Record<string, string>;
  /** Adjusts an error body before it is sent (Anthropic adds `request_id`). */
  stampError?(body: unknown, requestId: string): unknown;
  /** Renders a generation as stream events. */
  renderStream(call: Call, gen: Generation): StreamRendering;
  /** Renders a generation as the non-streaming body. */
  renderWhole(call: Call, gen: Generation): unknown;
  /** Frames a recorded `*.chunks.txt`, split into bookkeeping head and the rest. */
  replayStream(transcript: string): { head: Frame[]; content: Frame[] };
  errors: DialectErrors;
}

/** True when a result is a reply to send back rather than the value asked for. */
export function isJsonReply<T extends object>(value: T | JsonReply): value is JsonReply {
  return 'status' in value && 'body' in value;
}

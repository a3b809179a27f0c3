/**
 * The contract every simulated wire dialect fulfils. A dialect is one file: it reads its
 * requests, renders a generation as its stream events and whole body, frames recorded
 * transcripts, and owns its error bodies. The exchange (timing, pool, failures) is shared.
 */
import type { DialectId } from '../../core/types.js';
import type { Rng } from '../random.js';

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
  /** `service_tier` as sent (`undefined` when absent). */
  requestedTier: string | undefined;
  /** The last user text (echoed by the generated reply). */
  prompt: string;
  inputTokens: number;
  tools: ToolSpec[];
  /** `auto`, `none`, `required`, or the name of a forced function. */
  toolChoice: 'auto' | 'none' | 'required' | { name: string };
  /** The request's output cap, if any (`max_output_tokens`, `max_completion_tokens`, …). */
  maxOutputTokens: number | undefined;
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
  /** The `service_tier` value to report once served (`flex`, `default`, `priority`). */
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
  /** 503: overloaded. */
  overloaded(): JsonReply;
  /** 500: what a non-streaming request gets where a stream would fail in-band. */
  serverError(): JsonReply;
  /** 401: no credentials. */
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
}

export interface Dialect {
  id: DialectId;
  /** `Content-Type` of a streaming response. */
  streamContentType: string;
  /** Matches a POST path (without query); `undefined` when it is not this dialect's. */
  match(pathname: string, query: URLSearchParams): RouteMatch | undefined;
  /** True when the request carries credentials in this dialect's way. */
  hasCredentials(headers: Record<string, string | string[] | undefined>, query: URLSearchParams): boolean;
  /** Validates and reads a parsed JSON body: the call, or the 4xx the provider would send. */
  parse(body: unknown, route: RouteMatch): Call | JsonReply;
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

/**
 * Public types of the client: its options, per-request options, and the request bodies of the
 * four caller formats. Bodies are typed only in the fields the router reads; every other field
 * passes through to the provider untouched, so new provider parameters work without a release.
 */
import type { JsonObject } from '../dialects/ir/json.js';

/** Anything shaped like `fetch` for a URL string; `globalThis.fetch` and undici's fit. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options of `new FlexRoute(options)`. All optional. */
export interface FlexRouteOptions {
  /**
   * Sent as `Authorization: Bearer <apiKey>`: the key your router's `authenticate` hook expects,
   * or your provider key when the router forwards the caller's key (BYOK pass-through).
   * Default: the `FLEXROUTE_API_KEY` environment variable where there is one; else none.
   */
  apiKey?: string;
  /**
   * The router's base URL including its `/v1` path. Default: the `FLEXROUTE_BASE_URL`
   * environment variable, else `http://127.0.0.1:8080/v1` (`flexroute serve`'s default address).
   */
  baseURL?: string;
  /** How requests are sent. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /**
   * Longest the client waits with nothing arriving from the router, in ms: for the response
   * headers, then between body chunks. Default 900 000 (15 min): a non-streaming request that
   * races flex may wait its whole `start_within` window (up to 10 min) before the first byte.
   */
  timeoutMs?: number;
  /** Headers sent with every request (after the defaults, before per-request headers). */
  defaultHeaders?: Record<string, string>;
}

/** Options of one `create` call. */
export interface RequestOptions {
  /** Cancels the request (and a stream being read); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this request. */
  timeoutMs?: number;
  /** Extra headers for this request; they override the client's. */
  headers?: Record<string, string>;
}

/**
 * `start_within`: `"default"`, `"priority"`, `"auto"`, or a duration `"HHh-MMm-SSs"` from
 * `"00h-00m-05s"` to `"00h-10m-00s"` (try flex first for that long, then standard).
 */
export type StartWithinValue = 'default' | 'priority' | 'auto' | (string & {});

/** Fields every caller format shares. */
export interface BaseCreateBody {
  /** A model id, e.g. `"gpt-5-mini"`, `"gemini-2.5-flash"`, `"claude-sonnet-4-5"`. */
  model: string;
  /** How long the request may wait to start; required. See {@link StartWithinValue}. */
  start_within: StartWithinValue;
  /** `true` streams the answer as events (`create` then resolves to an `EventStream`). */
  stream?: boolean | null;
  /** Not allowed: the router picks the tier from `start_within` (400 `service_tier_not_allowed`). */
  service_tier?: never;
  /** Not allowed, as `service_tier`. */
  serviceTier?: never;
  /** Any other field passes through to the provider. */
  [field: string]: unknown;
}

/** A Responses request (`POST /responses`), in OpenAI's shape. */
export interface ResponsesCreateBody extends BaseCreateBody {
  /** A string, or an array of input items. */
  input: string | unknown[];
}

/** A Chat Completions request (`POST /chat/completions`), in OpenAI's shape. */
export interface ChatCompletionsCreateBody extends BaseCreateBody {
  /** At least one message. */
  messages: unknown[];
}

/** An Interactions request (`POST /interactions`), in Gemini's shape. */
export interface InteractionsCreateBody extends BaseCreateBody {
  /** A string, a content object, or an array of turns. */
  input: string | unknown[] | Record<string, unknown>;
}

/** A Messages request (`POST /messages`), in Anthropic's shape. */
export interface MessagesCreateBody extends BaseCreateBody {
  /** At least one message. */
  messages: unknown[];
  /** Output token cap; Anthropic requires one (the router answers 400 `missing_max_tokens` for Claude without it). */
  max_tokens: number;
}

// A whole (non-streaming) answer is a `JsonObject`: the provider's JSON exactly as the router sent it, never reshaped.
export type { JsonObject };

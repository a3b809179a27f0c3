/**
 * Public types of the simulator: pool knobs, options, the request log and the handle
 * `startSimulator` returns. Everything a user of the simulator codes against lives here.
 */
import type { DialectId } from '../core/types.js';

/**
 * A delay in milliseconds: a fixed number, uniform between `min` and `max`, or exponential
 * with mean `meanMs` (a long tail, like a busy flex pool).
 */
export type DelaySpec = number | { min: number; max: number } | { distribution: 'exponential'; meanMs: number };

/** A count: fixed, or uniform between `min` and `max` (both included). */
export type CountSpec = number | { min: number; max: number };

/**
 * How one tier pool behaves. Every field is optional; the defaults are a healthy, instant pool:
 * unlimited capacity, no delay, no failures, unpaced output of 24 tokens.
 *
 * Rates are probabilities in [0, 1] drawn per request from the seeded PRNG. Failures before
 * start are drawn in this order and the first hit wins: `resetRate`, `rate429`, `rate503`,
 * `inbandErrorRate`. After start, `cutAfterStartRate` wins over `stallAfterStartRate`;
 * `malformedRate` is drawn on its own and combines with either.
 */
export interface PoolKnobs {
  /** Requests that may be in generation at once (default `Infinity`). A stalled request keeps its slot. */
  capacity?: number;
  /**
   * When the pool is full: `true` (default) queues the request (FIFO) until a slot frees, so its
   * start is delayed; `false` answers 429 at once, as a flex pool with no capacity does.
   */
  queue?: boolean;
  /**
   * Time from getting a slot to the first content (default 0). Streaming responses get their
   * headers and bookkeeping events at once and content after this delay; non-streaming responses
   * are delayed as a whole.
   */
  startDelayMs?: DelaySpec;
  /**
   * Probability of answering 429 in the dialect's own body (flex: "no capacity"; other tiers: a
   * rate limit): OpenAI `resource_unavailable` / `rate_limit_exceeded`, Gemini
   * `RESOURCE_EXHAUSTED`, Anthropic `rate_limit_error`.
   */
  rate429?: number;
  /** Probability of answering "overloaded": OpenAI and Gemini 503, Anthropic 529 `overloaded_error`. */
  rate503?: number;
  /** Probability of destroying the socket before answering anything (the client sees a reset). */
  resetRate?: number;
  /**
   * Probability of a 200 stream that fails before start: bookkeeping, then at the start time an
   * in-band error — Responses `error` + `response.failed`, Chat and Gemini an `error` chunk,
   * Messages and Interactions `event: error`. Non-streaming: 500 in the dialect's body.
   */
  inbandErrorRate?: number;
  /** Probability of destroying the socket after some content was sent. */
  cutAfterStartRate?: number;
  /** Probability of going silent after some content (socket stays open, slot stays taken). */
  stallAfterStartRate?: number;
  /** Probability of sending one malformed event (`data: {not json`) after some content, then carrying on. */
  malformedRate?: number;
  /** Pace of content deltas in tokens per second; `0` or `Infinity` (default) sends as fast as possible. */
  tokensPerSecond?: number;
  /** Output length in tokens (one token = one word of the generated text). Default 24. */
  outputTokens?: CountSpec;
}

/**
 * The pools by name. A request's tier field picks one (see {@link poolForTier}): OpenAI and
 * Gemini `flex` → flex, `priority` → priority, everything else → standard. Anthropic requests
 * always run on standard (Anthropic has no flex tier).
 */
export interface PoolSet {
  flex?: PoolKnobs;
  standard?: PoolKnobs;
  priority?: PoolKnobs;
}

/** Name of a pool. */
export type PoolName = keyof PoolSet;

/** A failure (or the absence of one) a script can force. */
export type ScriptedOutcome =
  | 'complete'
  | 'status_429'
  | 'status_503'
  | 'reset'
  | 'inband_error'
  | 'cut_after_start'
  | 'stall_after_start';

/**
 * A recorded transcript to serve instead of generated text, in the format of
 * `test/fixtures/recorded/` (see its NOTICE.md): pass file contents, not paths.
 */
export interface ReplayTranscript {
  /** A `*.chunks.txt`: one event's JSON per line; framed per the dialect's SSE rules. */
  stream?: string;
  /** A `*.json`: the non-streaming body, served verbatim. */
  whole?: string;
}

/**
 * Transcripts by dialect. A dialect without one generates text as usual. Stream lines are framed
 * per NOTICE.md: Responses and Messages as `event: <type>`, Interactions as `event: <event_type>`,
 * Chat and generateContent as bare `data:` (Chat then ends with `data: [DONE]`).
 */
export interface ReplaySet {
  'openai-responses'?: ReplayTranscript;
  'openai-chat'?: ReplayTranscript;
  'gemini-generate'?: ReplayTranscript;
  'gemini-interactions'?: ReplayTranscript;
  'anthropic-messages'?: ReplayTranscript;
}

/**
 * A per-request override returned by {@link SimulatorOptions.script}. Any {@link PoolKnobs}
 * field overrides the pool's value for this request only; the extra fields force behaviour.
 */
export interface ScriptedBehavior extends Partial<PoolKnobs> {
  /** Force this outcome; the rate knobs are not consulted. */
  outcome?: ScriptedOutcome;
  /** Force (or forbid) one malformed event after start. */
  malformed?: boolean;
  /** Content events sent before a cut, stall or malformed event (default: drawn, at least 1). */
  afterContentEvents?: number;
  /** Force (or forbid) a tool call when the request declares function tools. */
  toolCall?: boolean;
  /** Serve this transcript for this request. */
  replay?: ReplayTranscript;
  /** Answer with exactly this status and JSON body, at once (skips the pool). */
  respond?: { status: number; body: unknown; headers?: Record<string, string> };
}

/**
 * How a request ended, as recorded in {@link SimRequest.outcome}: `completed`, an HTTP error
 * answered at once (`status_429`, `status_400`…), or one of the failures.
 */
export type SimOutcome =
  | 'completed'
  | `status_${number}`
  | 'scripted_response'
  | 'reset'
  | 'inband_error'
  | 'cut_after_start'
  | 'stall_after_start'
  | 'aborted_by_client'
  | 'server_closed';

/**
 * One request as the simulator saw it. The object is live: fields are filled in as the
 * exchange goes on (`startedAt`, `outcome`, `closedByClient`, `finishedAt`).
 */
export interface SimRequest {
  /** 1, 2, 3… in arrival order (restarts after `reset()`). */
  id: number;
  method: string;
  /** Path with query string, e.g. `/v1/responses`; a Gemini `?key=` is masked like a header. */
  path: string;
  /**
   * Request headers, lower-cased. Credentials (`authorization`, `x-api-key`, `x-goog-api-key`)
   * are masked to their last four characters (`Bearer …ey01`) so the log never holds a key.
   * Version headers are kept as sent (`anthropic-version`, Interactions' `api-revision`).
   */
  headers: Record<string, string>;
  /** The parsed JSON body, the raw text if it was not JSON, or `undefined` if empty. */
  body: unknown;
  /** The pool that served it: `flex`, `standard` or `priority` (`''` for requests that reached no pool). */
  tier: string;
  /** The tier field as sent, if any: `service_tier` (OpenAI, Anthropic, Interactions) or `serviceTier` (generateContent). */
  requestedTier?: string;
  /**
   * The dialect that handled it: `openai-responses`, `openai-chat`, `anthropic-messages`,
   * `gemini-generate` or `gemini-interactions` (absent for paths no dialect serves).
   */
  dialect?: DialectId;
  /** The model asked for (generateContent: read from the path). */
  model?: string;
  stream: boolean;
  /** `Date.now()` when the body had been read. */
  receivedAt: number;
  /** `Date.now()` when generation started (after queueing and the start delay). */
  startedAt?: number;
  /** True when the client closed the connection before the simulator finished its answer. */
  closedByClient: boolean;
  /** `Date.now()` when the connection for this response closed or the response ended. */
  finishedAt?: number;
  outcome?: SimOutcome;
  /** HTTP status sent (absent for a reset). */
  status?: number;
  /** True if a malformed event was sent. */
  malformedSent?: boolean;
  /** The full text the simulator generated (before any cut), for assertions. */
  text?: string;
}

/** Options for {@link startSimulator}. */
export interface SimulatorOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** Seed for every random draw and generated text (default 1). */
  seed?: number;
  /** Knobs per pool; unset pools are healthy and instant. */
  pools?: PoolSet;
  /**
   * Called once per request that reached a dialect, before anything is decided; return an
   * override, or `undefined` to let the pool's knobs decide.
   *
   * @example Make the first flex request fail with 429:
   * ```ts
   * script: (r) => (r.tier === 'flex' && r.id === 1 ? { outcome: 'status_429' } : undefined)
   * ```
   */
  script?: (req: SimRequest) => Partial<PoolKnobs> | ScriptedBehavior | undefined;
  /** Transcripts to serve per dialect instead of generated text. */
  replay?: ReplaySet;
  /**
   * Refuse requests without the dialect's credentials (default false): OpenAI `Authorization:
   * Bearer …` (401), Anthropic `x-api-key` (401), Gemini `x-goog-api-key` or `?key=` (403
   * `PERMISSION_DENIED`, as Google answers).
   */
  requireAuth?: boolean;
  /** Models listed by `GET /v1/models` (default: a current OpenAI line-up). */
  models?: string[];
  /** Answer 404 in the dialect's body for models not in `models` (default false: any model works). */
  rejectUnknownModels?: boolean;
}

/** Occupancy of one pool. */
export interface PoolState {
  /** Requests holding a slot (in generation, in their start delay, or stalled). */
  active: number;
  /** Requests waiting for a slot. */
  queued: number;
}

/** A running simulator. */
export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `url + '/v1'`, the `baseURL` for the `openai` client. */
  openaiBaseUrl: string;
  /** `url`, the `httpOptions.baseUrl` for `@google/genai` (it adds `/v1beta/…` itself). */
  geminiBaseUrl: string;
  /** `url`, the `baseURL` for `@anthropic-ai/sdk` (it adds `/v1/messages` itself). */
  anthropicBaseUrl: string;
  /** Every request received since start or the last `reset()`, in arrival order (live objects). */
  requests: SimRequest[];
  /** Replaces the knobs of each pool named in `pools`; pools not named keep theirs. */
  setPools(pools: PoolSet): void;
  /** Replaces the script (or removes it with `undefined`). */
  setScript(script: SimulatorOptions['script']): void;
  /** Clears the request log and restarts request ids at 1. */
  reset(): void;
  /** Resolves with the log once at least `n` requests were received; rejects after `timeoutMs` (default 5000). */
  waitForRequests(n: number, timeoutMs?: number): Promise<SimRequest[]>;
  /** Resolves once at least `n` requests have finished (their connection or response closed). */
  waitForFinished(n: number, timeoutMs?: number): Promise<SimRequest[]>;
  /** Current occupancy of a pool. */
  poolState(pool: PoolName): PoolState;
  /** Destroys open connections, ends every timer and queued request, and stops listening. */
  close(): Promise<void>;
}

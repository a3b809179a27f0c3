import type { CallerFormat, DialectId, ProviderId } from '../../core/types.js';

/** Token counts as the event reports them (cached ⊂ input, reasoning ⊂ output). */
export interface EventUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/** What every request's event holds, routed or refused. */
interface EventBase {
  /** HTTP status returned to the caller. */
  status: number;
  /** The request method. */
  method: string;
  /** The request path, without its query string (which may carry a key). */
  path: string;
  /** The caller's request format, once the endpoint is known. */
  callerFormat?: CallerFormat;
  /** Milliseconds from receipt to the response head being ready. */
  timeToHeadersMs: number;
  /** Milliseconds from receipt to the last byte of the body (or the body failing). */
  durationMs: number;
}

/**
 * A request the plan ran for (SPEC §7): handed to `onEvent` once the response body has been
 * delivered (or failed, or the caller left). It never holds a key, a header value or a body:
 * only what happened and what it cost.
 */
export interface RoutedEvent extends EventBase {
  outcome: 'routed';
  callerFormat: CallerFormat;
  model: string;
  provider: ProviderId;
  upstreamDialect: DialectId;
  /** `direct` (a tier word) or `race` (a duration). */
  plan: 'direct' | 'race';
  /** The `start_within` window in ms when racing. */
  windowMs?: number;
  /** Tier that served the request, as the provider names it. */
  servedTier: string;
  /** `committed`, `fallback:<reason>`, `passthrough` or `none`. */
  race: string;
  flexWaitMs: number;
  /** Usage the response reported, when it reported any. */
  usage?: EventUsage;
  /** Cost in USD at the tier that served the request (needs usage and catalog prices). */
  costUsd?: number;
  /** What the same usage would have cost on the standard tier. */
  standardCostUsd?: number;
  /** `standardCostUsd - costUsd` (0 when nothing was saved). */
  savingsUsd?: number;
  /** The configured share of the savings (`feeShare`, 20 % by default); 0 when nothing was saved. */
  feeUsd?: number;
}

/**
 * A request answered before anything was sent upstream, emitted as soon as the answer is ready:
 * `refused` when the router answered with an error (bad input, authentication, the billing gate,
 * a step's own `requestRefused`, a 404/405, or a caller that left: 499), `answered` when a step
 * answered by itself (`GET /v1/models`, a cache hit).
 */
export interface UnroutedEvent extends EventBase {
  outcome: 'refused' | 'answered';
  /** With `refused`: the error code (`missing_start_within`, `payment_required`, a step's own code; `client_closed` for 499). */
  code?: string;
  /** The planned model and provider, when the plan was known before the refusal. */
  model?: string;
  provider?: ProviderId;
  plan?: 'direct' | 'race';
  windowMs?: number;
}

/** One record per request the router answered (requests handed on to a host's next route have none). */
export type RouteEvent = RoutedEvent | UnroutedEvent;

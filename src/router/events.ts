import type { CallerFormat, DialectId, ProviderId } from '../core/types.js';

/** Token counts as the event reports them (cached ⊂ input, reasoning ⊂ output). */
export interface EventUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/**
 * One record per routed request (SPEC §7), handed to `onEvent` once the response body has been
 * delivered (or failed, or the caller left). It never holds a key, a header value or a body:
 * only what happened and what it cost.
 */
export interface RouteEvent {
  model: string;
  provider: ProviderId;
  callerFormat: CallerFormat;
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
  /** HTTP status returned to the caller. */
  status: number;
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
  /** Milliseconds from receipt to the response head being ready. */
  timeToHeadersMs: number;
  /** Milliseconds from receipt to the last byte of the body (or the body failing). */
  durationMs: number;
}

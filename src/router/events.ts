import type { CallerFormat, DialectId, ProviderId } from '../core/types.js';

/**
 * One record per routed request (SPEC §7), handed to `onEvent`. It never holds a key, a header
 * value or a body: only what happened.
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
  /** Milliseconds from receipt to the response head being ready. */
  timeToHeadersMs: number;
}

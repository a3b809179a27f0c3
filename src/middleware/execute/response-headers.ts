import type { FallbackReason } from '../../core/types.js';

// Headers that describe one hop or a body encoding the router may have changed; never relayed.
const NOT_RELAYED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'proxy-authenticate',
  'proxy-connection',
  'trailer',
  'upgrade',
  'set-cookie',
  'alt-svc',
]);

/** What the race (or its absence) did, for the `x-flexroute-*` headers of SPEC §4.1. */
export interface RouteOutcome {
  /** Tier that served the request, as the provider names it (`flex`, `default`, `standard`, …). */
  tier: string;
  /** `committed`, `fallback:<reason>`, `passthrough` (flex refused the request with a 4xx, relayed as is), or `none` when no race ran. */
  race: 'committed' | 'none' | 'passthrough' | `fallback:${FallbackReason}`;
  /** Milliseconds flex had before it committed or lost (0 without a race). */
  flexWaitMs: number;
}

// A provider's own headers: a caller of another provider's format never sees them.
const PROVIDER_HEADER = /^(openai-|anthropic-|x-gemini-|x-goog-|x-ratelimit-)/;

/** How the router reshaped the body it relays, when it did. */
export interface Reshaped {
  /** The body's content type now. */
  contentType: string;
  /** Translated into the caller's dialect: the upstream provider's own headers are dropped. */
  translated: boolean;
}

/**
 * The upstream headers a caller may see, plus the router's own. A reshaped body gets its own
 * content type; a translated one loses the provider's own headers (no `openai-*` on a Messages
 * answer); a whole JSON body loses the `cache-control` of the stream it was assembled from.
 */
export function relayHeaders(upstream: Headers | null, outcome: RouteOutcome, reshaped?: Reshaped): Headers {
  const headers = new Headers();
  if (upstream) {
    upstream.forEach((value, name) => {
      if (NOT_RELAYED.has(name)) return;
      if (reshaped?.translated && PROVIDER_HEADER.test(name)) return;
      if (name === 'cache-control' && reshaped?.contentType === 'application/json') return;
      headers.set(name, value);
    });
  }
  if (reshaped) headers.set('content-type', reshaped.contentType);
  setOutcomeHeaders(headers, outcome);
  return headers;
}

export function setOutcomeHeaders(headers: Headers, outcome: RouteOutcome): void {
  headers.set('x-flexroute-tier', outcome.tier);
  headers.set('x-flexroute-race', outcome.race);
  headers.set('x-flexroute-flex-wait-ms', String(Math.round(outcome.flexWaitMs)));
}

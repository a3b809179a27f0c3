import type { Catalog } from '../core/catalog/index.js';
import type { Clock } from '../core/clock.js';
import type { ProviderId } from '../core/types.js';
import type { RouteEvent } from './events.js';

/** A fetch-shaped function the router sends upstream requests with. */
export type UpstreamFetch = (url: string, init: RequestInit) => Promise<Response>;

/** What a key lookup is told about the request it is serving. */
export interface KeyLookupContext {
  /** The provider the request is bound for, from the model's catalog entry or family prefix. */
  provider: ProviderId;
  /** Whatever {@link RouterOptions.authenticate} returned for this request (undefined without the hook). */
  principal: unknown;
}

/** Options of {@link createRouter}. Every field is optional; see each for its default. */
export interface RouterOptions {
  /** Path prefix the endpoints live under, e.g. `/llm`. Default `''` (so `/v1/responses`). */
  basePath?: string;
  /**
   * Upstream base URLs, written as each official SDK writes them. Defaults:
   * `FLEXROUTE_OPENAI_BASE_URL` or `https://api.openai.com/v1`,
   * `FLEXROUTE_GEMINI_BASE_URL` or `https://generativelanguage.googleapis.com`,
   * `FLEXROUTE_ANTHROPIC_BASE_URL` or `https://api.anthropic.com`.
   */
  upstreams?: Partial<Record<ProviderId, string>>;
  /**
   * Provider keys (BYOK). Either fixed keys per provider, or a lookup. Default: the variables
   * `OPENAI_API_KEY`, `GEMINI_API_KEY`, `ANTHROPIC_API_KEY`. A server-side key, when present,
   * is used whatever the caller sent.
   */
  keys?: Partial<Record<ProviderId, string>> | ((ctx: KeyLookupContext) => string | undefined | Promise<string | undefined>);
  /**
   * Forward the key the caller sent (`Authorization: Bearer`, `x-api-key`, `x-goog-api-key`)
   * when no server-side key exists for the provider. Default `true`, or `false` when
   * {@link RouterOptions.authenticate} is set (the caller's key is then a router key, which must
   * not reach a provider).
   */
  passThroughKeys?: boolean;
  /** The model catalog. Default {@link defaultCatalog}. */
  catalog?: Catalog;
  /** `start_within` for requests that send none. Off by default (such requests get 400). */
  defaultStartWithin?: string;
  /** Largest request body accepted, in bytes. Default 32 MiB (base64 images are large). */
  maxBodyBytes?: number;
  /** After flex committed, a stream silent for this long counts as failed. Default 120 000 ms. */
  idleTimeoutMs?: number;
  /** The clock the race and watchdogs read. Default the system clock. */
  clock?: Clock;
  /** How upstream requests are sent. Default `globalThis.fetch`; Node hosts pass an undici one. */
  fetch?: UpstreamFetch;
  /**
   * Router authentication. Return a principal (anything truthy) to accept the request, or
   * `undefined`/`false` to answer `401 invalid_api_key`. Off by default.
   */
  authenticate?: (req: Request) => unknown | Promise<unknown>;
  /** Billing gate for flex requests: return false to answer `402 payment_required`. */
  allowFlex?: (ctx: { principal: unknown; model: string; provider: ProviderId }) => boolean | Promise<boolean>;
  /**
   * Called once per routed request, when its response body has been delivered, with what
   * happened and what it cost (no keys, no bodies). Usage is read from the response only when
   * this hook is set, so routing without it pays nothing for accounting.
   */
  onEvent?: (event: RouteEvent) => void;
  /** Share of the savings reported as `feeUsd` in events (SPEC §7). Default 0.2. */
  feeShare?: number;
  /** Environment to read defaults from. Default `process.env` where it exists. */
  env?: Record<string, string | undefined>;
}

/** {@link RouterOptions} with every default applied. */
export interface ResolvedRouterOptions {
  basePath: string;
  upstreams: Record<ProviderId, string>;
  keyLookup: (ctx: KeyLookupContext) => string | undefined | Promise<string | undefined>;
  passThroughKeys: boolean;
  catalog: Catalog;
  defaultStartWithin: string | undefined;
  maxBodyBytes: number;
  idleTimeoutMs: number;
  clock: Clock;
  fetch: UpstreamFetch;
  authenticate: RouterOptions['authenticate'];
  allowFlex: RouterOptions['allowFlex'];
  onEvent: RouterOptions['onEvent'];
  feeShare: number;
}

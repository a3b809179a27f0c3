import type { Catalog } from '../core/catalog/index.js';
import type { Clock } from '../core/clock.js';
import type { ProviderId } from '../core/types.js';
import type { RouteStep } from '../middleware/context.js';
import type { AttemptInterceptor, UpstreamFetch } from '../middleware/execute/attempt.js';
import type { EventSource } from '../middleware/events/index.js';
import type { RouteEvent } from '../middleware/events/route-event.js';
import type { KeyLookup, KeyLookupContext } from '../middleware/provider-keys/index.js';

export type { KeyLookupContext, UpstreamFetch };

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
  keys?: Partial<Record<ProviderId, string>> | KeyLookup;
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
  onEvent?: (event: RouteEvent, about: EventSource) => void;
  /** Share of the savings reported as `feeUsd` in events (SPEC §7). Default 0.2. */
  feeShare?: number;
  /** Environment to read defaults from. Default `process.env` where it exists. */
  env?: Record<string, string | undefined>;
  /**
   * Your own route steps, run in order once the plan is known and before anything is sent:
   * after `plan` (so `ctx.principal`, `ctx.body`, `ctx.startWithin` and `ctx.plan` are set) and
   * before `translate`, `billingGate`, `providerKeys` and `execute`. There a step can refuse
   * (`throw requestRefused(…)`) or answer early (a cache hit) without a key lookup or an upstream
   * call, or replace `ctx.plan` (another model or tier) and have translation, the billing gate,
   * the key and the race follow the new plan. Wrap `next()` to see or change the answer.
   */
  use?: readonly RouteStep[];
  /** Wrappers around every upstream attempt (flex, standard, direct), outermost first. */
  interceptors?: readonly AttemptInterceptor[];
}

/** {@link RouterOptions} with every default applied. */
export interface ResolvedRouterOptions {
  basePath: string;
  upstreams: Record<ProviderId, string>;
  keyLookup: KeyLookup;
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
  use: readonly RouteStep[];
  interceptors: readonly AttemptInterceptor[];
}

import type { Clock } from '../../core/clock.js';
import type { ProviderId } from '../../core/types.js';
import { PROVIDERS } from '../../providers/registry.js';
import { need, type RouteStep } from '../context.js';
import { composeInterceptors, sendWithFetch, type AttemptInterceptor, type UpstreamFetch } from './attempt.js';
import { createExchange, passThroughBody } from './exchange.js';
import { executeDirect } from './execute-direct.js';
import { executeRace } from './execute-race.js';

/** Options of {@link execute}. */
export interface ExecuteOptions {
  /** Upstream base URLs per provider, as each official SDK writes them (no trailing slash). */
  upstreams: Readonly<Record<ProviderId, string>>;
  /** How upstream requests are sent (`globalThis.fetch`, or `createUndiciFetch().fetch` on Node). */
  fetch: UpstreamFetch;
  /** The clock the race and the idle watchdog read. */
  clock: Clock;
  /** After flex committed, a stream silent for this long counts as failed (0: no limit). */
  idleTimeoutMs: number;
  /** Wrappers around every upstream attempt, outermost first. */
  interceptors?: readonly AttemptInterceptor[];
}

/**
 * The terminal step: carries out the plan. A race sends flex first and moves up to standard when
 * flex has not started within the window (SPEC §4); a direct plan makes one call at its tier.
 * Every attempt goes through the interceptors. Sets `ctx.outcome`; the answer carries the
 * `x-flexroute-*` headers. Needs `format`, `body`, `plan`, `dialect` and `providerKey`.
 *
 * @example
 * ```ts
 * const steps = [endpoints(), readRequest(), startWithin(), plan(), translate(), providerKeys(),
 *   execute({ upstreams, fetch: globalThis.fetch, clock: systemClock, idleTimeoutMs: 120_000 })];
 * ```
 */
export function execute(options: ExecuteOptions): RouteStep {
  const sendAttempt = composeInterceptors(sendWithFetch(options.fetch), options.interceptors);
  const race = { clock: options.clock, idleTimeoutMs: options.idleTimeoutMs };
  return async function execute(ctx) {
    const format = need(ctx, 'format', 'execute');
    const body = need(ctx, 'body', 'execute');
    const plan = need(ctx, 'plan', 'execute');
    const dialect = need(ctx, 'dialect', 'execute');
    const key = need(ctx, 'providerKey', 'execute');
    const callerStream = body.stream === true;
    const translation = ctx.translation;
    const exchange = createExchange({
      format,
      dialect,
      provider: PROVIDERS[plan.provider],
      baseUrl: options.upstreams[plan.provider],
      model: plan.model,
      callerStream,
      signal: ctx.signal,
      key,
      translation,
      writeBody: translation ? translation.writeBody : passThroughBody(body, callerStream, dialect),
      sendAttempt,
      route: ctx,
    });
    const { response, outcome } = plan.kind === 'race' ? await executeRace(race, exchange, plan, ctx.receivedAt) : await executeDirect(exchange, plan.tier);
    ctx.outcome = outcome;
    return response;
  };
}

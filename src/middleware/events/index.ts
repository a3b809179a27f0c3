import type { Clock } from '../../core/clock.js';
import type { IRUsage } from '../../dialects/ir/common.js';
import type { RouteContext, RouteStep } from '../context.js';
import { urlPath } from '../url-path.js';
import { meterBody } from './meter-body.js';
import { priceUsage } from './price-usage.js';
import type { RoutedEvent, RouteEvent, UnroutedEvent } from './route-event.js';

/** Who an event is about: what the router knows of the sender, beside the event. */
export interface EventSource {
  /** What the `authenticate` step returned (undefined without it, or when it refused). */
  principal: unknown;
}

/** Options of {@link events}. */
export interface EventsOptions {
  /**
   * Receives one event per request the router answered, and who sent it (the `authenticate`
   * step's principal, kept out of the event itself so it is never logged by accident). A
   * throwing hook never breaks the request.
   */
  onEvent?: ((event: RouteEvent, about: EventSource) => void) | undefined;
  /** Share of the savings reported as `feeUsd` (SPEC §7). Default 0.2. */
  feeShare?: number;
  /** The clock durations are read from; the same one the router's `receivedAt` came from. */
  clock: Clock;
}

/**
 * Metering and events, placed first so it sees every answer: one event per request (SPEC §7).
 * A routed request's event comes once its body has been delivered, with the usage the body
 * reported priced at the served tier, the standard price, savings and fee; a refused one (any
 * router error, a 404, a caller who left) comes at once with its code and what was known of the
 * plan. Requests handed on to the host's next route have no event. Without `onEvent` the step
 * only calls `next`, so routing without a hook pays nothing for accounting.
 *
 * @example
 * ```ts
 * events({ clock: systemClock, onEvent: (e) => console.log(e.status, e.outcome, e.outcome === 'routed' ? e.servedTier : e.code) });
 * ```
 */
export function events(options: EventsOptions): RouteStep {
  const { onEvent, clock } = options;
  const feeShare = options.feeShare ?? 0.2;
  if (!onEvent) {
    return async function events(_ctx, next) {
      return next();
    };
  }
  const emit = (event: RouteEvent, ctx: RouteContext) => {
    try {
      onEvent(event, { principal: ctx.principal });
    } catch {
      // A throwing event hook must not break the request it describes.
    }
  };
  return async function events(ctx, next) {
    let response: Response;
    try {
      response = await next();
    } catch (err) {
      if (ctx.signal.aborted) emit(unrouted(ctx, 499, clock, 'client_closed'), ctx);
      throw err;
    }
    if (ctx.passedOn) return response;
    const { outcome, plan, format, dialect } = ctx;
    if (!outcome || !plan || !format || !dialect) {
      emit(unrouted(ctx, response.status, clock, ctx.error?.code), ctx);
      return response;
    }
    const timeToHeadersMs = clock.now() - ctx.receivedAt;
    const finish = (usage: IRUsage | undefined) => {
      const event: RoutedEvent = {
        outcome: 'routed',
        status: response.status,
        method: ctx.request.method,
        path: urlPath(ctx.request.url),
        callerFormat: format,
        model: plan.model,
        provider: plan.provider,
        upstreamDialect: dialect,
        plan: plan.kind,
        ...(plan.kind === 'race' ? { windowMs: plan.windowMs } : {}),
        servedTier: outcome.tier,
        race: outcome.race,
        flexWaitMs: outcome.flexWaitMs,
        ...priceUsage(response.ok ? usage : undefined, plan.entry, outcome.tier, feeShare),
        timeToHeadersMs,
        durationMs: clock.now() - ctx.receivedAt,
      };
      emit(event, ctx);
    };
    if (!response.body) {
      finish(undefined);
      return response;
    }
    const stream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
    const body = meterBody(response.body, format, stream, finish);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function unrouted(ctx: RouteContext, status: number, clock: Clock, code: string | undefined): UnroutedEvent {
  const elapsed = clock.now() - ctx.receivedAt;
  const { plan } = ctx;
  return {
    outcome: code === undefined ? 'answered' : 'refused',
    status,
    method: ctx.request.method,
    path: urlPath(ctx.request.url),
    ...(code === undefined ? {} : { code }),
    ...(ctx.format ? { callerFormat: ctx.format } : {}),
    ...(plan ? { model: plan.model, provider: plan.provider, plan: plan.kind, ...(plan.kind === 'race' ? { windowMs: plan.windowMs } : {}) } : {}),
    timeToHeadersMs: elapsed,
    durationMs: elapsed,
  };
}

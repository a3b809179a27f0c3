import { need, type RouteStep } from '../context.js';
import { upstreamDialect } from '../plan/upstream-dialect.js';
import { createTranslation } from './translation.js';

/**
 * Picks the dialect spoken upstream for the planned provider (the caller's own when the provider
 * speaks it, so bytes pass through) and, when it differs from the caller's format, prepares the
 * translation. Decoding happens here, before anything is sent, so a field the target cannot
 * carry is `400 unsupported_feature` naming it. Sets `ctx.dialect` and `ctx.translation`.
 *
 * @example
 * ```ts
 * // After plan(): a Messages caller bound for gpt-5-mini speaks Responses upstream.
 * compose([endpoints(), readRequest(), startWithin(), plan({ catalog }), translate(), inspect]);
 * ```
 */
export function translate(): RouteStep {
  // Synchronous work only: a plain function, so the hot path allocates no promise of its own.
  return function translate(ctx, next) {
    const format = need(ctx, 'format', 'translate');
    const plan = need(ctx, 'plan', 'translate');
    const dialect = upstreamDialect(format, plan.provider);
    ctx.dialect = dialect;
    ctx.translation = dialect === format ? undefined : createTranslation(format, dialect, need(ctx, 'body', 'translate'), plan.model);
    return next();
  };
}

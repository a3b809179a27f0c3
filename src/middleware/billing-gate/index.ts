import { routerError } from '../../core/errors.js';
import type { ProviderId } from '../../core/types.js';
import { need, type RouteStep } from '../context.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/** What a billing gate is asked about one flex request. */
export interface FlexGateContext {
  principal: unknown;
  model: string;
  provider: ProviderId;
}

/**
 * The flex billing gate (SPEC §7): before a race, asks `allowFlex`; `false` answers `402
 * payment_required`, while `default`, `priority` and `auto` requests keep working (they never
 * reach the gate).
 *
 * @example
 * ```ts
 * billingGate(async ({ principal }) => !(await billing.isPastDue(principal)));
 * ```
 */
export function billingGate(allowFlex: (ctx: FlexGateContext) => boolean | Promise<boolean>): RouteStep {
  if (typeof allowFlex !== 'function') throw new TypeError('flexroute: billingGate(allowFlex) needs a function ({ principal, model, provider }) => boolean.');
  return async function billingGate(ctx, next) {
    const plan = need(ctx, 'plan', 'billingGate');
    if (plan.kind === 'race' && !(await allowFlex({ principal: ctx.principal, model: plan.model, provider: plan.provider }))) {
      throw routerError('payment_required', { format: callerShape(ctx.format), model: plan.model });
    }
    return await next();
  };
}

import type { Catalog } from '../../core/catalog/index.js';
import { resolvePlan } from '../../core/plan.js';
import { codecs } from '../../dialects/codecs.js';
import { need, type RouteStep } from '../context.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/**
 * Resolves the route plan from the model and `start_within` (SPEC §3.4): the provider, the
 * catalog entry, and either a direct tier or the flex race with its window and fallback tier.
 * Refuses what no tier can serve (`unknown_model`, `model_not_flex_capable`,
 * `flex_unsupported_for_anthropic`, `auto_unsupported_for_gemini`, `missing_max_tokens`).
 * Sets `ctx.plan`; later steps may replace it (a policy that picks another model, say).
 *
 * @example
 * ```ts
 * plan({ catalog: createCatalog({ extend: [{ id: 'my-ft-model', provider: 'openai', flex: false }] }) });
 * ```
 */
export function plan(options: { catalog: Catalog }): RouteStep {
  const { catalog } = options;
  // Synchronous work only: a plain function, so the hot path allocates no promise of its own.
  return function plan(ctx, next) {
    const format = need(ctx, 'format', 'plan');
    const body = need(ctx, 'body', 'plan');
    const startWithin = need(ctx, 'startWithin', 'plan');
    ctx.plan = resolvePlan({ model: body.model as string, startWithin, hasTokenCap: codecs[format].hasTokenCap(body), format: callerShape(format) }, catalog);
    return next();
  };
}

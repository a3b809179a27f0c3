import { readStartWithin } from '../../core/start-within-source.js';
import { need, type RouteStep } from '../context.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/** Options of {@link startWithin}. */
export interface StartWithinOptions {
  /** `start_within` for requests that send none. Off by default (such requests get `400 missing_start_within`). */
  fallback?: string;
}

/**
 * Reads `start_within` from the body field or the `x-start-within` header (`400
 * invalid_start_within` when both are set and differ), else the configured fallback, and removes
 * the field from the body so it never goes upstream (SPEC §3.1). Sets `ctx.startWithin`.
 *
 * @example
 * ```ts
 * startWithin({ fallback: '00h-01m-00s' }); // requests without start_within try flex for a minute
 * ```
 */
export function startWithin(options: StartWithinOptions = {}): RouteStep {
  const fallback = options.fallback;
  // Synchronous work only: a plain function, so the hot path allocates no promise of its own.
  return function startWithin(ctx, next) {
    const body = need(ctx, 'body', 'startWithin');
    ctx.startWithin = readStartWithin({
      bodyValue: body.start_within,
      bodyHasField: 'start_within' in body,
      headerValue: ctx.request.headers.get('x-start-within'),
      format: callerShape(ctx.format),
      ...(fallback === undefined ? {} : { fallback }),
    });
    delete body.start_within;
    return next();
  };
}

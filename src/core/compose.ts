/**
 * The onion runner every flexroute pipeline is built on, in the manner of Hono's `compose`: an
 * indexed `dispatch(i)` over steps `(ctx, next) => Promise<Response>`. It promises four things:
 *
 * 1. **Order as written**: step 0 runs first and sees what every later step answered.
 * 2. **`next()` at most once** per step: a second call rejects with an error that names the step.
 * 3. **One error path**: a {@link RouterError} thrown anywhere (by a step or below it) becomes its
 *    JSON response right there, and is kept on `ctx.error`, so an outer step always gets a
 *    `Response` from `next()`, a refusal included. Any other error propagates to the host.
 * 4. **The caller's abort reaches every step**: each sees `ctx.signal`, and once it has fired no
 *    further step starts; `next()` rejects with the signal's reason instead.
 */
import { errorResponse, RouterError } from './errors.js';

/** What every composed context carries: the caller's abort signal and the error the answer came from. */
export interface ComposeContext {
  readonly signal: AbortSignal;
  /** The router error the current answer was made from, when a step refused (set by {@link compose}). */
  error?: RouterError | undefined;
}

/** Calls the rest of the pipeline and resolves to its answer. Call it at most once. */
export type Next = () => Promise<Response>;

/** One step: reads and adds to the context, then answers itself or calls `next` (and may wrap what comes back). */
export type Step<C extends ComposeContext> = (ctx: C, next: Next) => Promise<Response>;

/**
 * Composes steps into one. The composed step is itself a step: its `next` is called when the
 * last step calls `next()`; without one, that call rejects (nothing is left to answer).
 *
 * @example
 * ```ts
 * import { compose } from 'flexroute/core';
 *
 * const run = compose([
 *   async function timing(ctx, next) {
 *     const res = await next();
 *     res.headers.set('x-took-ms', '1');
 *     return res;
 *   },
 *   async function hello() {
 *     return new Response('hi');
 *   },
 * ]);
 * const res = await run({ signal: new AbortController().signal });
 * ```
 */
export function compose<C extends ComposeContext>(steps: readonly Step<C>[]): (ctx: C, next?: Next) => Promise<Response> {
  for (const [i, step] of steps.entries()) {
    if (typeof step !== 'function') {
      throw new TypeError(`flexroute: step ${i} of compose() is ${step === null ? 'null' : typeof step}, not a function. Every step is (ctx, next) => Promise<Response>, e.g. async function myStep(ctx, next) { return next(); }.`);
    }
  }
  return function composed(ctx: C, last?: Next): Promise<Response> {
    // The one error path: a RouterError becomes its response where it was thrown.
    const toResponse = (err: unknown): Response => {
      if (!(err instanceof RouterError)) throw err;
      ctx.error = err;
      return errorResponse(err);
    };
    // Plain promises rather than async/await: one allocation per step on the hot path.
    const dispatch = (i: number): Promise<Response> => {
      if (ctx.signal.aborted) return Promise.reject(ctx.signal.reason);
      const step = steps[i];
      if (step === undefined) {
        if (last) return last();
        return Promise.reject(new Error(`flexroute: the last step (${stepName(steps[i - 1], i - 1)}) called next(), but no step follows it to answer the request.`));
      }
      let called = false;
      const next: Next = () => {
        if (called) return Promise.reject(new Error(`flexroute: step ${stepName(step, i)} called next() more than once; call it at most once and reuse its answer.`));
        called = true;
        return dispatch(i + 1);
      };
      try {
        return step(ctx, next).then(undefined, toResponse);
      } catch (err) {
        // A step that throws synchronously (not an async function) takes the same path.
        return new Promise<Response>((resolve) => resolve(toResponse(err)));
      }
    };
    return dispatch(0);
  };
}

function stepName(step: unknown, i: number): string {
  const name = typeof step === 'function' ? step.name : '';
  return name ? `"${name}" (#${i})` : `#${i}`;
}

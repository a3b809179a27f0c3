/**
 * Request middleware over Fetch objects, for hosts: a {@link Handler} answers a `Request`; a
 * {@link Middleware} wraps one handler in another (undici's interceptor shape, one level up).
 */

/** A Fetch-API handler: the shape every host (Hono, Bun, Deno, Workers, the Node listener) mounts. */
export type Handler = (req: Request) => Promise<Response>;

/** Wraps a handler with behaviour before and/or after it: `(next) => handler`. */
export type Middleware = (next: Handler) => Handler;

/**
 * Wraps `handler` in request middleware. The first listed is the outermost: it sees the request
 * first and the response last (as written, top to bottom).
 *
 * @example
 * ```ts
 * import { applyMiddleware, createRouter, type Middleware } from 'flexroute/router';
 *
 * const poweredBy: Middleware = (next) => async function poweredBy(req) {
 *   const res = await next(req);
 *   res.headers.set('x-powered-by', 'flexroute');
 *   return res;
 * };
 * const router = createRouter();
 * // Requests the router has no endpoint for reach `notFound` (here a plain 404).
 * const app = applyMiddleware(async () => new Response('no such page', { status: 404 }), poweredBy, router.middleware);
 * ```
 */
export function applyMiddleware(handler: Handler, ...middleware: readonly Middleware[]): Handler {
  let composed = handler;
  for (let i = middleware.length - 1; i >= 0; i--) {
    const wrap = middleware[i];
    if (typeof wrap !== 'function') throw new TypeError(`flexroute: applyMiddleware's middleware ${i} is ${typeof wrap}, not a function (next) => handler.`);
    composed = wrap(composed);
  }
  return composed;
}

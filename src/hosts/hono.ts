import type { Handler } from '../middleware/handler.js';
import type { Router } from '../router/create-router.js';
import { fallThroughHandler, PASSED_ON } from './fall-through.js';

/**
 * The part of Hono's `Context` the middleware reads. Structural, so the core never imports
 * hono: any Hono 4 `Context` fits.
 */
export interface HonoLikeContext {
  /** Hono's request wrapper (`c.req`). */
  req: {
    /** The Web `Request` the app received. */
    raw: Request;
    /** Hono's cached body reader: still works after another middleware read the body. */
    arrayBuffer(): Promise<ArrayBuffer>;
  };
}

/** Hono's `next`. */
export type HonoLikeNext = () => Promise<void>;

/** Options of {@link flexrouteHono}. */
export interface FlexrouteHonoOptions {
  /**
   * When the router has no endpoint for the path, call `next()` so the app's other routes and its
   * `notFound` handler answer; the router learns it from its own composition
   * (`router.middleware`), never from a response. Default `true`. Set `false` to always answer
   * with the router's JSON 404, which every SDK can parse. A handler that is not a router has no
   * composition to fall through, and always answers.
   */
  fallthrough?: boolean;
}

/**
 * Mounts a flexroute router as Hono middleware. The router's endpoints answer; any other path
 * falls through to the rest of the app. It works after middleware that already read the body
 * (`await c.req.json()` in a logger, a validator), because it re-reads it through Hono's cache.
 *
 * A router is already a Fetch-API handler, so `app.mount('/llm', router)` or
 * `app.all('/v1/*', (c) => router(c.req.raw))` work too; this helper adds the fall-through and
 * the already-read body.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createRouter, flexrouteHono } from 'flexroute/router';
 *
 * const app = new Hono();
 * app.use('/llm/*', flexrouteHono(createRouter({ basePath: '/llm' })));
 * app.get('/health', (c) => c.text('ok'));
 * export default app;
 * ```
 */
export function flexrouteHono(router: Handler | Router, options: FlexrouteHonoOptions = {}) {
  const routed = fallThroughHandler(router, options.fallthrough !== false);
  return async function flexroute(c: HonoLikeContext, next: HonoLikeNext): Promise<Response | void> {
    const request = await requestOf(c);
    if (!routed) return router(request);
    // An unmatched path comes back as PASSED_ON: the rest of the app answers it.
    const response = await routed(request);
    if (response !== PASSED_ON) return response;
    await next();
  };
}

/** The raw request, or, when a middleware already consumed its body, a copy with the cached body. */
async function requestOf(c: HonoLikeContext): Promise<Request> {
  const raw = c.req.raw;
  if (!raw.bodyUsed) return raw;
  return new Request(raw.url, { method: raw.method, headers: raw.headers, signal: raw.signal, body: await c.req.arrayBuffer() });
}

/**
 * flexroute/router: `createRouter` and the runtime-neutral ways to mount it (a Fetch-API handler,
 * a wrapped `fetch` for the official SDKs, a Hono middleware). Web-standard APIs only: import
 * from here on Bun, Deno and Cloudflare Workers.
 *
 * @example
 * ```ts
 * import { createRouter } from 'flexroute/router';
 *
 * const router = createRouter({ keys: { openai: env.OPENAI_API_KEY } });
 * export default { fetch: router }; // a Cloudflare Worker, or Bun.serve / Deno.serve
 * ```
 *
 * @packageDocumentation
 */
export { createRouter } from './router/create-router.js';
export type { Handler, Middleware } from './router/handler.js';
export type { RouterOptions, UpstreamFetch, KeyLookupContext } from './router/options.js';
export type { EventUsage, RouteEvent } from './router/events.js';
export { createFlexFetch, type FlexFetch, type FlexFetchOptions } from './hosts/flex-fetch.js';
export { flexrouteHono, type HonoLikeContext, type HonoLikeNext, type FlexrouteHonoOptions } from './hosts/hono.js';

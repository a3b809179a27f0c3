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
export { createRouter, routerSteps, type Router } from './router/create-router.js';
export type { RouterOptions, UpstreamFetch, KeyLookupContext } from './router/options.js';
// Composition: request middleware for hosts, route steps over a route context, attempt interceptors.
export { applyMiddleware, type Handler, type Middleware } from './middleware/handler.js';
export { compose, type ComposeContext, type Next, type Step } from './core/compose.js';
export { need, type ContextField, type RouteContext, type RouteStep } from './middleware/context.js';
export type { ServedTier } from './dialects/ir/common.js';
export { requestRefused, type RefusalOptions } from './core/errors.js';
export type { Attempt, AttemptInterceptor, AttemptRole, SendAttempt } from './middleware/execute/attempt.js';
export type { Endpoint } from './middleware/endpoints/routes.js';
export type { RouteOutcome } from './middleware/execute/response-headers.js';
export type { Translation } from './middleware/translate/translation.js';
// The built-in steps, in the order createRouter composes them.
export { events, type EventSource, type EventsOptions } from './middleware/events/index.js';
export { endpoints, type EndpointsOptions } from './middleware/endpoints/index.js';
export { authenticate } from './middleware/authenticate/index.js';
export { models } from './middleware/models/index.js';
export { readRequest, type ReadRequestOptions } from './middleware/read-request/index.js';
export { startWithin, type StartWithinOptions } from './middleware/start-within/index.js';
export { plan } from './middleware/plan/index.js';
export { translate } from './middleware/translate/index.js';
export { billingGate, type FlexGateContext } from './middleware/billing-gate/index.js';
export { providerKeys, type KeyLookup, type ProviderKeysOptions } from './middleware/provider-keys/index.js';
export { execute, type ExecuteOptions } from './middleware/execute/index.js';
export type { EventUsage, RouteEvent, RoutedEvent, UnroutedEvent } from './middleware/events/route-event.js';
export { createFlexFetch, type FlexFetch, type FlexFetchOptions } from './hosts/flex-fetch.js';
export { flexrouteHono, type HonoLikeContext, type HonoLikeNext, type FlexrouteHonoOptions } from './hosts/hono.js';

/**
 * flexroute: composable routing middleware for LLM APIs. Try the half-price flex tier first,
 * move up to standard when flex has not started within the caller's `start_within` window.
 *
 * @packageDocumentation
 */
export { createRouter } from './router/create-router.js';
export type { Handler, Middleware } from './router/handler.js';
export type { RouterOptions, UpstreamFetch, KeyLookupContext } from './router/options.js';
export type { RouteEvent } from './router/events.js';
export { toNodeListener, type NodeListener } from './hosts/node-listener.js';
export { createUndiciFetch, type UndiciFetchOptions } from './hosts/undici-fetch.js';

export { parseStartWithin, formatStartWithin, START_WITHIN_MIN_MS, START_WITHIN_MAX_MS } from './core/deadline.js';
export { readStartWithin } from './core/start-within-source.js';
export { resolvePlan, type Plan } from './core/plan.js';
export { createCatalog, defaultCatalog, costUsd, type Catalog, type ModelEntry, type ModelPrices, type Usage } from './core/catalog/index.js';
export { RouterError, routerError, errorBody, errorResponse, type RouterErrorCode } from './core/errors.js';
export { flexRace, type FlexRaceOptions, type FlexRaceResult, type FlexStart } from './core/race.js';
export { systemClock, type Clock } from './core/clock.js';
export { FakeClock } from './core/fake-clock.js';
export { detectCommit, type CommitOutcome } from './core/commit/detector.js';
export { relayCommitted, type RelayOptions } from './core/commit/relay.js';
export type { CommitRules, DialectStream, EventClass } from './core/commit/rules.js';
export type { CallerFormat, DialectId, ProviderId, StartWithin, FallbackReason } from './core/types.js';

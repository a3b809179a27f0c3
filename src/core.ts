/**
 * flexroute/core: the pure building blocks, for people building their own router. Nothing here
 * does I/O or imports anything Node-only; every export runs on Node, Bun, Deno and Workers, and
 * each is tree-shakable on its own.
 *
 * @example
 * ```ts
 * import { parseStartWithin, resolvePlan, defaultCatalog } from 'flexroute/core';
 *
 * const startWithin = parseStartWithin('00h-00m-30s'); // { kind: 'race', windowMs: 30000 }
 * const plan = resolvePlan({ model: 'gpt-5-mini', startWithin, hasTokenCap: false }, defaultCatalog);
 * // plan.kind === 'race': try flex for 30 s, then default
 * ```
 *
 * @packageDocumentation
 */
export { parseStartWithin, formatStartWithin, START_WITHIN_MIN_MS, START_WITHIN_MAX_MS } from './core/deadline.js';
export { readStartWithin, type StartWithinSources } from './core/start-within-source.js';
export { resolvePlan, type Plan, type PlanRequest, type FlexProviderId } from './core/plan.js';
export {
  createCatalog,
  defaultCatalog,
  providerByFamily,
  costUsd,
  DEFAULT_MODELS,
  DEFAULT_PRICES,
  FAMILY_PREFIXES,
  FLEX_PRICE_FACTOR,
  type Catalog,
  type CatalogMatch,
  type CatalogOptions,
  type ModelEntry,
  type ModelPrices,
  type Usage,
} from './core/catalog/index.js';
export {
  RouterError,
  routerError,
  errorBody,
  errorResponse,
  statusForCode,
  ROUTER_ERROR_CODES,
  type CallerShape,
  type ExampleSpec,
  type RouterErrorBody,
  type RouterErrorCode,
  type RouterErrorDetails,
  type RouterErrorType,
} from './core/errors.js';
export { compose, type ComposeContext, type Next, type Step } from './core/compose.js';
export { requestRefused, type RefusalOptions } from './core/errors.js';
export { flexRace, type FlexRaceOptions, type FlexRaceResult, type FlexStart } from './core/race.js';
export { systemClock, type Clock } from './core/clock.js';
export { FakeClock } from './core/fake-clock.js';
export { detectCommit, type CommitOutcome, type CommitFailureReason, type DetectCommitOptions } from './core/commit/detector.js';
export { relayCommitted, type RelayOptions } from './core/commit/relay.js';
export type { Assembly, CommitRules, DialectStream, EventClass, FailureContext, RelayFailure, RelayFailureKind } from './core/commit/rules.js';
export type { CallerFormat, DialectId, ProviderId, StartWithin, FallbackReason } from './core/types.js';
export type { SseEvent } from './sse/events.js';

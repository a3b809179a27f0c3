/**
 * flexroute: composable routing middleware for LLM APIs. Try the half-price flex tier first,
 * move up to standard when flex has not started within the caller's `start_within` window.
 *
 * This entry exports everything but the simulator. Narrower entries exist for smaller bundles
 * and other runtimes: `flexroute/core` (pure building blocks), `flexroute/router` (the router
 * and its runtime-neutral hosts: Bun, Deno, Workers; its steps, `compose` and interceptors),
 * `flexroute/dialects` (each wire dialect as one object), `flexroute/node` (Node and Express),
 * `flexroute/client` (an HTTP client for a flexroute server), `flexroute/simulator`.
 *
 * @packageDocumentation
 */
export * from './core.js';
export * from './router.js';
export * from './dialects.js';
export * from './node.js';
export * from './client/index.js';

/**
 * flexroute/node: the Node-only edge. `toNodeListener` mounts a router on `node:http` or
 * Express; `createUndiciFetch` gives the router a dedicated keep-alive pool for upstream calls.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createRouter } from 'flexroute/router';
 * import { toNodeListener, createUndiciFetch } from 'flexroute/node';
 *
 * const upstream = createUndiciFetch();
 * createServer(toNodeListener(createRouter({ fetch: upstream.fetch }))).listen(8080);
 * ```
 *
 * @packageDocumentation
 */
export { toNodeListener, type NodeListener, type NodeListenerOptions } from './hosts/node-listener.js';
export { answerClientErrors } from './hosts/node-client-error.js';
export { createUndiciFetch, type UndiciFetchOptions } from './hosts/undici-fetch.js';

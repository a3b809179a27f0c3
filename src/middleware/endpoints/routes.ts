import type { CallerFormat } from '../../core/types.js';
import { callerDialects } from '../../dialects/index.js';

/** A route the router answers. */
export type Endpoint = { kind: 'generate'; format: CallerFormat } | { kind: 'models' };

/** Paths under the base path, by method (SPEC §5): each caller dialect's paths, and the model list. */
const ROUTES: Readonly<Record<string, { method: 'GET' | 'POST'; endpoint: Endpoint }>> = Object.fromEntries([
  ...Object.values(callerDialects).flatMap((dialect) =>
    dialect.paths.map((path) => [path, { method: 'POST', endpoint: { kind: 'generate', format: dialect.id } }] as const),
  ),
  ['/v1/models', { method: 'GET', endpoint: { kind: 'models' } }] as const,
]);

export type RouteMatch = { type: 'ok'; endpoint: Endpoint } | { type: 'not_found' } | { type: 'method_not_allowed'; allow: string; endpoint: Endpoint };

/** Finds the endpoint for a path (already stripped of the base path) and method. */
export function matchRoute(path: string, method: string): RouteMatch {
  const route = ROUTES[path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path];
  if (!route) return { type: 'not_found' };
  if (method !== route.method && !(method === 'HEAD' && route.method === 'GET')) return { type: 'method_not_allowed', allow: route.method, endpoint: route.endpoint };
  return { type: 'ok', endpoint: route.endpoint };
}

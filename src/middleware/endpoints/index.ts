import { routerError } from '../../core/errors.js';
import type { RouteStep } from '../context.js';
import { urlPath } from '../url-path.js';
import { matchRoute, type RouteMatch } from './routes.js';
import { callerShape } from '../../dialects/caller-shapes.js';
import { callerDialects } from '../../dialects/index.js';

/** Options of {@link endpoints}. */
export interface EndpointsOptions {
  /** Path prefix the endpoints live under, e.g. `/llm`. Default `''` (so `/v1/responses`). */
  basePath?: string;
}

/**
 * Matches the path (below `basePath`) and method to an endpoint: `POST /v1/responses`,
 * `/v1/chat/completions`, `/v1/messages`, `/v1/interactions` (and `/v1beta/interactions`),
 * `GET /v1/models`. Sets `ctx.endpoint` and `ctx.format`. A path it does not serve goes to
 * `ctx.notFound` (the host's next route) or, without one, `404 not_found`; a served path with the
 * wrong method is `405 method_not_allowed` with `Allow`.
 *
 * @example
 * ```ts
 * const run = compose([endpoints({ basePath: '/llm' }), myStep]);
 * ```
 */
export function endpoints(options: EndpointsOptions = {}): RouteStep {
  const basePath = normaliseBasePath(options.basePath);
  // Synchronous work only: a plain function, so the hot path allocates no promise of its own.
  return function endpoints(ctx, next) {
    const { url, method } = ctx.request;
    const path = pathBelow(url, basePath);
    const match: RouteMatch = path === undefined ? { type: 'not_found' } : matchRoute(path, method);
    if (match.type === 'not_found') {
      if (ctx.notFound) {
        ctx.passedOn = true;
        return ctx.notFound(ctx.request);
      }
      throw routerError('not_found', { path: path ?? url, method });
    }
    if (match.type === 'method_not_allowed') {
      const format = match.endpoint.kind === 'generate' ? match.endpoint.format : undefined;
      throw routerError('method_not_allowed', { path, method, format: callerShape(format) }, { allow: match.allow });
    }
    ctx.endpoint = match.endpoint;
    if (match.endpoint.kind === 'generate') {
      ctx.format = match.endpoint.format;
      ctx.caller = callerDialects[match.endpoint.format];
    }
    return next();
  };
}

/** `/llm/` and `llm` both mean `/llm`; `/` and `''` mean no prefix. */
export function normaliseBasePath(path: string | undefined): string {
  if (!path || path === '/') return '';
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

/** The path below the base path, or undefined when the request is not under it. */
function pathBelow(url: string, basePath: string): string | undefined {
  const path = urlPath(url);
  if (basePath === '') return path;
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  return path.slice(basePath.length) || '/';
}

import { routerError } from '../../core/errors.js';
import type { RouteStep } from '../context.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/**
 * Router authentication. `check` returns a principal (anything truthy: a team name, a user
 * record) to accept the request, or `undefined`/`false` to answer `401 invalid_api_key`. The
 * principal lands on `ctx.principal` for later steps (key lookup, budgets, policies).
 *
 * @example
 * ```ts
 * const teams = new Map([['frk_team_a_secret', 'team-a']]);
 * authenticate((req) => teams.get(req.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''));
 * ```
 */
export function authenticate(check: (req: Request) => unknown | Promise<unknown>): RouteStep {
  if (typeof check !== 'function') throw new TypeError('flexroute: authenticate(check) needs a function (req) => principal | undefined.');
  return async function authenticate(ctx, next) {
    const principal = await check(ctx.request);
    if (!principal) throw routerError('invalid_api_key', { format: callerShape(ctx.format) });
    ctx.principal = principal;
    return await next();
  };
}

import { compose } from '../core/compose.js';
import type { RouteContext, RouteStep } from '../middleware/context.js';
import type { Handler, Middleware } from '../middleware/handler.js';
import { authenticate } from '../middleware/authenticate/index.js';
import { billingGate } from '../middleware/billing-gate/index.js';
import { endpoints } from '../middleware/endpoints/index.js';
import { events } from '../middleware/events/index.js';
import { execute } from '../middleware/execute/index.js';
import { models } from '../middleware/models/index.js';
import { plan } from '../middleware/plan/index.js';
import { providerKeys } from '../middleware/provider-keys/index.js';
import { readRequest } from '../middleware/read-request/index.js';
import { startWithin } from '../middleware/start-within/index.js';
import { translate } from '../middleware/translate/index.js';
import type { ResolvedRouterOptions, RouterOptions } from './options.js';
import { resolveRouterOptions } from './resolve-options.js';

/**
 * A router: a Fetch-API {@link Handler} (mount it in Hono, Bun, Deno, Workers as is) that is also
 * request middleware, for hosts with routes of their own.
 */
export interface Router extends Handler {
  /**
   * The router as request middleware: requests for paths it has no endpoint for go to `next`
   * (the host's next route) instead of its `404 not_found`. Hosts learn "not mine" from the
   * composition, never by reading a response.
   */
  readonly middleware: Middleware;
  /** The route steps the router runs, in order (for inspection and for assembling your own). */
  readonly steps: readonly RouteStep[];
}

/**
 * The route steps {@link createRouter} composes, in order, from its options: `events` (when
 * `onEvent` is set), `endpoints`, `authenticate` (when set), `models`, `readRequest`, `startWithin`, `plan`, your
 * `use` steps, `translate`, `billingGate` (when `allowFlex` is set), `providerKeys`, `execute`.
 * Take the list to assemble your own order with {@link compose}.
 *
 * @example
 * ```ts
 * import { compose, routerSteps } from 'flexroute/router';
 * const steps = routerSteps({ keys: { openai: 'sk-…' } });
 * ```
 */
export function routerSteps(options?: RouterOptions): RouteStep[] {
  return stepsOf(resolveRouterOptions(options));
}

function stepsOf(o: ResolvedRouterOptions): RouteStep[] {
  return [
    // Without an event hook there is nothing to meter: the step is left out, not run idle.
    ...(o.onEvent ? [events({ onEvent: o.onEvent, feeShare: o.feeShare, clock: o.clock })] : []),
    endpoints({ basePath: o.basePath }),
    ...(o.authenticate ? [authenticate(o.authenticate)] : []),
    models({ catalog: o.catalog }),
    readRequest({ maxBodyBytes: o.maxBodyBytes }),
    startWithin(o.defaultStartWithin === undefined ? {} : { fallback: o.defaultStartWithin }),
    plan({ catalog: o.catalog }),
    ...o.use,
    translate(),
    ...(o.allowFlex ? [billingGate(o.allowFlex)] : []),
    providerKeys({ lookup: o.keyLookup, passThrough: o.passThroughKeys }),
    execute({ upstreams: o.upstreams, fetch: o.fetch, clock: o.clock, idleTimeoutMs: o.idleTimeoutMs, interceptors: o.interceptors }),
  ];
}

/**
 * Creates the flexroute router: one Fetch-API handler serving `POST /v1/responses`,
 * `POST /v1/chat/completions`, `POST /v1/messages`, `POST /v1/interactions` (also
 * `/v1beta/interactions`) and `GET /v1/models` under `basePath`. Any of the four caller formats
 * reaches OpenAI, Gemini or Anthropic (translated when the dialects differ). Requests with a
 * duration `start_within` try the flex tier first and move up to standard when flex has not
 * started in time; `default`, `priority` and `auto` go straight through. With no options it
 * reads the environment (SPEC §8).
 *
 * It is exactly the composition of {@link routerSteps}: add your own steps with `use` (after the
 * plan, before anything is sent) and wrap each upstream attempt with `interceptors`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createRouter, toNodeListener } from 'flexroute';
 *
 * const router = createRouter(); // keys from OPENAI_API_KEY etc.
 * createServer(toNodeListener(router)).listen(8080);
 * // POST /v1/responses {"model":"gpt-5-mini","input":"Hi","start_within":"00h-00m-30s"}
 * ```
 */
export function createRouter(options?: RouterOptions): Router {
  const resolved = resolveRouterOptions(options);
  const steps = stepsOf(resolved);
  const run = compose(steps);
  const { clock } = resolved;
  const handle = async (req: Request, notFound: Handler | undefined): Promise<Response> => {
    // Every field present from the start: one object shape for V8 as the steps fill it in.
    const ctx: RouteContext = {
      request: req,
      signal: req.signal,
      receivedAt: clock.now(),
      notFound,
      error: undefined,
      endpoint: undefined,
      format: undefined,
      caller: undefined,
      principal: undefined,
      body: undefined,
      startWithin: undefined,
      plan: undefined,
      dialect: undefined,
      translation: undefined,
      providerKey: undefined,
      outcome: undefined,
      passedOn: undefined,
    };
    try {
      return await run(ctx);
    } catch (err) {
      // The caller left: nobody reads this answer, but a host may still log it.
      if (req.signal.aborted) return new Response(null, { status: 499 });
      throw err;
    }
  };
  const router = function flexrouteRouter(req: Request): Promise<Response> {
    return handle(req, undefined);
  };
  const middleware: Middleware = (next) =>
    function flexrouteMiddleware(req: Request): Promise<Response> {
      return handle(req, next);
    };
  return Object.assign(router, { middleware, steps: Object.freeze([...steps]) });
}

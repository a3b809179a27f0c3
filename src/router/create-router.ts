import { errorResponse, RouterError, routerError } from '../core/errors.js';
import { resolvePlan, type Plan } from '../core/plan.js';
import type { CallerFormat, DialectId } from '../core/types.js';
import type { IRUsage } from '../dialects/ir/common.js';
import { priceUsage } from './accounting.js';
import { meterBody } from './meter.js';
import { PROVIDERS } from '../providers/registry.js';
import { codecs } from '../dialects/codecs.js';
import { matchRoute } from './endpoints.js';
import { createExchange, passThroughBody } from './exchange.js';
import { executeDirect } from './execute-direct.js';
import { executeRace } from './execute-race.js';
import type { Handler } from './handler.js';
import { resolveProviderKey } from './keys.js';
import { modelsResponse } from './models-endpoint.js';
import type { ResolvedRouterOptions, RouterOptions } from './options.js';
import { readJsonBody } from './read-body.js';
import { resolveRouterOptions } from './resolve-options.js';
import { createTranslation } from './translation.js';
import type { RouteOutcome } from './response-headers.js';
import { upstreamDialect } from './upstream-dialect.js';
import { checkCallerBody } from './validate-request.js';

/**
 * Creates the flexroute router: one Fetch-API handler serving `POST /v1/responses`,
 * `POST /v1/chat/completions`, `POST /v1/messages`, `POST /v1/interactions` (also
 * `/v1beta/interactions`) and `GET /v1/models` under `basePath`. Any of the four caller formats
 * reaches OpenAI, Gemini or Anthropic (translated when the dialects differ). Requests with a
 * duration `start_within` try the flex tier first and move up to standard when flex has not
 * started in time; `default`, `priority` and `auto` go straight through. With no options it
 * reads the environment (SPEC §8).
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
export function createRouter(options?: RouterOptions): Handler {
  const resolved = resolveRouterOptions(options);
  return async function flexrouteRouter(req: Request): Promise<Response> {
    const startedAt = resolved.clock.now();
    const path = pathOf(req.url, resolved.basePath);
    const match = path === undefined ? ({ type: 'not_found' } as const) : matchRoute(path, req.method);
    if (match.type === 'not_found') return errorResponse(routerError('not_found', { path: path ?? req.url, method: req.method }));
    if (match.type === 'method_not_allowed') {
      return errorResponse(routerError('method_not_allowed', { path, method: req.method }), { allow: match.allow });
    }
    const format = match.endpoint.kind === 'generate' ? match.endpoint.format : undefined;
    try {
      const principal = await authenticate(resolved, req, format);
      if (match.endpoint.kind === 'models') return modelsResponse(resolved.catalog);
      return await routeGenerate(resolved, req, match.endpoint.format, principal, startedAt);
    } catch (err) {
      if (err instanceof RouterError) return errorResponse(err);
      if (req.signal.aborted) return new Response(null, { status: 499 });
      throw err;
    }
  };
}

/** The path below the base path, or undefined when the request is not under it. */
function pathOf(url: string, basePath: string): string | undefined {
  // Cheaper than `new URL()` on the hot path: skip scheme and authority, drop the query.
  const afterScheme = url.indexOf('://');
  const pathStart = afterScheme === -1 ? 0 : url.indexOf('/', afterScheme + 3);
  if (pathStart === -1) return basePath === '' ? '/' : undefined;
  const queryStart = url.indexOf('?', pathStart);
  const path = queryStart === -1 ? url.slice(pathStart) : url.slice(pathStart, queryStart);
  if (basePath === '') return path;
  if (path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
  return path.slice(basePath.length) || '/';
}

async function authenticate(options: ResolvedRouterOptions, req: Request, format: CallerFormat | undefined): Promise<unknown> {
  if (!options.authenticate) return undefined;
  const principal = await options.authenticate(req);
  if (!principal) throw routerError('invalid_api_key', { format });
  return principal;
}

async function routeGenerate(
  options: ResolvedRouterOptions,
  req: Request,
  format: CallerFormat,
  principal: unknown,
  startedAt: number,
): Promise<Response> {
  const parsed = await readJsonBody(req, options.maxBodyBytes, format);
  const { body, startWithin } = checkCallerBody(parsed, format, req.headers.get('x-start-within'), options.defaultStartWithin);
  delete body.start_within; // never sent upstream (SPEC §3.1)
  const plan = resolvePlan({ model: body.model as string, startWithin, hasTokenCap: codecs[format].hasTokenCap(body), format }, options.catalog);
  const dialect = upstreamDialect(format, plan.provider);
  const provider = PROVIDERS[plan.provider];
  const translation = dialect === format ? undefined : createTranslation(format, dialect, body, plan.model);
  if (plan.kind === 'race' && options.allowFlex && !(await options.allowFlex({ principal, model: plan.model, provider: plan.provider }))) {
    throw routerError('payment_required', { format, model: plan.model });
  }
  const key = await resolveProviderKey(options, plan.provider, principal, req.headers, format);
  const callerStream = body.stream === true;
  const exchange = createExchange({
    format,
    dialect,
    provider,
    baseUrl: options.upstreams[plan.provider],
    model: plan.model,
    callerStream,
    signal: req.signal,
    key,
    translation,
    writeBody: translation ? translation.writeBody : passThroughBody(body, callerStream, dialect),
  });
  const { response, outcome } =
    plan.kind === 'race'
      ? await executeRace(options, exchange, plan, startedAt)
      : await executeDirect(options, exchange, plan.tier);
  return options.onEvent ? withEvent(options, response, { plan, format, dialect, outcome, startedAt }) : response;
}

/** Emits the request's event once its body has been delivered, with the usage it reported. */
function withEvent(
  options: ResolvedRouterOptions,
  response: Response,
  route: { plan: Plan; format: CallerFormat; dialect: DialectId; outcome: RouteOutcome; startedAt: number },
): Response {
  const { plan, format, dialect, outcome, startedAt } = route;
  const timeToHeadersMs = options.clock.now() - startedAt;
  const emit = (usage: IRUsage | undefined) => {
    try {
      options.onEvent?.({
        model: plan.model,
        provider: plan.provider,
        callerFormat: format,
        upstreamDialect: dialect,
        plan: plan.kind,
        ...(plan.kind === 'race' ? { windowMs: plan.windowMs } : {}),
        servedTier: outcome.tier,
        race: outcome.race,
        flexWaitMs: outcome.flexWaitMs,
        status: response.status,
        ...priceUsage(response.ok ? usage : undefined, plan.entry, outcome.tier, options.feeShare),
        timeToHeadersMs,
        durationMs: options.clock.now() - startedAt,
      });
    } catch {
      // A throwing event hook must not break the request it describes.
    }
  };
  if (!response.body) {
    emit(undefined);
    return response;
  }
  const stream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
  const body = meterBody(response.body, format, stream, emit);
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

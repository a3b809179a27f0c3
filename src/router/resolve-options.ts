import { defaultCatalog } from '../core/catalog/index.js';
import { systemClock } from '../core/clock.js';
import { parseStartWithin } from '../core/deadline.js';
import { RouterError } from '../core/errors.js';
import { MAX_WINDOW_MS } from '../core/race.js';
import type { ProviderId } from '../core/types.js';
import type { ResolvedRouterOptions, RouterOptions, UpstreamFetch } from './options.js';
import { DEFAULT_UPSTREAMS, PROVIDER_ENV } from '../providers/defaults.js';
import { normaliseBasePath } from '../middleware/endpoints/index.js';

export { DEFAULT_UPSTREAMS, PROVIDER_ENV };

const PROVIDERS: readonly ProviderId[] = ['openai', 'gemini', 'anthropic'];

function processEnv(): Record<string, string | undefined> {
  // Read lazily and defensively: Workers and browsers have no `process`.
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/** Applies every default of {@link RouterOptions}; the environment fills what options leave out. */
export function resolveRouterOptions(options: RouterOptions = {}): ResolvedRouterOptions {
  const env = options.env ?? processEnv();
  const upstreams = {} as Record<ProviderId, string>;
  for (const provider of PROVIDERS) {
    // An empty variable counts as unset, as it does for keys.
    const configured = options.upstreams?.[provider] || env[PROVIDER_ENV[provider].baseUrl] || DEFAULT_UPSTREAMS[provider];
    upstreams[provider] = stripTrailingSlash(configured);
  }

  const keys = options.keys;
  const keyLookup: ResolvedRouterOptions['keyLookup'] =
    typeof keys === 'function'
      ? keys
      : ({ provider }) => keys?.[provider] ?? (env[PROVIDER_ENV[provider].key] || undefined);

  const fetchImpl: UpstreamFetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));

  const defaultStartWithin = options.defaultStartWithin ?? (env.FLEXROUTE_DEFAULT_START_WITHIN || undefined);
  if (defaultStartWithin !== undefined) checkDefaultStartWithin(defaultStartWithin);

  return {
    basePath: normaliseBasePath(options.basePath),
    upstreams,
    keyLookup,
    // With router authentication on, the caller's Authorization holds a router key, not a
    // provider key: never forward it unless told to.
    passThroughKeys: options.passThroughKeys ?? !options.authenticate,
    catalog: options.catalog ?? defaultCatalog,
    defaultStartWithin,
    maxBodyBytes: checkNumber('maxBodyBytes', options.maxBodyBytes ?? 32 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER, '1048576 (1 MiB)'),
    idleTimeoutMs: checkNumber('idleTimeoutMs', options.idleTimeoutMs ?? 120_000, 0, MAX_WINDOW_MS, '60000 (one minute), or 0 to turn the limit off'),
    clock: options.clock ?? systemClock,
    fetch: fetchImpl,
    authenticate: options.authenticate,
    allowFlex: options.allowFlex,
    onEvent: options.onEvent,
    feeShare: checkNumber('feeShare', options.feeShare ?? 0.2, 0, 1, '0.2 (20 % of the savings)'),
    use: checkFunctions('use', options.use, 'async function myStep(ctx, next) { return next(); }'),
    interceptors: checkFunctions('interceptors', options.interceptors, '(next) => async function myInterceptor(attempt) { return next(attempt); }'),
  };
}

/** A misconfigured router fails when it is created, not on every request with a 400 that blames the caller. */
function checkDefaultStartWithin(value: string): void {
  try {
    parseStartWithin(value);
  } catch (err) {
    const reason = err instanceof RouterError ? err.message.split(' Example:')[0] : String(err);
    throw new TypeError(
      `flexroute: defaultStartWithin (or FLEXROUTE_DEFAULT_START_WITHIN) is ${JSON.stringify(value)}, which is not a valid start_within. ${reason} Example: createRouter({ defaultStartWithin: '00h-00m-30s' }).`,
    );
  }
}

function checkFunctions<T>(name: string, list: readonly T[] | undefined, example: string): readonly T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`flexroute: ${name} must be an array, got ${typeof list}. Example: createRouter({ ${name}: [${example}] }).`);
  list.forEach((item, i) => {
    if (typeof item !== 'function') throw new TypeError(`flexroute: ${name}[${i}] is ${item === null ? 'null' : typeof item}, not a function. Example: createRouter({ ${name}: [${example}] }).`);
  });
  return [...list];
}

function checkNumber(name: string, value: number, min: number, max: number, example: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`flexroute: ${name} must be a number from ${min} to ${max}, got ${String(value)}. Example: createRouter({ ${name}: ${example} }).`);
  }
  return value;
}

import { defaultCatalog } from '../core/catalog/index.js';
import { systemClock } from '../core/clock.js';
import type { ProviderId } from '../core/types.js';
import type { ResolvedRouterOptions, RouterOptions, UpstreamFetch } from './options.js';

/** Default upstream base URLs, written as each provider's official SDK writes them. */
export const DEFAULT_UPSTREAMS: Readonly<Record<ProviderId, string>> = {
  openai: 'https://api.openai.com/v1',
  gemini: 'https://generativelanguage.googleapis.com',
  anthropic: 'https://api.anthropic.com',
};

/** Environment variable names per provider (SPEC §6 and §8). */
export const PROVIDER_ENV: Readonly<Record<ProviderId, { key: string; baseUrl: string }>> = {
  openai: { key: 'OPENAI_API_KEY', baseUrl: 'FLEXROUTE_OPENAI_BASE_URL' },
  gemini: { key: 'GEMINI_API_KEY', baseUrl: 'FLEXROUTE_GEMINI_BASE_URL' },
  anthropic: { key: 'ANTHROPIC_API_KEY', baseUrl: 'FLEXROUTE_ANTHROPIC_BASE_URL' },
};

const PROVIDERS: readonly ProviderId[] = ['openai', 'gemini', 'anthropic'];

function processEnv(): Record<string, string | undefined> {
  // Read lazily and defensively: Workers and browsers have no `process`.
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

function normaliseBasePath(path: string | undefined): string {
  if (!path || path === '/') return '';
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return stripTrailingSlash(withSlash);
}

/** Applies every default of {@link RouterOptions}; the environment fills what options leave out. */
export function resolveRouterOptions(options: RouterOptions = {}): ResolvedRouterOptions {
  const env = options.env ?? processEnv();
  const upstreams = {} as Record<ProviderId, string>;
  for (const provider of PROVIDERS) {
    const configured = options.upstreams?.[provider] ?? env[PROVIDER_ENV[provider].baseUrl] ?? DEFAULT_UPSTREAMS[provider];
    upstreams[provider] = stripTrailingSlash(configured);
  }

  const keys = options.keys;
  const keyLookup: ResolvedRouterOptions['keyLookup'] =
    typeof keys === 'function'
      ? keys
      : ({ provider }) => keys?.[provider] ?? (env[PROVIDER_ENV[provider].key] || undefined);

  const fetchImpl: UpstreamFetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));

  return {
    basePath: normaliseBasePath(options.basePath),
    upstreams,
    keyLookup,
    passThroughKeys: options.passThroughKeys ?? true,
    catalog: options.catalog ?? defaultCatalog,
    defaultStartWithin: options.defaultStartWithin ?? (env.FLEXROUTE_DEFAULT_START_WITHIN || undefined),
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    idleTimeoutMs: options.idleTimeoutMs ?? 120_000,
    clock: options.clock ?? systemClock,
    fetch: fetchImpl,
    authenticate: options.authenticate,
    allowFlex: options.allowFlex,
    onEvent: options.onEvent,
    feeShare: options.feeShare ?? 0.2,
  };
}

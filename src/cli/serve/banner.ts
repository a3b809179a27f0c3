/**
 * The start banner of `flexroute serve`: where it listens, and per provider whether a
 * server-side key is set and which upstream it talks to. It names key variables, never values.
 */
import type { ProviderId } from '../../core/types.js';

/** What the banner tells about one provider. */
export interface ProviderLine {
  provider: ProviderId;
  /** The variable a server-side key comes from, e.g. `OPENAI_API_KEY`. */
  keyVariable: string;
  hasServerKey: boolean;
  upstream: string;
}

/** Everything the banner shows. */
export interface BannerInfo {
  version: string;
  /** Where the endpoints live, e.g. `http://127.0.0.1:8080/v1`. */
  endpointBase: string;
  providers: readonly ProviderLine[];
  drainTimeoutMs: number;
  /** `--simulate`: the preset and seed of the in-process simulator behind every provider. */
  simulated?: { preset: string; seed: number };
}

/** The banner text, ending in a newline. */
export function formatBanner(info: BannerInfo): string {
  const width = Math.max(...info.providers.map((p) => p.provider.length));
  const lines = [
    `flexroute ${info.version} listening on ${info.endpointBase}`,
    ...(info.simulated
      ? [`  SIMULATED: every provider below is the built-in simulator (preset ${info.simulated.preset}, seed ${info.simulated.seed}), not a real one; answers carry x-flexroute-simulated: true`]
      : []),
    `  POST ${info.endpointBase}/responses | /chat/completions | /messages | /interactions, GET ${info.endpointBase}/models`,
    ...info.providers.map((p) => {
      const key = info.simulated
        ? 'simulated (no key needed)'
        : p.hasServerKey
          ? `key from ${p.keyVariable}`
          : `no ${p.keyVariable}: callers' own keys are passed through`;
      return `  ${p.provider.padEnd(width)}  ${key}; upstream ${redactUserinfo(p.upstream)}`;
    }),
    `Ctrl+C or SIGTERM stops accepting and gives in-flight requests up to ${Math.round(info.drainTimeoutMs / 1000)} s to finish.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** A base URL may carry `user:password@`; the banner shows the host only. */
function redactUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url;
  }
}

import type { DialectId, ProviderId } from '../core/types.js';

/** One upstream HTTP request, ready to send. */
export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** How to address one provider: endpoint per dialect and the auth headers its key goes in. */
export interface ProviderSpec {
  id: ProviderId;
  /** Dialects this provider speaks upstream. */
  dialects: readonly DialectId[];
  /** The endpoint URL for a dialect, under the configured base URL. */
  endpoint(baseUrl: string, dialect: DialectId, model: string, stream: boolean): string;
  /** Headers carrying the provider key (and any fixed headers the API requires). */
  headers(key: string, dialect: DialectId): Record<string, string>;
}

/**
 * Builds the request sent upstream. Only headers this function writes go upstream: caller auth,
 * cookies and hop-by-hop headers are never forwarded (SPEC §6). `accept-encoding: identity`
 * keeps the bytes the router relays the bytes the provider sent.
 */
export function buildUpstreamRequest(
  spec: ProviderSpec,
  baseUrl: string,
  dialect: DialectId,
  model: string,
  stream: boolean,
  key: string,
  body: string,
): UpstreamRequest {
  return {
    url: spec.endpoint(baseUrl, dialect, model, stream),
    headers: {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
      'accept-encoding': 'identity',
      ...spec.headers(key, dialect),
    },
    body,
  };
}

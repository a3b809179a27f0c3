import { Agent, fetch as undiciFetch } from 'undici';
import type { UpstreamFetch } from '../router/options.js';

/** Options of {@link createUndiciFetch}. */
export interface UndiciFetchOptions {
  /** Most sockets kept per upstream origin. Default 256. */
  connections?: number;
  /** How long an idle upstream socket stays open, in ms. Default 30 000. */
  keepAliveTimeoutMs?: number;
}

/**
 * An upstream transport on undici with a dedicated keep-alive pool (Node only). The CLI uses it;
 * pass it as `createRouter({ fetch: createUndiciFetch() })` to tune pooling in your own server.
 * Returns the fetch and a `close()` that releases the pool.
 *
 * @example
 * ```ts
 * const upstream = createUndiciFetch({ connections: 64 });
 * const router = createRouter({ fetch: upstream.fetch });
 * // on shutdown, once the server is closed:
 * await upstream.close();
 * ```
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): {
  /** The upstream transport: pass it to the router as `createRouter({ fetch })`. */
  fetch: UpstreamFetch;
  /** Closes every pooled connection; call it once the server has stopped. */
  close(): Promise<void>;
} {
  const agent = new Agent({
    connections: options.connections ?? 256,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: Math.max(options.keepAliveTimeoutMs ?? 30_000, 60_000),
  });
  const fetch: UpstreamFetch = (url, init) =>
    undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent }) as unknown as Promise<Response>;
  return { fetch, close: () => agent.close() };
}

import { parseStartWithin } from '../core/deadline.js';
import { createRouter } from '../router/create-router.js';
import type { RouterOptions } from '../router/options.js';

/** The standard `fetch` signature, as the official SDKs accept it in their `fetch` option. */
export type FlexFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Options of {@link createFlexFetch}: the router's, plus a default `start_within`. */
export interface FlexFetchOptions extends RouterOptions {
  /**
   * `start_within` for this fetch's requests that carry none, neither in the body nor in the
   * `x-start-within` header; a value the caller set always wins. Useful because some SDK calls
   * cannot add a body field. Checked when the fetch is created. Default: none (such requests
   * get `400 missing_start_within`, unless `defaultStartWithin` is set).
   */
  startWithin?: string;
}

// Where relative URLs resolve: the host part is never used for routing, only the path.
const LOCAL_ORIGIN = 'http://flexroute.local';

/**
 * A `fetch` that routes in-process through {@link createRouter}: no server, no port, the same
 * behaviour as the HTTP router. Hand it to an official SDK as its `fetch` option, with a base URL
 * on any host (the host is ignored; the path picks the endpoint).
 *
 * @example
 * ```ts
 * import OpenAI from 'openai';
 * import { createFlexFetch } from 'flexroute';
 *
 * const openai = new OpenAI({
 *   apiKey: process.env.OPENAI_API_KEY,
 *   baseURL: 'http://flexroute.local/v1',
 *   fetch: createFlexFetch({ startWithin: '00h-01m-00s' }),
 * });
 * const response = await openai.responses.create({ model: 'gpt-5-mini', input: 'Hi' });
 * // tried on flex for up to a minute, then on the standard tier
 * ```
 *
 * Anthropic: `new Anthropic({ apiKey, baseURL: 'http://flexroute.local', fetch })`.
 * Google: `new GoogleGenAI({ apiKey, httpOptions: { baseUrl: 'http://flexroute.local', fetch } })`.
 *
 * @throws RouterError `invalid_start_within` when `startWithin` is not a valid value.
 */
export function createFlexFetch(options: FlexFetchOptions = {}): FlexFetch {
  const { startWithin, ...routerOptions } = options;
  if (startWithin !== undefined) parseStartWithin(startWithin); // fail at setup, not on the first call
  // The router's fallback applies exactly when the request carries no start_within at all.
  const router = createRouter(startWithin === undefined ? routerOptions : { ...routerOptions, defaultStartWithin: startWithin });
  return function flexFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let request: Request;
    try {
      request = toRequest(input, init);
    } catch (err) {
      return Promise.reject(err);
    }
    if (request.signal.aborted) return Promise.reject(request.signal.reason);
    return settleLikeFetch(router(request), request.signal);
  };
}

/**
 * As `fetch` does: an aborted call rejects with the signal's reason (an `AbortError`, which the
 * SDKs turn into their "user aborted" error) as soon as it is aborted, rather than resolving
 * with the router's 499. The router still cancels its upstream work on the same signal.
 */
function settleLikeFetch(pending: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (res) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) {
          res.body?.cancel().catch(() => {});
          reject(signal.reason);
        } else resolve(res);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function toRequest(input: RequestInfo | URL, init: RequestInit | undefined): Request {
  const target = typeof input === 'string' && input.startsWith('/') ? `${LOCAL_ORIGIN}${input}` : input;
  // A streamed request body needs `duplex: 'half'` (Node's fetch refuses it otherwise).
  const streamed = typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream;
  const fullInit = streamed && !('duplex' in init) ? ({ ...init, duplex: 'half' } as RequestInit) : init;
  return new Request(target, fullInit);
}

import type { UpstreamRequest } from '../providers/provider.js';
import type { UpstreamFetch } from './options.js';

/** Sends one upstream request; the signal aborts it (and closes its connection) at any time. */
export function sendUpstream(fetchImpl: UpstreamFetch, request: UpstreamRequest, signal: AbortSignal): Promise<Response> {
  return fetchImpl(request.url, { method: 'POST', headers: request.headers, body: request.body, signal });
}

/** Releases a response body nobody will read, without letting the cancel fail loudly. */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => {});
}

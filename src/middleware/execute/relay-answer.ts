import { errorResponse, routerError } from '../../core/errors.js';
import type { Exchange } from './exchange.js';
import { relayHeaders, type RouteOutcome } from './response-headers.js';
import { servedTierFromWire } from '../../dialects/ir/tiers.js';

/**
 * Relays an upstream answer that needs no race bookkeeping (a direct request, or standard after
 * a fallback). Provider errors always pass through untouched; a 2xx crosses into the caller's
 * shape when the dialects differ.
 */
export async function relayAnswer(exchange: Exchange, upstream: Response, outcome: RouteOutcome): Promise<Response> {
  const translation = exchange.translation;
  if (!translation || upstream.status < 200 || upstream.status >= 300 || !upstream.body) {
    return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: relayHeaders(upstream.headers, outcome) });
  }
  if (exchange.callerStream) {
    const body = translation.stream(upstream.body, servedTierFromWire(outcome.tier) ?? 'unknown');
    return new Response(body, { status: upstream.status, headers: relayHeaders(upstream.headers, outcome, 'text/event-stream') });
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = (await upstream.json()) as Record<string, unknown>;
  } catch (cause) {
    const err = routerError('upstream_unreachable', {
      provider: exchange.provider.id,
      format: exchange.format,
      detail: `The provider answered ${upstream.status} with a body that is not JSON (${(cause as Error).message}).`,
    });
    return errorResponse(err, relayHeaders(null, outcome));
  }
  return Response.json(translation.whole(parsed), { status: upstream.status, headers: relayHeaders(upstream.headers, outcome, 'application/json') });
}

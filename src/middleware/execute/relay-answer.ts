import { errorResponse, routerError } from '../../core/errors.js';
import type { Exchange } from './exchange.js';
import { relayHeaders, type RouteOutcome } from './response-headers.js';
import { DIALECT_FACTS } from '../../dialects/facts.js';
import { servedTierFromWire } from '../../dialects/ir/tiers.js';
import { callerShape } from '../../dialects/caller-shapes.js';

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
    // The tier the provider says it served (a header, for Gemini), else the one asked for.
    const tierHeader = DIALECT_FACTS[exchange.dialect].servedTierHeader;
    const served = (tierHeader && servedTierFromWire(upstream.headers.get(tierHeader))) || servedTierFromWire(outcome.tier) || 'unknown';
    const body = translation.stream(upstream.body, served);
    return new Response(body, { status: upstream.status, headers: relayHeaders(upstream.headers, outcome, { contentType: 'text/event-stream', translated: true }) });
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = (await upstream.json()) as Record<string, unknown>;
  } catch (cause) {
    const err = routerError('upstream_unreachable', {
      provider: exchange.provider.id,
      format: callerShape(exchange.format),
      detail: `The provider answered ${upstream.status} with a body that is not JSON (${(cause as Error).message}).`,
    });
    return errorResponse(err, relayHeaders(null, outcome));
  }
  return Response.json(translation.whole(parsed), { status: upstream.status, headers: relayHeaders(upstream.headers, outcome, { contentType: 'application/json', translated: true }) });
}

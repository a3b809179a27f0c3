import { errorResponse, routerError } from '../../core/errors.js';
import type { Exchange } from './exchange.js';
import { relayHeaders, type RouteOutcome } from './response-headers.js';
import { relayAnswer } from './relay-answer.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/**
 * A request that does not race (`default`, `priority`, `auto`): one upstream call at the planned
 * tier, in the caller's streaming mode, relayed as it comes (provider errors included).
 */
export async function executeDirect(exchange: Exchange, tier: string): Promise<{ response: Response; outcome: RouteOutcome }> {
  const outcome: RouteOutcome = { tier, race: 'none', flexWaitMs: 0 };
  let upstream: Response;
  try {
    upstream = await exchange.send('direct', tier, exchange.callerStream, exchange.signal);
  } catch (cause) {
    if (exchange.signal.aborted) throw cause;
    const err = routerError('upstream_unreachable', { provider: exchange.provider.id, format: callerShape(exchange.format), detail: describeNetworkError(cause) });
    return { response: errorResponse(err, relayHeaders(null, outcome)), outcome };
  }
  return { response: await relayAnswer(exchange, upstream, outcome), outcome };
}

/** A short, key-free account of why a connection failed. */
export function describeNetworkError(cause: unknown): string {
  const err = cause as { message?: string; cause?: { code?: string; message?: string } };
  const code = err?.cause?.code;
  return `The connection to the provider failed${code ? ` (${code})` : ''} before it answered.`;
}

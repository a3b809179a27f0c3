/** One log line per request the router answered, from its event (which holds no key and no body). */
import type { RouteEvent } from '../../middleware/events/route-event.js';

/**
 * @example
 * formatRouteEvent(event);
 * // "200 openai-responses gpt-5-mini → flex (committed after 312 ms) headers 315 ms, done 2140 ms, saved $0.000123"
 * // "400 openai-chat POST /v1/chat/completions refused missing_start_within after 1 ms"
 */
export function formatRouteEvent(event: RouteEvent): string {
  if (event.outcome !== 'routed') {
    const what = event.outcome === 'refused' ? `refused ${event.code ?? 'unknown'}` : 'answered by a step';
    const model = event.model === undefined ? '' : ` ${event.model}`;
    const path = event.path.length > 120 ? `${event.path.slice(0, 120)}…` : event.path;
    return `${event.status} ${event.callerFormat ?? '-'} ${event.method} ${path}${model} ${what} after ${Math.round(event.durationMs)} ms`;
  }
  const race = event.plan === 'race' ? ` (${event.race.replace('fallback:', 'fallback, ')} after ${Math.round(event.flexWaitMs)} ms)` : '';
  const saved = event.savingsUsd ? `, saved $${event.savingsUsd.toFixed(6)}` : '';
  return (
    `${event.status} ${event.callerFormat} ${event.model} → ${event.servedTier}${race} ` +
    `headers ${Math.round(event.timeToHeadersMs)} ms, done ${Math.round(event.durationMs)} ms${saved}`
  );
}

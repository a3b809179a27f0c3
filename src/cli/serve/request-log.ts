/** One log line per routed request, from the router's event (which holds no key and no body). */
import type { RouteEvent } from '../../router/events.js';

/**
 * @example
 * formatRouteEvent(event);
 * // "200 openai-responses gpt-5-mini → flex (committed after 312 ms) headers 315 ms, done 2140 ms, saved $0.000123"
 */
export function formatRouteEvent(event: RouteEvent): string {
  const race = event.plan === 'race' ? ` (${event.race.replace('fallback:', 'fallback, ')} after ${Math.round(event.flexWaitMs)} ms)` : '';
  const saved = event.savingsUsd ? `, saved $${event.savingsUsd.toFixed(6)}` : '';
  return (
    `${event.status} ${event.callerFormat} ${event.model} → ${event.servedTier}${race} ` +
    `headers ${Math.round(event.timeToHeadersMs)} ms, done ${Math.round(event.durationMs)} ms${saved}`
  );
}

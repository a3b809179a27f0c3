/** One log line per routed request, from the router's event (which holds no key and no body). */
import type { RouteEvent } from '../../router/events.js';

/**
 * @example
 * formatRouteEvent(event);
 * // "200 openai-responses gpt-5-mini → flex (committed after 312 ms) 315 ms"
 */
export function formatRouteEvent(event: RouteEvent): string {
  const race =
    event.plan === 'race' ? ` (${event.race.replace('fallback:', 'fallback, ')} after ${Math.round(event.flexWaitMs)} ms)` : '';
  return `${event.status} ${event.callerFormat} ${event.model} → ${event.servedTier}${race} ${Math.round(event.timeToHeadersMs)} ms`;
}

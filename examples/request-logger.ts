/**
 * Log every request, refused ones included, with one `onEvent` hook: routed requests once their
 * body is delivered (tier, race, cost), refusals at once (status and code).
 * Run: npx tsx examples/request-logger.ts
 */
import { createRouter, type RouteEvent } from '../src/index.js'; // in your app: 'flexroute'
import { openaiUpstream } from './upstream.js';

function logLine(event: RouteEvent): string {
  if (event.outcome === 'routed') {
    return `${event.status} ${event.path} ${event.model} served on ${event.servedTier} (race: ${event.race}), cost $${(event.costUsd ?? 0).toFixed(6)}`;
  }
  return `${event.status} ${event.path} ${event.outcome} ${event.code ?? ''}`.trimEnd();
}

const upstream = await openaiUpstream();
const router = createRouter({
  upstreams: { openai: upstream.openai },
  keys: { openai: upstream.key },
  onEvent: (event) => console.log(`log: ${logLine(event)}`),
});

const post = (path: string, body: unknown) =>
  router(new Request(`http://router.local${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

// Routed: the event comes once the body has been read.
await (await post('/v1/responses', { model: 'gpt-5-mini', input: 'Hi', start_within: 'default' })).text();
// Refused: no start_within.
await (await post('/v1/chat/completions', { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }] })).text();
// Refused: no such endpoint.
await (await post('/v2/unknown', {})).text();
await upstream.close();

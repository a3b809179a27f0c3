/**
 * An attempt interceptor that tags only flex attempts with a header of your own (here a request
 * class your upstream gateway may read); standard and direct attempts go out untouched.
 * Run: npx tsx examples/tag-flex-attempts.ts
 */
import { createRouter, type AttemptInterceptor } from '../src/index.js'; // in your app: 'flexroute/router'
import { startSimulator } from '../src/simulator/index.js'; // in your app: 'flexroute/simulator'

const tagFlex: AttemptInterceptor = (next) =>
  async function tagFlex(attempt) {
    if (attempt.role !== 'flex') return next(attempt);
    return next({ ...attempt, headers: { ...attempt.headers, 'x-request-class': 'batch' } });
  };

// Flex refuses every request at once (429), so each race sends a flex attempt, then standard.
const sim = await startSimulator({ seed: 42, pools: { flex: { rate429: 1 } } });
const router = createRouter({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-simulator' }, interceptors: [tagFlex] });

const res = await router(
  new Request('http://router.local/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' }),
  }),
);
await res.text();
console.log(`race: ${res.headers.get('x-flexroute-race')}`);
for (const request of sim.requests) {
  console.log(`${request.tier} attempt: x-request-class ${request.headers['x-request-class'] ?? '(none)'}`);
}
await sim.close();

/**
 * A response cache as a route step, placed by `use` after the plan: a repeated non-streaming
 * request is answered from the cache without a key lookup or an upstream call.
 * Run: npx tsx examples/response-cache.ts
 */
import { createRouter, type RouteStep } from '../src/index.js'; // in your app: 'flexroute/router'
import { startSimulator } from '../src/simulator/index.js'; // in your app: 'flexroute/simulator'

interface Cached {
  status: number;
  headers: [string, string][];
  body: string;
}

function responseCache(store: Map<string, Cached>): RouteStep {
  return async function responseCache(ctx, next) {
    // Streams and races are not cached: a stream is consumed as it comes, and a race's tier varies.
    if (ctx.body?.stream === true || ctx.plan?.kind !== 'direct') return next();
    const key = JSON.stringify([ctx.format, ctx.plan.model, ctx.plan.tier, ctx.body]);
    const hit = store.get(key);
    if (hit) return new Response(hit.body, { status: hit.status, headers: [...hit.headers, ['x-cache', 'hit']] });
    const res = await next();
    if (!res.ok) return res;
    const body = await res.text();
    store.set(key, { status: res.status, headers: [...res.headers], body });
    return new Response(body, { status: res.status, headers: [...res.headers, ['x-cache', 'miss']] });
  };
}

const sim = await startSimulator({ seed: 42 });
const router = createRouter({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-simulator' }, use: [responseCache(new Map())] });

for (let i = 1; i <= 2; i++) {
  const res = await router(
    new Request('http://router.local/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5-mini', input: 'What is the capital of France?', start_within: 'default' }),
    }),
  );
  const body = (await res.json()) as { output?: { content?: { text?: string }[] }[] };
  const text = body.output?.flatMap((item) => item.content ?? []).map((part) => part.text ?? '').join('');
  console.log(`request ${i}: ${res.status} cache ${res.headers.get('x-cache')}: ${text}`);
}
console.log(`upstream calls: ${sim.requests.length}`);
await sim.close();

/**
 * The router inside a Hono app. On Bun, Deno or Workers you would export `app` (or pass
 * `app.fetch` to `Bun.serve` / `Deno.serve`); here Node serves it through toNodeListener, which
 * takes any Fetch handler.
 * Run: npx tsx examples/hono.ts
 */
import { Hono } from 'hono';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, flexrouteHono, toNodeListener } from '../src/index.js'; // in your app: 'flexroute/router' and 'flexroute/node'
import { openaiUpstream } from './upstream.js';

const upstream = await openaiUpstream();
const app = new Hono();
app.use('/llm/*', flexrouteHono(createRouter({ basePath: '/llm', upstreams: { openai: upstream.openai }, keys: { openai: upstream.key } })));
app.get('/', (c) => c.text('my app'));

// No server needed to try it: app.request() goes through the app in-process.
const res = await app.request('/llm/v1/responses', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'gpt-5-mini', input: 'Say hello in French.', start_within: '00h-00m-30s', stream: true }),
});
let text = '';
for (const line of (await res.text()).split('\n')) {
  if (!line.startsWith('data: ')) continue;
  const event = JSON.parse(line.slice(6)) as { type: string; delta?: string };
  if (event.type === 'response.output_text.delta') text += event.delta;
}
console.log(`app.request: served on ${res.headers.get('x-flexroute-tier')} (race: ${res.headers.get('x-flexroute-race')})`);
console.log(text);

// And over HTTP, on Node.
const server = createServer(toNodeListener(async (req) => app.fetch(req))).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const home = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
console.log(`GET / over HTTP: ${await home.text()}`);

server.close();
await upstream.close();

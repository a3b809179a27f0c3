/**
 * The router on a plain Node server: `http.createServer(toNodeListener(router))`.
 * Run: npx tsx examples/node-http.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, toNodeListener } from '../src/index.js'; // in your app: 'flexroute'
import { openaiUpstream } from './upstream.js';

const upstream = await openaiUpstream();
const router = createRouter({ upstreams: { openai: upstream.openai }, keys: { openai: upstream.key } });
const server = createServer(toNodeListener(router)).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as AddressInfo;
console.log(`router listening on http://127.0.0.1:${port}/v1`);

// Any HTTP client works; this is plain fetch. Try flex for up to 30 s, then standard.
const res = await fetch(`http://127.0.0.1:${port}/v1/responses`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'gpt-5-mini', input: 'Write a haiku about patience.', start_within: '00h-00m-30s' }),
});
const body = (await res.json()) as { output?: { content?: { text?: string }[] }[] };
console.log(`status ${res.status}, served on ${res.headers.get('x-flexroute-tier')} (race: ${res.headers.get('x-flexroute-race')})`);
console.log(body.output?.flatMap((item) => item.content ?? []).map((part) => part.text ?? '').join(''));

server.close();
await upstream.close();

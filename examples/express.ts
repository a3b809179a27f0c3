/**
 * The router inside an Express 5 app, under /llm, after express.json(). Paths the router does not
 * serve fall through to the app's own routes.
 * Run: npx tsx examples/express.ts
 */
import express from 'express';
import OpenAI from 'openai';
import type { AddressInfo } from 'node:net';
import { createRouter, toNodeListener } from '../src/index.js'; // in your app: 'flexroute'
import { openaiUpstream } from './upstream.js';

const upstream = await openaiUpstream();
const app = express();
app.use(express.json({ limit: '32mb' })); // the router reads the parsed body; raise the 100 kB default for images
app.use('/llm', toNodeListener(createRouter({ upstreams: { openai: upstream.openai }, keys: { openai: upstream.key } })));
app.get('/llm/health', (_req, res) => {
  res.json({ ok: true }); // not a router endpoint: reached through the fall-through
});

const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// The official client, pointed at the app. start_within rides in the body.
const openai = new OpenAI({ apiKey: 'unused-the-router-has-a-key', baseURL: `${base}/llm/v1` });
const { data, response } = await openai.chat.completions
  .create({
    model: 'gpt-5-mini',
    messages: [{ role: 'user', content: 'Name three rivers.' }],
    start_within: '00h-00m-20s',
  } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming)
  .withResponse();
console.log(`chat: served on ${response.headers.get('x-flexroute-tier')} (race: ${response.headers.get('x-flexroute-race')})`);
console.log(data.choices[0]?.message.content);
console.log(`health: ${JSON.stringify(await (await fetch(`${base}/llm/health`)).json())}`);

server.close();
await upstream.close();

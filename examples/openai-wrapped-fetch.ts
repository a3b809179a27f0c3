/**
 * No server at all: the official openai client with flexroute's wrapped fetch. Requests route
 * in-process; the host in baseURL is never contacted.
 * Run: npx tsx examples/openai-wrapped-fetch.ts
 */
import OpenAI from 'openai';
import { createFlexFetch } from '../src/index.js'; // in your app: 'flexroute'
import { openaiUpstream } from './upstream.js';

const upstream = await openaiUpstream();
const openai = new OpenAI({
  apiKey: upstream.key,
  baseURL: 'http://flexroute.local/v1',
  // Every request from this client waits up to a minute for flex, unless it says otherwise.
  fetch: createFlexFetch({ upstreams: { openai: upstream.openai }, startWithin: '00h-01m-00s' }),
});

const stream = openai.responses.stream({ model: 'gpt-5-mini', input: 'Explain flex processing in one sentence.' });
stream.on('response.output_text.delta', (event) => process.stdout.write(event.delta));
const final = await stream.finalResponse();
console.log(`\nservice_tier: ${final.service_tier}`);

// A caller that cannot wait says so, per request.
const urgent = await openai.responses.create({ model: 'gpt-5-mini', input: 'Quick: 2 + 2?' }, { headers: { 'x-start-within': 'priority' } });
console.log(`urgent request served on ${urgent.service_tier}: ${urgent.output_text}`);

await upstream.close();

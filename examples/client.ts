/**
 * flexroute's own TypeScript client talking to a router. Here the router runs in-process through
 * the wrapped fetch; against `flexroute serve`, drop `fetch` and use its URL.
 * Run: npx tsx examples/client.ts
 */
import { FlexRoute, createFlexFetch, outputText } from '../src/index.js'; // in your app: 'flexroute/client' and 'flexroute'
import { openaiUpstream } from './upstream.js';

const upstream = await openaiUpstream();
const client = new FlexRoute({
  baseURL: 'http://flexroute.local/v1',
  fetch: createFlexFetch({ upstreams: { openai: upstream.openai }, keys: { openai: upstream.key } }),
});

try {
  const res = await client.responses.create({ model: 'gpt-5-mini', input: 'Write a haiku about cheap GPUs.', start_within: '00h-00m-30s' });
  console.log(`served on ${String(res.service_tier)}`);
  console.log(outputText(res));

  const stream = await client.chat.completions.create({
    model: 'gpt-5-mini',
    messages: [{ role: 'user', content: 'Count to five.' }],
    start_within: 'default',
    stream: true,
  });
  let text = '';
  for await (const event of stream) {
    const delta = (event as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
    if (delta) text += delta;
  }
  console.log(`streamed: ${text}`);
} finally {
  await client.close();
  await upstream.close();
}

/**
 * A router that serves one provider only, assembled from the built-in steps with `compose`:
 * the same steps createRouter uses, minus what it does not need, plus one refusal of its own.
 * Run: npx tsx examples/one-provider.ts
 */
import {
  compose,
  defaultCatalog,
  endpoints,
  execute,
  plan,
  providerKeys,
  readRequest,
  requestRefused,
  startWithin,
  systemClock,
  translate,
  type Handler,
  type RouteStep,
} from '../src/index.js'; // in your app: 'flexroute/router' and 'flexroute/core'
import { openaiUpstream } from './upstream.js';

const openaiOnly: RouteStep = async function openaiOnly(ctx, next) {
  if (ctx.plan && ctx.plan.provider !== 'openai') {
    throw requestRefused({
      code: 'provider_not_served',
      what: `Model "${ctx.plan.model}" is served by ${ctx.plan.provider}, which this router does not reach.`,
      why: 'This router sends requests to OpenAI only.',
      fix: 'Use an OpenAI model such as "gpt-5-mini".',
      param: 'model',
      format: ctx.caller,
      model: 'gpt-5-mini',
    });
  }
  return next();
};

const upstream = await openaiUpstream();
const run = compose([
  endpoints(),
  readRequest({ maxBodyBytes: 1024 * 1024 }),
  startWithin(),
  plan({ catalog: defaultCatalog }),
  openaiOnly,
  translate(),
  providerKeys({ lookup: () => upstream.key, passThrough: false }),
  execute({
    upstreams: { openai: upstream.openai, gemini: 'http://unused.invalid', anthropic: 'http://unused.invalid' },
    fetch: (url, init) => fetch(url, init),
    clock: systemClock,
    idleTimeoutMs: 60_000,
  }),
]);
const router: Handler = (request) => run({ request, signal: request.signal, receivedAt: systemClock.now(), notFound: undefined });

for (const model of ['gpt-5-mini', 'gemini-2.5-flash']) {
  const res = await router(
    new Request('http://router.local/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, input: 'Hi', start_within: '00h-00m-30s' }),
    }),
  );
  const body = (await res.json()) as { error?: { code: string } };
  console.log(`${model}: ${res.status} ${body.error?.code ?? `served on ${res.headers.get('x-flexroute-tier')}`}`);
}
await upstream.close();

/**
 * A model deny-list as a route step: placed by `use` after the plan is known, it refuses with a
 * code of its own (`403 model_denied`) before any key lookup or upstream call.
 * Run: npx tsx examples/model-deny-list.ts
 */
import { createRouter, requestRefused, type RouteStep } from '../src/index.js'; // in your app: 'flexroute/router'
import { openaiUpstream } from './upstream.js';

function denyModels(denied: readonly string[], suggestion: string): RouteStep {
  return async function denyModels(ctx, next) {
    const model = ctx.plan?.model;
    if (model !== undefined && denied.includes(model)) {
      throw requestRefused({
        code: 'model_denied',
        what: `Model "${model}" is not allowed on this router.`,
        why: `Its operator denies ${denied.join(', ')} to keep costs predictable.`,
        fix: `Send "${suggestion}" instead.`,
        param: 'model',
        format: ctx.caller,
        model: suggestion,
      });
    }
    return next();
  };
}

const upstream = await openaiUpstream();
const router = createRouter({
  upstreams: { openai: upstream.openai },
  keys: { openai: upstream.key },
  use: [denyModels(['gpt-5.5-pro', 'gpt-5.4-pro'], 'gpt-5-mini')],
});

for (const model of ['gpt-5.5-pro', 'gpt-5-mini']) {
  const res = await router(
    new Request('http://router.local/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }], start_within: '00h-00m-30s' }),
    }),
  );
  const body = (await res.json()) as { error?: { code: string; message: string } };
  console.log(`${model}: ${res.status} ${body.error ? `${body.error.code}: ${body.error.message}` : `served on ${res.headers.get('x-flexroute-tier')}`}`);
}
await upstream.close();

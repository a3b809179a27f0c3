/**
 * A router of your own from flexroute's pure blocks: parse start_within, race flex against
 * standard with flexRace, commit on the first content event with detectCommit, answer errors in
 * the shape every SDK parses. About fifty lines for an OpenAI-Responses-only flex router.
 * Run: npx tsx examples/custom-router.ts
 */
import { detectCommit, errorResponse, flexRace, parseStartWithin, RouterError } from '../src/index.js'; // in your app: 'flexroute/core'
import { openaiResponses } from '../src/dialects.js'; // in your app: 'flexroute/dialects'
import type { Handler, Middleware } from '../src/index.js'; // in your app: 'flexroute/router'
import { openaiUpstream } from './upstream.js';

// What proves generation started on an OpenAI Responses stream: the dialect's own rules (the
// first output item or delta), the same ones createRouter uses.
const responsesRules = openaiResponses.stream.rules;

function minimalRouter(upstreamUrl: string, key: string): Handler {
  const send = (body: object, tier: string, signal: AbortSignal) =>
    fetch(`${upstreamUrl}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ ...body, stream: true, service_tier: tier }),
      signal,
    });
  return async function minimalFlexRouter(req) {
    try {
      const { start_within, ...body } = (await req.json()) as Record<string, unknown>;
      const startWithin = parseStartWithin(start_within); // throws a RouterError with a fix-it message
      if (startWithin.kind === 'tier') return await send(body, startWithin.tier, req.signal);
      const result = await flexRace({
        windowMs: startWithin.windowMs,
        signal: req.signal,
        flex: async (signal) => {
          const res = await send(body, 'flex', signal);
          if (res.status === 429) return { type: 'fallback', reason: 'status_429' };
          if (res.status >= 500) return { type: 'fallback', reason: 'status_5xx' };
          if (!res.ok || !res.body) return { type: 'final', value: res };
          const outcome = await detectCommit(res.body, responsesRules, { signal });
          if (outcome.type === 'failed') return { type: 'fallback', reason: outcome.reason };
          return { type: 'committed', value: new Response(outcome.stream, res) }; // held bytes replayed unchanged
        },
        standard: (signal) => send(body, 'default', signal),
        discard: (late) => void (late.type !== 'fallback' && late.value.body?.cancel()),
      });
      return result.value;
    } catch (err) {
      if (err instanceof RouterError) return errorResponse(err);
      throw err;
    }
  };
}

/** Middleware is a function of the next handler: here, one log line per request. */
const logged: Middleware = (next) =>
  async function logRequest(req) {
    const started = Date.now();
    const res = await next(req);
    console.log(`${req.method} ${new URL(req.url).pathname} -> ${res.status} in ${Date.now() - started} ms`);
    return res;
  };

const upstream = await openaiUpstream();
const router = logged(minimalRouter(upstream.openai, upstream.key));
const ask = (start_within: unknown) =>
  router(new Request('http://local/v1/responses', { method: 'POST', body: JSON.stringify({ model: 'gpt-5-mini', input: 'Hi there', start_within }) }));

const raced = await ask('00h-00m-10s');
const events = (await raced.text()).split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)) as { type: string; response?: { service_tier?: string } });
console.log(`race answered on ${events.find((e) => e.type === 'response.completed')?.response?.service_tier}`);
const refused = await ask('30s');
console.log(`bad start_within: ${refused.status} ${((await refused.json()) as { error: { code: string } }).error.code}`);
await upstream.close();

import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../core/catalog/index.js';
import { systemClock } from '../../core/clock.js';
import { requestRefused } from '../../core/errors.js';
import { resolvePlan } from '../../core/plan.js';
import type { StartWithin } from '../../core/types.js';
import { routeContext, runStep } from '../../../test/support/route-context.js';
import type { Attempt, AttemptInterceptor } from './attempt.js';
import { execute } from './index.js';

const upstreams = { openai: 'http://openai.test/v1', gemini: 'http://gemini.test', anthropic: 'http://anthropic.test' };

/** A Responses stream that starts at once (output_item.added) and completes. */
function committingStream(tier: string): Response {
  const events = [
    `event: response.created\ndata: {"type":"response.created","response":{"id":"resp_1","service_tier":"${tier}"}}\n\n`,
    `event: response.output_item.added\ndata: {"type":"response.output_item.added","output_index":0,"item":{"type":"message","id":"msg_1","role":"assistant","content":[]}}\n\n`,
    `event: response.completed\ndata: {"type":"response.completed","response":{"id":"resp_1","service_tier":"${tier}","status":"completed","output":[]}}\n\n`,
  ];
  return new Response(events.join(''), { headers: { 'content-type': 'text/event-stream' } });
}

function contextFor(startWithin: StartWithin) {
  const plan = resolvePlan({ model: 'gpt-5-mini', startWithin, hasTokenCap: false }, defaultCatalog);
  return routeContext({ format: 'openai-responses', dialect: 'openai-responses', plan, providerKey: 'sk-server-1', principal: 'team-a', body: {} });
}

function withBody(ctx: ReturnType<typeof contextFor>, stream: boolean) {
  ctx.body = { model: 'gpt-5-mini', input: 'Hi', stream };
  return ctx;
}

describe('execute', () => {
  it('makes one direct call at the planned tier, through the interceptors, and reports the outcome', async () => {
    const seen: Attempt[] = [];
    const record: AttemptInterceptor = (next) => async function record(attempt) {
      seen.push(attempt);
      return next(attempt);
    };
    const sent: { url: string; body: string; headers: Record<string, string> }[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      sent.push({ url, body: init.body as string, headers: init.headers as Record<string, string> });
      return Response.json({ id: 'resp_1', service_tier: 'default', output: [] });
    };
    const ctx = withBody(contextFor({ kind: 'tier', tier: 'default' }), false);
    const res = await runStep(execute({ upstreams, fetch, clock: systemClock, idleTimeoutMs: 0, interceptors: [record] }), ctx);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-race')).toBe('none');
    expect(ctx.outcome).toEqual({ tier: 'default', race: 'none', flexWaitMs: 0 });
    expect(seen.map((a) => [a.role, a.tier, a.provider, a.dialect, a.stream])).toEqual([['direct', 'default', 'openai', 'openai-responses', false]]);
    expect(seen[0]!.route.principal).toBe('team-a');
    expect(sent[0]!.url).toBe('http://openai.test/v1/responses');
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ service_tier: 'default' });
    expect(sent[0]!.headers.authorization).toBe('Bearer sk-server-1');
  });

  it('runs interceptors outermost first, and a header one adds goes upstream', async () => {
    const order: string[] = [];
    const tag = (name: string): AttemptInterceptor => (next) => async (attempt) => {
      order.push(name);
      return next({ ...attempt, headers: { ...attempt.headers, [`x-${name}`]: '1' } });
    };
    let headers: Record<string, string> = {};
    const fetch = async (_url: string, init: RequestInit) => {
      headers = init.headers as Record<string, string>;
      return committingStream('flex');
    };
    const ctx = withBody(contextFor({ kind: 'race', windowMs: 5_000 }), true);
    const res = await runStep(execute({ upstreams, fetch, clock: systemClock, idleTimeoutMs: 0, interceptors: [tag('outer'), tag('inner')] }), ctx);
    await res.text();
    expect(order).toEqual(['outer', 'inner']);
    expect(headers).toMatchObject({ 'x-outer': '1', 'x-inner': '1' });
    expect(ctx.outcome?.race).toBe('committed');
  });

  it('moves the race to standard at once when an interceptor refuses flex with a 429', async () => {
    const roles: string[] = [];
    const noFlexNow: AttemptInterceptor = (next) => async function noFlexNow(attempt) {
      roles.push(attempt.role);
      if (attempt.role === 'flex') throw requestRefused({ status: 429, code: 'flex_paused', what: 'Flex is paused.', why: 'A maintenance window.', fix: 'Wait.' });
      return next(attempt);
    };
    const fetch = async () => committingStream('default');
    const ctx = withBody(contextFor({ kind: 'race', windowMs: 30_000 }), true);
    const started = Date.now();
    const res = await runStep(execute({ upstreams, fetch, clock: systemClock, idleTimeoutMs: 0, interceptors: [noFlexNow] }), ctx);
    await res.text();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(roles).toEqual(['flex', 'standard']);
    expect(res.headers.get('x-flexroute-race')).toBe('fallback:status_429');
    expect(res.headers.get('x-flexroute-tier')).toBe('default');
  });

  it('sends a refusal of a direct attempt back to the caller as its error', async () => {
    const refuse: AttemptInterceptor = () => async () => {
      throw requestRefused({ code: 'quota_exceeded', status: 429, what: 'Too many requests.', why: 'Your quota is spent.', fix: 'Retry later.', headers: { 'retry-after': '30' } });
    };
    const ctx = withBody(contextFor({ kind: 'tier', tier: 'default' }), false);
    const res = await runStep(execute({ upstreams, fetch: async () => Response.json({}), clock: systemClock, idleTimeoutMs: 0, interceptors: [refuse] }), ctx);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('quota_exceeded');
  });

  it('says which step it needs when placed too early', async () => {
    const ctx = routeContext({ format: 'openai-responses' });
    ctx.body = { model: 'gpt-5-mini', input: 'Hi' };
    await expect(runStep(execute({ upstreams, fetch: async () => Response.json({}), clock: systemClock, idleTimeoutMs: 0 }), ctx)).rejects.toThrow(/needs ctx.plan, which the "plan" step sets/);
  });

  it('refuses an interceptor list with something that is not a function', () => {
    expect(() => execute({ upstreams, fetch: async () => Response.json({}), clock: systemClock, idleTimeoutMs: 0, interceptors: [42 as unknown as AttemptInterceptor] })).toThrow(/interceptor 0 is number/);
  });
});

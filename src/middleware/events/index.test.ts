import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../core/catalog/index.js';
import { FakeClock } from '../../core/fake-clock.js';
import { routerError } from '../../core/errors.js';
import { resolvePlan } from '../../core/plan.js';
import { compose } from '../../core/compose.js';
import { routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { events } from './index.js';
import type { RouteEvent } from './route-event.js';

const plan = resolvePlan({ model: 'gpt-5-mini', startWithin: { kind: 'race', windowMs: 30_000 }, hasTokenCap: false }, defaultCatalog);

describe('events', () => {
  it('emits a routed event once the body has been read, with usage priced at the served tier', async () => {
    const clock = new FakeClock(1_000);
    const seen: RouteEvent[] = [];
    const ctx = routeContext({ url: 'http://h/v1/responses?key=AIzaSecret', format: 'openai-responses', dialect: 'openai-responses', plan, receivedAt: 1_000 });
    const res = await runStep(events({ clock, onEvent: (e) => seen.push(e) }), ctx, async () => {
      ctx.outcome = { tier: 'flex', race: 'committed', flexWaitMs: 12 };
      clock.advance(15);
      return Response.json({ id: 'resp_1', service_tier: 'flex', output: [], usage: { input_tokens: 1000, output_tokens: 1000, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } });
    });
    expect(seen).toEqual([]); // not before the body is delivered
    clock.advance(5);
    await res.text();
    expect(seen).toHaveLength(1);
    const event = seen[0]!;
    expect(event).toMatchObject({ outcome: 'routed', path: '/v1/responses', status: 200, servedTier: 'flex', race: 'committed', plan: 'race', windowMs: 30_000, timeToHeadersMs: 15, durationMs: 20 });
    if (event.outcome !== 'routed') throw new Error('not routed');
    expect(event.savingsUsd).toBeGreaterThan(0);
    expect(event.costUsd! * 2).toBeCloseTo(event.standardCostUsd!, 12);
  });

  it('emits a refused event at once, with the code and what was known of the plan', async () => {
    const seen: RouteEvent[] = [];
    const ctx = routeContext({ format: 'openai-chat', plan, url: 'http://h/v1/chat/completions' });
    const refuse = async () => {
      throw routerError('payment_required');
    };
    await compose([events({ clock: new FakeClock(0), onEvent: (e) => seen.push(e) }), refuse])(ctx);
    expect(seen).toEqual([
      { outcome: 'refused', status: 402, method: 'POST', path: '/v1/chat/completions', code: 'payment_required', callerFormat: 'openai-chat', model: 'gpt-5-mini', provider: 'openai', plan: 'race', windowMs: 30_000, timeToHeadersMs: 0, durationMs: 0 },
    ]);
  });

  it('emits an answered event for a step that answered by itself, and none for a request passed on', async () => {
    const seen: RouteEvent[] = [];
    const step = events({ clock: new FakeClock(0), onEvent: (e) => seen.push(e) });
    await runStep(step, routeContext({ method: 'GET', url: 'http://h/v1/models' }), async () => Response.json({ data: [] }));
    const passed = routeContext({ url: 'http://h/health' });
    await runStep(step, passed, async () => ((passed.passedOn = true), new Response('app')));
    expect(seen.map((e) => [e.outcome, e.status, e.path])).toEqual([['answered', 200, '/v1/models']]);
  });

  it('reports a caller who left as 499 client_closed, and still lets the abort through', async () => {
    const seen: RouteEvent[] = [];
    const controller = new AbortController();
    const ctx = routeContext({ signal: controller.signal });
    const run = runStep(events({ clock: new FakeClock(0), onEvent: (e) => seen.push(e) }), ctx, async () => {
      controller.abort(new DOMException('gone', 'AbortError'));
      throw controller.signal.reason;
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toMatchObject([{ outcome: 'refused', status: 499, code: 'client_closed' }]);
  });

  it('survives a throwing hook, and costs nothing without one', async () => {
    const throwing = events({ clock: new FakeClock(0), onEvent: () => { throw new Error('hook broke'); } });
    const refuse = async () => {
      throw routerError('missing_model');
    };
    expect((await compose([throwing, refuse])(routeContext())).status).toBe(400);
    const next = stubNext();
    const plain = await runStep(events({ clock: new FakeClock(0) }), routeContext(), next);
    expect(plain.status).toBe(204);
  });
});

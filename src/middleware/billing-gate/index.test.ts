import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../core/catalog/index.js';
import { resolvePlan } from '../../core/plan.js';
import type { StartWithin } from '../../core/types.js';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { billingGate, type FlexGateContext } from './index.js';

const planWith = (startWithin: StartWithin) => resolvePlan({ model: 'gpt-5-mini', startWithin, hasTokenCap: false }, defaultCatalog);

describe('billingGate', () => {
  it('asks the gate about a race, with the principal, model and provider; false is 402', async () => {
    const asked: FlexGateContext[] = [];
    const next = stubNext();
    const ctx = routeContext({ format: 'openai-responses', principal: 'team-a', plan: planWith({ kind: 'race', windowMs: 30_000 }) });
    const res = await runStep(billingGate((c) => (asked.push(c), false)), ctx, next);
    expect(res.status).toBe(402);
    expect((await errorOf(res)).code).toBe('payment_required');
    expect(asked).toEqual([{ principal: 'team-a', model: 'gpt-5-mini', provider: 'openai' }]);
    expect(next.calls).toBe(0);
  });

  it('never gates a direct tier', async () => {
    let asked = 0;
    const next = stubNext();
    await runStep(billingGate(() => (asked++, false)), routeContext({ plan: planWith({ kind: 'tier', tier: 'default' }) }), next);
    expect(asked).toBe(0);
    expect(next.calls).toBe(1);
  });

  it('lets an allowed race through', async () => {
    const next = stubNext();
    await runStep(billingGate(async () => true), routeContext({ plan: planWith({ kind: 'race', windowMs: 5_000 }) }), next);
    expect(next.calls).toBe(1);
  });
});

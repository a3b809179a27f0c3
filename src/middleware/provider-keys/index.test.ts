import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../core/catalog/index.js';
import { resolvePlan } from '../../core/plan.js';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { providerKeys } from './index.js';

const plan = resolvePlan({ model: 'gemini-2.5-flash', startWithin: { kind: 'tier', tier: 'default' }, hasTokenCap: false }, defaultCatalog);

describe('providerKeys', () => {
  it('uses the server-side key whatever the caller sent, and tells the lookup who asks', async () => {
    const seen: unknown[] = [];
    const ctx = routeContext({ plan, principal: 'team-a', headers: { 'x-goog-api-key': 'caller-key' } });
    await runStep(providerKeys({ lookup: (c) => (seen.push(c), 'server-key'), passThrough: true }), ctx);
    expect(ctx.providerKey).toBe('server-key');
    expect(seen).toEqual([{ provider: 'gemini', principal: 'team-a' }]);
  });

  it("forwards the caller's own key when pass-through is on and the lookup has none", async () => {
    const ctx = routeContext({ plan, headers: { 'x-goog-api-key': 'caller-key' } });
    await runStep(providerKeys({ lookup: () => undefined, passThrough: true }), ctx);
    expect(ctx.providerKey).toBe('caller-key');
  });

  it('answers 401 no_byok_key naming the variable, never the key the caller sent', async () => {
    const next = stubNext();
    const ctx = routeContext({ plan, format: 'openai-responses', headers: { authorization: 'Bearer sk-caller-secret-999' } });
    const res = await runStep(providerKeys({ lookup: () => undefined, passThrough: false }), ctx, next);
    const error = await errorOf(res);
    expect(error.code).toBe('no_byok_key');
    expect(error.message).toContain('GEMINI_API_KEY');
    expect(error.message).not.toContain('sk-caller');
    expect(next.calls).toBe(0);
  });
});

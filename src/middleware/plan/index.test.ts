import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../core/catalog/index.js';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { plan } from './index.js';

describe('plan', () => {
  it('plans the flex race for a duration on a flex-capable model', async () => {
    const ctx = routeContext({ format: 'openai-responses', body: {}, startWithin: { kind: 'race', windowMs: 30_000 } });
    ctx.body = { model: 'gpt-5-mini', input: 'Hi' };
    const next = stubNext();
    await runStep(plan({ catalog: defaultCatalog }), ctx, next);
    expect(ctx.plan).toMatchObject({ kind: 'race', provider: 'openai', model: 'gpt-5-mini', windowMs: 30_000, fallbackTier: 'default' });
    expect(next.calls).toBe(1);
  });

  it('plans a direct tier for a tier word', async () => {
    const ctx = routeContext({ format: 'anthropic-messages', startWithin: { kind: 'tier', tier: 'default' } });
    ctx.body = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] };
    await runStep(plan({ catalog: defaultCatalog }), ctx);
    expect(ctx.plan).toMatchObject({ kind: 'direct', provider: 'anthropic', tier: 'standard_only' });
  });

  it('asks for the token cap in the field of the caller format', async () => {
    const ctx = routeContext({ format: 'openai-chat', startWithin: { kind: 'tier', tier: 'default' } });
    ctx.body = { model: 'claude-sonnet-4-5', messages: [] };
    const error = await errorOf(await runStep(plan({ catalog: defaultCatalog }), ctx));
    expect(error).toMatchObject({ code: 'missing_max_tokens', param: 'max_completion_tokens' });
  });

  it('refuses an unknown model and sends nothing on', async () => {
    const ctx = routeContext({ format: 'openai-responses', startWithin: { kind: 'tier', tier: 'default' } });
    ctx.body = { model: 'llama-9', input: 'Hi' };
    const next = stubNext();
    expect((await errorOf(await runStep(plan({ catalog: defaultCatalog }), ctx, next))).code).toBe('unknown_model');
    expect(next.calls).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../core/catalog/index.js';
import { resolvePlan } from '../../core/plan.js';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { translate } from './index.js';

const planFor = (model: string) => resolvePlan({ model, startWithin: { kind: 'tier', tier: 'default' }, hasTokenCap: true }, defaultCatalog);

describe('translate', () => {
  it('keeps the caller dialect when the provider speaks it: no translation, bytes pass through', async () => {
    const ctx = routeContext({ format: 'openai-chat', plan: planFor('gpt-5-mini') });
    ctx.body = { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }] };
    const next = stubNext();
    await runStep(translate(), ctx, next);
    expect(ctx.dialect).toBe('openai-chat');
    expect(ctx.translation).toBeUndefined();
    expect(next.calls).toBe(1);
  });

  it('prepares a translation when the dialects differ, writing the upstream body per tier', async () => {
    const ctx = routeContext({ format: 'anthropic-messages', plan: planFor('gpt-5-mini') });
    ctx.body = { model: 'gpt-5-mini', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] };
    await runStep(translate(), ctx);
    expect(ctx.dialect).toBe('openai-responses');
    const upstream = JSON.parse(ctx.translation!.writeBody('flex', true)) as Record<string, unknown>;
    expect(upstream).toMatchObject({ model: 'gpt-5-mini', service_tier: 'flex', stream: true, max_output_tokens: 50 });
  });

  it('follows a plan a later step replaced (another provider, another dialect)', async () => {
    const ctx = routeContext({ format: 'openai-responses', plan: planFor('gemini-2.5-flash') });
    ctx.body = { model: 'gpt-5-mini', input: 'Hi' };
    await runStep(translate(), ctx);
    expect(ctx.dialect).toBe('gemini-generate');
  });

  it('refuses before anything is sent what the target cannot carry', async () => {
    const ctx = routeContext({ format: 'openai-responses', plan: planFor('claude-sonnet-4-5') });
    ctx.body = { model: 'claude-sonnet-4-5', input: 'Hi', max_output_tokens: 10, tools: [{ type: 'code_interpreter' }] };
    const next = stubNext();
    const res = await runStep(translate(), ctx, next);
    expect((await errorOf(res)).code).toBe('unsupported_feature');
    expect(next.calls).toBe(0);
  });
});

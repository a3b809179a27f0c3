import { describe, expect, it } from 'vitest';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { startWithin } from './index.js';

const body = () => ({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }] });

describe('startWithin', () => {
  it('reads the body field, removes it so it never goes upstream, and goes on', async () => {
    const ctx = routeContext({ format: 'openai-chat', body: body(), });
    ctx.body = { ...body(), start_within: '00h-00m-30s' };
    const next = stubNext();
    await runStep(startWithin(), ctx, next);
    expect(ctx.startWithin).toEqual({ kind: 'race', windowMs: 30_000 });
    expect(ctx.body).not.toHaveProperty('start_within');
    expect(next.calls).toBe(1);
  });

  it('reads the x-start-within header, and uses the fallback only when neither is sent', async () => {
    const header = routeContext({ format: 'openai-chat', headers: { 'x-start-within': 'priority' } });
    header.body = body();
    await runStep(startWithin({ fallback: 'default' }), header);
    expect(header.startWithin).toEqual({ kind: 'tier', tier: 'priority' });
    const neither = routeContext({ format: 'openai-chat' });
    neither.body = body();
    await runStep(startWithin({ fallback: '00h-01m-00s' }), neither);
    expect(neither.startWithin).toEqual({ kind: 'race', windowMs: 60_000 });
  });

  it.each(['openai-chat', 'anthropic-messages', 'gemini-interactions'] as const)(
    'writes missing and invalid start_within examples in the caller format (%s)',
    async (format) => {
      const field = format === 'gemini-interactions' ? 'input' : 'messages';
      for (const extra of [{}, { start_within: '30s' }]) {
        const ctx = routeContext({ format });
        ctx.body = { model: 'gpt-5-mini', [field]: 'Hi', ...extra };
        const res = await runStep(startWithin(), ctx);
        const error = await errorOf(res);
        expect(error.code).toBe('start_within' in extra ? 'invalid_start_within' : 'missing_start_within');
        const example = JSON.parse(error.message.slice(error.message.lastIndexOf('Example: ') + 9)) as Record<string, unknown>;
        expect(example).toHaveProperty(field);
        if (field === 'messages') expect(example).not.toHaveProperty('input');
      }
    },
  );

  it('refuses a body and header that disagree', async () => {
    const ctx = routeContext({ format: 'openai-chat', headers: { 'x-start-within': 'default' } });
    ctx.body = { ...body(), start_within: 'priority' };
    expect((await errorOf(await runStep(startWithin(), ctx))).code).toBe('invalid_start_within');
  });
});

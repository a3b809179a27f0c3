import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../core/catalog/index.js';
import { routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { models } from './index.js';

const catalog = createCatalog({ entries: [{ id: 'gpt-5-mini', aliases: [], provider: 'openai', flex: true }] });

describe('models', () => {
  it('answers the models endpoint from the catalog without calling next', async () => {
    const next = stubNext();
    const res = await runStep(models({ catalog }), routeContext({ method: 'GET', endpoint: { kind: 'models' } }), next);
    expect(await res.json()).toEqual({ object: 'list', data: [{ id: 'gpt-5-mini', object: 'model', created: 0, owned_by: 'openai', flex: true }] });
    expect(next.calls).toBe(0);
  });

  it('lets every other endpoint through', async () => {
    const next = stubNext();
    await runStep(models({ catalog }), routeContext({ endpoint: { kind: 'generate', format: 'openai-chat' } }), next);
    expect(next.calls).toBe(1);
  });
});

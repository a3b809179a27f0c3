import { describe, expect, it } from 'vitest';
import { errorOf, routeContext, runStep, stubNext } from '../../../test/support/route-context.js';
import { authenticate } from './index.js';

const teams = new Map([['router-key-a', { team: 'a' }]]);
const check = (req: Request) => teams.get(req.headers.get('authorization')?.replace(/^Bearer /, '') ?? '');

describe('authenticate', () => {
  it('puts the principal on the context and goes on', async () => {
    const ctx = routeContext({ headers: { authorization: 'Bearer router-key-a' } });
    const next = stubNext();
    await runStep(authenticate(check), ctx, next);
    expect(ctx.principal).toEqual({ team: 'a' });
    expect(next.calls).toBe(1);
  });

  it('answers 401 invalid_api_key without echoing the key, in the caller format', async () => {
    const ctx = routeContext({ headers: { authorization: 'Bearer sk-wrong-key-123456' }, format: 'anthropic-messages' });
    const next = stubNext();
    const res = await runStep(authenticate(async (req) => check(req)), ctx, next);
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).not.toContain('sk-wrong');
    expect(error.message).toContain('"max_tokens":1024'); // a Messages-shaped example
    expect(next.calls).toBe(0);
  });

  it('refuses to be built without a function', () => {
    expect(() => authenticate(undefined as unknown as () => unknown)).toThrow(/needs a function/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose, type ComposeContext, type Step } from './compose.js';
import { RouterError, routerError } from './errors.js';

type Ctx = ComposeContext & { log: string[] };
const ctxOf = (signal = new AbortController().signal): Ctx => ({ signal, log: [] });

/** What a generated step does: pass on (and mark the answer), answer, or refuse. */
type Behaviour = { kind: 'pass' } | { kind: 'answer'; status: number } | { kind: 'refuse' };

function stepFor(i: number, b: Behaviour): Step<Ctx> {
  return async function generated(ctx, next) {
    ctx.log.push(`in ${i}`);
    if (b.kind === 'answer') return new Response(null, { status: b.status });
    if (b.kind === 'refuse') throw routerError('payment_required');
    const res = await next();
    ctx.log.push(`out ${i}`);
    return res;
  };
}

const behaviour = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Behaviour>({ kind: 'pass' }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 299 }).map<Behaviour>((status) => ({ kind: 'answer', status })) },
  { weight: 1, arbitrary: fc.constant<Behaviour>({ kind: 'refuse' }) },
);

describe('compose', () => {
  it('runs steps in order as written, unwinds in reverse, and the first to answer decides', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(behaviour, { maxLength: 8 }), async (behaviours) => {
        const ctx = ctxOf();
        const run = compose(behaviours.map((b, i) => stepFor(i, b)));
        const res = await run(ctx, async () => new Response(null, { status: 204 }));
        const stop = behaviours.findIndex((b) => b.kind !== 'pass');
        const ran = stop === -1 ? behaviours.length : stop + 1;
        const passed = stop === -1 ? behaviours.length : stop;
        const entered = Array.from({ length: ran }, (_, i) => `in ${i}`);
        const unwound = Array.from({ length: passed }, (_, i) => `out ${passed - 1 - i}`);
        expect(ctx.log).toEqual([...entered, ...unwound]);
        const decider = behaviours[stop];
        if (decider === undefined) expect(res.status).toBe(204);
        else if (decider.kind === 'answer') expect(res.status).toBe(decider.status);
        else {
          expect(res.status).toBe(402);
          expect(ctx.error?.code).toBe('payment_required');
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payment_required');
        }
      }),
    );
  });

  it('gives an outer step a Response, never a throw, when an inner step refuses (one error path)', async () => {
    let seen: number | undefined;
    const run = compose<Ctx>([
      async function outer(_ctx, next) {
        const res = await next();
        seen = res.status;
        return res;
      },
      async function refuse() {
        throw routerError('missing_model');
      },
    ]);
    const res = await run(ctxOf());
    expect(seen).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('keeps the headers a router error carries (Allow on a 405)', async () => {
    const run = compose<Ctx>([
      async () => {
        throw routerError('method_not_allowed', { method: 'PUT' }, { allow: 'POST' });
      },
    ]);
    const res = await run(ctxOf());
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('rejects a second next() with an error that names the step, and runs the rest only once', async () => {
    let calls = 0;
    let second: unknown;
    const run = compose<Ctx>([
      async function greedy(_ctx, next) {
        const res = await next();
        second = await next().catch((err: unknown) => err);
        return res;
      },
      async () => {
        calls++;
        return new Response('ok');
      },
    ]);
    await run(ctxOf());
    expect(calls).toBe(1);
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(/step "greedy" \(#0\) called next\(\) more than once/);
  });

  it('lets any other error reach the caller untouched', async () => {
    const boom = new TypeError('boom');
    const run = compose<Ctx>([
      async () => {
        throw boom;
      },
    ]);
    await expect(run(ctxOf())).rejects.toBe(boom);
  });

  it('says which step called next() with nothing after it', async () => {
    const run = compose<Ctx>([async function lonely(_ctx, next) { return next(); }]);
    await expect(run(ctxOf())).rejects.toThrow(/the last step \("lonely" \(#0\)\) called next\(\), but no step follows it/);
  });

  it('refuses a list with something that is not a step, saying which', () => {
    expect(() => compose<Ctx>([async (_c, n) => n(), null as unknown as Step<Ctx>])).toThrow(/step 1 of compose\(\) is null/);
  });

  it('starts no further step once the caller aborted, at any point in the chain', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.nat(), async (length, at) => {
        const abortAt = at % length;
        const controller = new AbortController();
        const ctx = ctxOf(controller.signal);
        const steps = Array.from({ length }, (_, i): Step<Ctx> => async (c, next) => {
          c.log.push(`in ${i}`);
          expect(c.signal).toBe(controller.signal); // every step sees the caller's signal
          if (i === abortAt) controller.abort(new DOMException('gone', 'AbortError'));
          return next();
        });
        const outcome = await compose(steps)(ctx, async () => new Response('end')).catch((err: unknown) => err);
        expect(ctx.log).toEqual(Array.from({ length: abortAt + 1 }, (_, i) => `in ${i}`));
        expect((outcome as DOMException).name).toBe('AbortError');
      }),
    );
  });

  it('is itself a step: a composition nests inside another', async () => {
    const inner = compose<Ctx>([async (ctx, next) => (ctx.log.push('inner'), next())]);
    const outer = compose<Ctx>([async (ctx, next) => (ctx.log.push('outer'), next()), inner, async () => new Response('done')]);
    const ctx = ctxOf();
    expect(await (await outer(ctx)).text()).toBe('done');
    expect(ctx.log).toEqual(['outer', 'inner']);
  });

  it('keeps RouterError instances intact on ctx.error', async () => {
    const run = compose<Ctx>([async () => { throw routerError('not_found', { path: '/x' }); }]);
    const ctx = ctxOf();
    await run(ctx);
    expect(ctx.error).toBeInstanceOf(RouterError);
    expect(ctx.error?.status).toBe(404);
  });
});

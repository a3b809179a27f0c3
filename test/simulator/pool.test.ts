/**
 * The capacity pool on its own: never more than `capacity` slots held, FIFO grants, aborted
 * waiters leave the queue, and every slot comes back, whatever the order of events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pool, type Ticket } from '../../src/simulator/pool.js';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('Pool', () => {
  it('grants in arrival order as slots free', async () => {
    const pool = new Pool(() => 1);
    const order: number[] = [];
    const tickets = [0, 1, 2].map((i) => {
      const t = pool.enter(true, new AbortController().signal) as Ticket;
      void t.ready.then(() => order.push(i));
      return t;
    });
    await flush();
    expect(order).toEqual([0]);
    tickets[0]?.release();
    await flush();
    expect(order).toEqual([0, 1]);
    tickets[1]?.release();
    tickets[2]?.release();
    await flush();
    expect(order).toEqual([0, 1, 2]);
    expect(pool.state()).toEqual({ active: 0, queued: 0 });
  });

  it('refuses instead of queueing when queue is false', () => {
    const pool = new Pool(() => 1);
    expect(pool.enter(false, new AbortController().signal)).toBeDefined();
    expect(pool.enter(false, new AbortController().signal)).toBeUndefined();
  });

  it('lets an aborted waiter leave the queue with the signal’s reason', async () => {
    const pool = new Pool(() => 1);
    pool.enter(true, new AbortController().signal);
    const abort = new AbortController();
    const waiting = pool.enter(true, abort.signal) as Ticket;
    expect(pool.state().queued).toBe(1);
    abort.abort(new Error('gone'));
    await expect(waiting.ready).rejects.toThrow('gone');
    expect(pool.state()).toEqual({ active: 1, queued: 0 });
  });

  it('lets queued requests in when capacity grows', async () => {
    let capacity = 1;
    const pool = new Pool(() => capacity);
    pool.enter(true, new AbortController().signal);
    const second = pool.enter(true, new AbortController().signal) as Ticket;
    capacity = 2;
    pool.pump();
    await expect(second.ready).resolves.toBeUndefined();
    expect(pool.state()).toEqual({ active: 2, queued: 0 });
  });

  it('never exceeds capacity and returns every slot, for any order of enter / release / abort', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('enter' as const), queue: fc.boolean() }),
      fc.record({ kind: fc.constant('release' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('abort' as const), index: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 40 }), async (capacity, ops) => {
        const pool = new Pool(() => capacity);
        const live: Array<{ ticket: Ticket; abort: AbortController }> = [];
        for (const step of ops) {
          if (step.kind === 'enter') {
            const abort = new AbortController();
            const ticket = pool.enter(step.queue, abort.signal);
            if (ticket) live.push({ ticket, abort });
          } else if (live.length > 0) {
            const entry = live[step.index % live.length];
            if (step.kind === 'release') entry?.ticket.release();
            else entry?.abort.abort(new Error('aborted'));
          }
          await flush();
          expect(pool.state().active).toBeLessThanOrEqual(capacity);
          if (pool.state().queued > 0) expect(pool.state().active).toBe(capacity);
        }
        for (const entry of live) {
          entry.abort.abort(new Error('end'));
          entry.ticket.release();
        }
        expect(pool.state()).toEqual({ active: 0, queued: 0 });
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * A tier pool's capacity: at most `capacity` requests hold a slot at once; the rest wait in
 * FIFO order. A slot is released exactly once — on finish, error, client close or server
 * close — and a waiter that is aborted leaves the queue, so nothing leaks.
 */
import type { PoolState } from './types.js';

/** A place in the pool: `ready` resolves when the slot is granted. */
export interface Ticket {
  /** Resolves when this request holds a slot; rejects if the signal aborts first. */
  ready: Promise<void>;
  /** Gives the slot back (or leaves the queue). Safe to call more than once. */
  release(): void;
}

interface Waiter {
  grant(): void;
}

export class Pool {
  private active = 0;
  private readonly waiters: Waiter[] = [];

  /** `capacity` is read on every decision, so a live change of knobs applies at once. */
  constructor(private readonly capacity: () => number) {}

  /** Occupancy now. */
  state(): PoolState {
    return { active: this.active, queued: this.waiters.length };
  }

  /** True when a new request would have to wait. */
  isFull(): boolean {
    return this.active >= this.capacity();
  }

  /**
   * Takes a slot or a place in the queue. Returns `undefined` when the pool is full and
   * `queue` is false (the caller answers 429).
   */
  enter(queue: boolean, signal: AbortSignal): Ticket | undefined {
    if (!this.isFull()) {
      this.active++;
      return this.ticket(Promise.resolve(), true);
    }
    if (!queue) return undefined;
    let granted = false;
    let waiter: Waiter | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      waiter = {
        grant: () => {
          granted = true;
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.leaveQueue(waiter);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
    // A rejection nobody awaits (the exchange already ended) must not crash the process.
    ready.catch(() => {});
    return this.ticket(ready, () => granted, waiter);
  }

  /** Lets queued requests in after a slot freed or capacity grew. */
  pump(): void {
    while (!this.isFull() && this.waiters.length > 0) {
      const next = this.waiters.shift();
      this.active++;
      next?.grant();
    }
  }

  private ticket(ready: Promise<void>, holds: boolean | (() => boolean), waiter?: Waiter): Ticket {
    let released = false;
    return {
      ready,
      release: () => {
        if (released) return;
        released = true;
        const holding = typeof holds === 'function' ? holds() : holds;
        if (holding) {
          this.active--;
          this.pump();
        } else {
          this.leaveQueue(waiter);
        }
      },
    };
  }

  private leaveQueue(waiter: Waiter | undefined): void {
    const index = waiter ? this.waiters.indexOf(waiter) : -1;
    if (index >= 0) this.waiters.splice(index, 1);
  }
}

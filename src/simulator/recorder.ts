/**
 * The request log: every request the simulator received, as live {@link SimRequest} objects,
 * plus waits on it ("resolve when 3 requests arrived / finished") for tests.
 */
import type { SimRequest } from './types.js';

interface Waiter {
  /** Settles the waiter if its condition holds; returns true when it did. */
  check(): boolean;
  fail(error: Error): void;
}

export class Recorder {
  /** Kept as one array (cleared in place) so a reference held by a test stays current. */
  readonly requests: SimRequest[] = [];
  private nextId = 1;
  private readonly waiters = new Set<Waiter>();

  /** Logs a new request and returns it with its id. */
  add(fields: Omit<SimRequest, 'id'>): SimRequest {
    const request: SimRequest = { id: this.nextId++, ...fields };
    this.requests.push(request);
    this.changed();
    return request;
  }

  /** Re-checks pending waits; call after a request was added or finished. */
  changed(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) this.waiters.delete(waiter);
  }

  /** Clears the log and restarts ids at 1. */
  reset(): void {
    this.requests.length = 0;
    this.nextId = 1;
  }

  /**
   * Resolves with a copy of the log once `count(requests) >= n`; rejects after `timeoutMs`
   * with what was seen, so a hanging test says why.
   */
  waitFor(n: number, timeoutMs: number, what: string, count: (r: SimRequest[]) => number): Promise<SimRequest[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `Simulator: waited ${timeoutMs} ms for ${n} ${what} requests, saw ${count(this.requests)}. ` +
              'Check that the client reaches sim.url, or pass a longer timeout, e.g. waitForRequests(2, 10_000).',
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        check: () => {
          if (count(this.requests) < n) return false;
          clearTimeout(timer);
          resolve([...this.requests]);
          return true;
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /** Rejects every pending wait (the simulator is closing). */
  close(): void {
    for (const waiter of this.waiters) waiter.fail(new Error('Simulator closed while a wait on its requests was pending.'));
    this.waiters.clear();
  }
}

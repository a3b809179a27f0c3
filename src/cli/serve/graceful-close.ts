/**
 * Graceful shutdown for a node:http server: stop accepting at once, let the requests in flight
 * finish (a stream keeps going to its end), close each connection as it falls idle, and after a
 * cap destroy whatever is still open so a stuck client cannot hold the process forever.
 */
import type { Server } from 'node:http';

/** How a shutdown ended: every request finished, or the cap ran out and connections were destroyed. */
export type CloseOutcome = 'drained' | 'forced';

/** Counts in-flight requests of a server and closes it gracefully. */
export interface GracefulCloser {
  /** Requests whose response has not finished yet. */
  inFlight(): number;
  /**
   * Stops listening (new connections are refused), waits for in-flight requests, then resolves.
   * After `timeoutMs` the remaining connections are destroyed and it resolves `'forced'`.
   * Calling it again returns the same promise.
   */
  close(timeoutMs: number): Promise<CloseOutcome>;
  /** Destroys every connection now (a second Ctrl+C); `close()` then resolves `'forced'`. */
  forceClose(): void;
}

/** Starts tracking `server`'s requests; call it before the server takes traffic. */
export function trackRequests(server: Server): GracefulCloser {
  let active = 0;
  let closing: Promise<CloseOutcome> | undefined;
  let forced = false;

  server.on('request', (_req, res) => {
    active++;
    // While draining, a request that still arrives on a kept-alive socket is served, then that
    // socket closes: no connection outlives the shutdown.
    if (closing) res.shouldKeepAlive = false;
    res.once('close', () => {
      active--;
      if (closing) server.closeIdleConnections();
    });
  });

  const forceClose = () => {
    forced = true;
    server.closeAllConnections();
  };

  return {
    inFlight: () => active,
    forceClose,
    close(timeoutMs) {
      closing ??= new Promise<CloseOutcome>((resolve) => {
        const cap = setTimeout(forceClose, timeoutMs);
        server.close(() => {
          clearTimeout(cap);
          resolve(forced ? 'forced' : 'drained');
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

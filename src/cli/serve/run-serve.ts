/** `flexroute serve` as a process: start, then shut down gracefully on SIGINT / SIGTERM. */
import type { ServeArgs } from '../args.js';
import { startServe, type ServeIo } from './serve.js';

/**
 * Runs the gateway until a signal. The first SIGINT or SIGTERM stops accepting and waits for
 * in-flight requests (up to `drainTimeoutMs`); a second one closes every connection at once.
 * Resolves with the exit code (0 after a shutdown, drained or not).
 */
export async function runServe(args: ServeArgs, io: ServeIo): Promise<number> {
  const running = await startServe(args, io);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.log(`${signal} again: closing ${running.closer.inFlight()} connection(s) now.`);
        running.closer.forceClose();
        return;
      }
      stopping = true;
      const inFlight = running.closer.inFlight();
      // Close first, then say so: whoever reads "no longer accepting" must find the port closed.
      const closed = running.close();
      io.log(
        inFlight === 0
          ? `${signal}: shutting down.`
          : `${signal}: no longer accepting; waiting up to ${Math.round(args.drainTimeoutMs / 1000)} s for ${inFlight} in-flight request(s). Send it again to stop at once.`,
      );
      closed.then((outcome) => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        io.log(outcome === 'drained' ? 'Stopped: every request finished.' : 'Stopped: connections still open were closed.');
        resolve(0);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

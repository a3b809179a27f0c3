/**
 * Writing SSE frames to a Node response: `event: <name>\n` (when named) + `data: <payload>\n\n`,
 * honouring backpressure so a slow reader never makes the simulator buffer without bound.
 */
import type { ServerResponse } from 'node:http';
import type { Frame } from './dialects/dialect.js';

/** The bytes of one frame. */
export function formatFrame(frame: Frame): string {
  return `${frame.event !== undefined ? `event: ${frame.event}\n` : ''}data: ${frame.data}\n\n`;
}

/**
 * Writes `text` and resolves once it is handed to the socket (so a destroy right after does
 * not drop it) and, when the buffer is full, once it drained. Rejects if the signal aborts first.
 */
export function writeFlushed(res: ServerResponse, text: string | Uint8Array, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let pending = 1;
    const cleanup = () => {
      signal.removeEventListener('abort', onAbort);
      res.off('drain', onDrain);
    };
    const done = () => {
      if (--pending > 0) return;
      cleanup();
      resolve();
    };
    const onAbort = () => {
      cleanup();
      reject(signal.reason);
    };
    const onDrain = () => done();
    signal.addEventListener('abort', onAbort, { once: true });
    const hasRoom = res.write(text, () => done());
    if (!hasRoom) {
      pending++;
      res.once('drain', onDrain);
    }
  });
}

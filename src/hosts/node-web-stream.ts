import type { Readable } from 'node:stream';

/** How {@link nodeToWebStream} attaches to its readable and lets go of it. */
export interface NodeToWebOptions {
  /**
   * `eager` (default): listen at once, for an upstream body being relayed. `lazy`: read nothing
   * until the web stream is first read, so a request handed on to the host's next route keeps its
   * body for that route.
   */
  attach?: 'eager' | 'lazy';
  /**
   * `destroy` (default): cancelling the web stream destroys the readable (an upstream socket is
   * closed, so the provider stops generating). `drain`: the rest is read and dropped, so a
   * client's keep-alive connection stays usable.
   */
  onCancel?: 'destroy' | 'drain';
  /** Errors the web stream when it fires (a client gone mid-upload), so no reader waits forever. */
  signal?: AbortSignal;
  /** The web stream's high-water mark, in chunks. Default 4; 0 reads only on demand. */
  highWaterMark?: number;
}

/**
 * A Node readable as a web `ReadableStream`, with backpressure both ways: the readable is paused
 * while the web reader is behind, and cancelling the web stream destroys (or drains) the
 * readable. Once the web stream is closed, errored or cancelled, late events from the readable
 * are ignored: a destroyed socket may still flush a chunk, and enqueueing it then would throw
 * outside any caller. The one adapter for both directions: upstream answers (undici) and
 * callers' request bodies (the Node listener).
 *
 * Chunks the readable emits in one burst (undici emits one per HTTP chunk, so one per SSE event
 * from most providers) are handed on as one web chunk, from a microtask: no timer, no added
 * latency, but every per-chunk cost downstream (relay, translation, socket writes) is paid once
 * per socket read instead of once per event.
 */
export function nodeToWebStream(body: Readable, options: NodeToWebOptions = {}): ReadableStream<Uint8Array> {
  const { attach = 'eager', onCancel = 'destroy', signal } = options;
  let attached = false;
  let settled = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let burst: Buffer[] = [];
  let flushQueued = false;
  const detach = () => {
    settled = true;
    burst = [];
    body.off('data', onData).off('end', onEnd).off('error', onError);
    signal?.removeEventListener('abort', onAbort);
  };
  const flush = () => {
    flushQueued = false;
    if (settled || burst.length === 0) return;
    const chunk = burst.length === 1 ? burst[0]! : Buffer.concat(burst);
    burst = [];
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 1) <= 0) body.pause();
  };
  const onData = (chunk: Buffer) => {
    if (settled) return;
    burst.push(chunk);
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  };
  const onEnd = () => {
    if (settled) return;
    flush();
    detach();
    controller.close();
  };
  const onError = (err: Error) => {
    if (settled) return;
    detach();
    controller.error(err);
  };
  const onAbort = () => onError(signal?.reason instanceof Error ? signal.reason : new Error('The client closed the connection.'));
  const listen = () => {
    attached = true;
    body.on('data', onData).once('end', onEnd).once('error', onError);
    if (signal) {
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (attach === 'eager') listen();
      },
      pull() {
        if (!attached) listen();
        body.resume();
      },
      cancel(reason) {
        if (attached) detach();
        settled = true;
        if (onCancel === 'drain') {
          body.resume(); // read and drop the rest, so the connection stays usable
          return;
        }
        // Swallow the destroy error: nobody is reading any more.
        body.once('error', () => {});
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: options.highWaterMark ?? 4 },
  );
}

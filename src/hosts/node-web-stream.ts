import type { Readable } from 'node:stream';

/**
 * A Node readable as a web `ReadableStream`, with backpressure both ways: the readable is paused
 * while the web reader is behind, and cancelling the web stream destroys the readable (so an
 * upstream socket is closed, and the provider stops generating). Once the web stream is closed,
 * errored or cancelled, late events from the readable are ignored: a destroyed socket may still
 * flush a chunk, and enqueueing it then would throw outside any caller.
 *
 * Chunks the readable emits in one burst (undici emits one per HTTP chunk, so one per SSE event
 * from most providers) are handed on as one web chunk, from a microtask: no timer, no added
 * latency, but every per-chunk cost downstream (relay, translation, socket writes) is paid once
 * per socket read instead of once per event.
 */
export function nodeToWebStream(body: Readable): ReadableStream<Uint8Array> {
  let settled = false;
  const detach = () => {
    settled = true;
    burst = [];
    body.off('data', onData).off('end', onEnd).off('error', onError);
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let burst: Buffer[] = [];
  let flushQueued = false;
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
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        body.on('data', onData).once('end', onEnd).once('error', onError);
      },
      pull() {
        body.resume();
      },
      cancel(reason) {
        detach();
        // Swallow the destroy error: nobody is reading any more.
        body.once('error', () => {});
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 4 },
  );
}

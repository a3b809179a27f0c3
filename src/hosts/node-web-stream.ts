import type { Readable } from 'node:stream';

/**
 * A Node readable as a web `ReadableStream`, with backpressure both ways: the readable is paused
 * while the web reader is behind, and cancelling the web stream destroys the readable (so an
 * upstream socket is closed, and the provider stops generating).
 */
export function nodeToWebStream(body: Readable): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        body.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) body.pause();
        });
        body.once('end', () => controller.close());
        body.once('error', (err) => controller.error(err));
      },
      pull() {
        body.resume();
      },
      cancel(reason) {
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 4 },
  );
}

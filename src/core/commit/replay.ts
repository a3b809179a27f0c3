/**
 * The committed stream: the bytes the detector already read, then the rest of the upstream body,
 * all unchanged. Pull-driven, so nothing is read from upstream before the consumer asks.
 */

/**
 * @param held chunks read before commit, in order (sent first, as one chunk)
 * @param reader the upstream reader, positioned just after `held`; this stream takes it over
 */
export function replayStream(
  held: readonly Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  let head: Uint8Array | undefined = concatBytes(held);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (head) {
          const bytes = head;
          head = undefined;
          if (bytes.length > 0) {
            controller.enqueue(bytes);
            return;
          }
        }
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel(reason) {
        head = undefined;
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Joins chunks into one (returns the only chunk as is, without copying). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

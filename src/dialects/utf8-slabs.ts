/**
 * UTF-8 encoding of a translated stream's text, chunk by chunk, into shared slabs.
 *
 * `TextEncoder.encode` gives every chunk an `ArrayBuffer` of its own, and in Node 20 making one
 * costs about a microsecond: more than decoding and encoding the event it carries. Here the bytes
 * go into a 16 KiB slab with `encodeInto`, and each chunk is a view of its part of the slab (as a
 * Node `Buffer` from its pool is). A part is never written twice, so a chunk keeps its bytes
 * however long it is held; what a chunk must not be is transferred (`postMessage`,
 * `structuredClone` with `transfer`), which would take the rest of its slab with it. A stream
 * keeps slabs of its own, so nothing one caller does reaches another's stream.
 */

const SLAB_BYTES = 16 * 1024;
/** Texts that might need more than this get a buffer of their own, so a slab holds many chunks. */
const OWN_BUFFER_BYTES = 4 * 1024;

const encoder = new TextEncoder();

/**
 * A function giving the UTF-8 bytes of each text it is passed, the same bytes as
 * `new TextEncoder().encode(text)` (lone surrogates as U+FFFD), as views into slabs it keeps.
 *
 * @example
 * ```ts
 * const utf8 = createUtf8SlabEncoder();
 * controller.enqueue(utf8('event: ping\ndata: {}\n\n'));
 * ```
 */
export function createUtf8SlabEncoder(): (text: string) => Uint8Array {
  let slab: Uint8Array | undefined;
  let used = 0;
  return (text) => {
    // At most 3 bytes per UTF-16 code unit (a surrogate pair is 4 bytes for 2), so this is room enough.
    const most = text.length * 3;
    if (most > OWN_BUFFER_BYTES) return encoder.encode(text);
    if (slab === undefined || slab.byteLength - used < most) {
      slab = new Uint8Array(SLAB_BYTES);
      used = 0;
    }
    const { written } = encoder.encodeInto(text, slab.subarray(used));
    const chunk = slab.subarray(used, used + written);
    used += written;
    return chunk;
  };
}

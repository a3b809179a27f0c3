/**
 * SSE framing at the byte level: where frames end, and how to write one.
 *
 * A frame is everything up to and including the blank line that dispatches an event (or, for a
 * frame of comments only, dispatches nothing). Relaying whole frames is what lets the router cut
 * a broken stream cleanly: the client never holds half an event when a failure frame follows.
 */
import type { SseEvent } from './events.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds frame boundaries in a byte stream fed chunk by chunk, without decoding text or parsing
 * events (one pass over the bytes, a few comparisons each). Line ends may be LF, CRLF or CR, and
 * may be split across chunks.
 *
 * A frame ending in a CR is complete at that CR (no need to wait for the next byte); if the LF of
 * a CRLF follows in the same chunk it is counted in the frame, if it comes in the next chunk it
 * starts the next one, which is harmless to every SSE parser.
 *
 * @example
 * ```ts
 * const scanner = new SseFrameScanner();
 * scanner.scan(bytes('data: a\n\ndata: b')); // 9: the first frame ends at offset 9, "data: b" is incomplete
 * scanner.scan(bytes('\n\n'));               // 2: the second frame ends with this chunk
 * ```
 */
export class SseFrameScanner {
  /** No character yet on the current line, so a line end here is a blank line. */
  #atLineStart = true;
  /** The last byte seen was a CR, so an LF now completes that CRLF rather than ending a line. */
  #afterCR = false;

  /**
   * Scans the next chunk. Returns the offset just past the last frame that ends inside this
   * chunk, or -1 if no frame ends in it.
   */
  scan(chunk: Uint8Array): number {
    let lastEnd = -1;
    let atLineStart = this.#atLineStart;
    let afterCR = this.#afterCR;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte > CR) {
        atLineStart = false;
        afterCR = false;
      } else if (byte === LF) {
        if (afterCR) {
          afterCR = false;
          if (lastEnd === i) lastEnd = i + 1; // the LF of a CRLF that ended a frame belongs to it
        } else {
          if (atLineStart) lastEnd = i + 1;
          atLineStart = true;
        }
      } else if (byte === CR) {
        if (atLineStart) lastEnd = i + 1;
        atLineStart = true;
        afterCR = true;
      } else {
        atLineStart = false;
        afterCR = false;
      }
    }
    this.#atLineStart = atLineStart;
    this.#afterCR = afterCR;
    return lastEnd;
  }
}

/**
 * Writes one event as SSE text: `event:` and `id:` lines when present, one `data:` line per line
 * of data, then the blank line.
 *
 * @example
 * ```ts
 * encodeSseText({ event: 'response.failed', data: '{"type":"response.failed"}' });
 * // 'event: response.failed\ndata: {"type":"response.failed"}\n\n'
 * ```
 */
export function encodeSseText(event: SseEvent): string {
  let text = '';
  if (event.event !== undefined) text += `event: ${singleLine('event', event.event)}\n`;
  if (event.id !== undefined) text += `id: ${singleLine('id', event.id)}\n`;
  for (const line of event.data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** {@link encodeSseText} as UTF-8 bytes, ready to enqueue on a response body. */
export function encodeSseFrame(event: SseEvent): Uint8Array {
  return new TextEncoder().encode(encodeSseText(event));
}

function singleLine(field: string, value: string): string {
  if (/[\r\n]/.test(value)) {
    throw new TypeError(
      `SSE field "${field}" cannot contain a line break (got ${JSON.stringify(value)}): it would end the line early and corrupt the frame. ` +
        `Remove the line break, e.g. { ${field}: "response.failed" }.`,
    );
  }
  return value;
}

/**
 * Counts SSE events in received bytes without decoding them: an event ends at the first blank
 * line after a line with text (`\n\n`, or `\r\n\r\n`); extra blank lines dispatch nothing, as in
 * the SSE spec. The scan finds line feeds with `indexOf` (native) rather than a byte loop, so
 * the load generator stays cheap next to the processes it measures. Chunks may split anywhere,
 * including between `\r` and `\n`.
 */
const LF = 0x0a;
const CR = 0x0d;

export class SseFrameCounter {
  /** The line being received has something other than `\r` in it. */
  private lineHasText = false;
  /** A line with text was seen since the last event ended. */
  private eventOpen = false;

  /** Adds one received chunk; returns how many events it completed. */
  add(chunk: Uint8Array): number {
    let frames = 0;
    let from = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, from)) {
      if (this.lineHasText || hasText(chunk, from, lf)) this.eventOpen = true;
      else if (this.eventOpen) {
        frames++;
        this.eventOpen = false;
      }
      this.lineHasText = false;
      from = lf + 1;
    }
    if (hasText(chunk, from, chunk.length)) this.lineHasText = true;
    return frames;
  }
}

/** True when `chunk[from, to)` holds anything but carriage returns (stops at the first such byte). */
function hasText(chunk: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (chunk[i] !== CR) return true;
  return false;
}

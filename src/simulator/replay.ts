/**
 * Recorded transcripts (`*.chunks.txt`: one event's JSON per line) turned into frames. Lines
 * are sent byte for byte as recorded; the dialect decides each frame's event name, whether it
 * is bookkeeping and whether it carries tokens.
 */
import type { Frame } from './dialects/dialect.js';

/** How a dialect frames one recorded line. */
export interface ReplayFraming {
  /** The `event:` name for a line (`undefined` for `data:`-only dialects). */
  eventName(json: Record<string, unknown>): string | undefined;
  /** True for bookkeeping events that may lead the stream before start. */
  isBookkeeping(json: Record<string, unknown>): boolean;
  /** True for events that carry generated content (paced, counted for failure points). */
  carriesContent(json: Record<string, unknown>): boolean;
  /** Frames appended after the last line (Chat's `data: [DONE]`). */
  trailer: Frame[];
}

/**
 * Frames a transcript and splits off its leading bookkeeping events.
 * Throws with the line number when a line is not JSON, so a bad fixture is easy to find.
 */
export function frameTranscript(transcript: string, framing: ReplayFraming): { head: Frame[]; content: Frame[] } {
  const frames: Array<{ frame: Frame; bookkeeping: boolean }> = [];
  transcript.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(
        `Replay transcript line ${index + 1} is not JSON: ${line.slice(0, 60)}… ` +
          'A *.chunks.txt holds one event payload per line, e.g. {"type":"response.created",…}.',
      );
    }
    const event = framing.eventName(json);
    const frame: Frame = { data: line, tokens: framing.carriesContent(json) ? 1 : 0 };
    if (event !== undefined) frame.event = event;
    frames.push({ frame, bookkeeping: framing.isBookkeeping(json) });
  });
  const firstReal = frames.findIndex((f) => !f.bookkeeping);
  const split = firstReal === -1 ? frames.length : firstReal;
  return {
    head: frames.slice(0, split).map((f) => f.frame),
    content: [...frames.slice(split).map((f) => f.frame), ...framing.trailer],
  };
}

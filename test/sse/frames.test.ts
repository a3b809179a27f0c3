import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSseEvents } from '../../src/sse/events.js';
import { encodeSseFrame, encodeSseText, SseFrameScanner } from '../../src/sse/frames.js';
import { oneByteChunks, splitAt, utf8 } from '../support/byte-streams.js';
import { transcriptSse } from '../support/transcripts.js';

const FAILURE = utf8('event: failure\ndata: {"error":true}\n\n');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** For each chunk, how many bytes from the start of the stream form whole frames. */
function completePrefixes(chunks: readonly Uint8Array[]): Array<{ received: number; complete: number }> {
  const scanner = new SseFrameScanner();
  let received = 0;
  let complete = 0;
  return chunks.map((chunk) => {
    const end = scanner.scan(chunk);
    if (end !== -1) complete = received + end;
    received += chunk.length;
    return { received, complete };
  });
}

/** SSE text made of arbitrary lines (fields, comments, unknown fields, blank lines) and mixed line endings. */
const sseText = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constant(''),
        fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)).map((s) => `data: ${s}`),
        fc.constantFrom('event: x', 'id: 1', ': comment', 'retry: 10', 'weird'),
      ),
      fc.constantFrom('\n', '\r\n', '\r'),
    ),
    { maxLength: 25 },
  )
  .map((lines) => lines.map(([line, ending]) => line + ending).join(''));

describe('SseFrameScanner', () => {
  it('marks as complete exactly the bytes whose events a parser has dispatched, under any chunking', () => {
    fc.assert(
      fc.property(sseText, fc.array(fc.nat(), { maxLength: 20 }), (text, rawCuts) => {
        const bytes = utf8(text);
        const chunks = splitAt(bytes, rawCuts.map((cut) => cut % (bytes.length + 1)));
        for (const { received, complete } of completePrefixes(chunks)) {
          const prefix = bytes.subarray(0, complete);
          // No event is held back that a parser could already dispatch ...
          expect(parseSseEvents(prefix)).toEqual(parseSseEvents(bytes.subarray(0, received)));
          // ... and a frame appended at the boundary arrives whole, after exactly those events.
          expect(parseSseEvents(concat(prefix, FAILURE))).toEqual([...parseSseEvents(prefix), { event: 'failure', data: '{"error":true}' }]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds every frame end of a recorded stream, with LF, CRLF or CR, one byte at a time', () => {
    for (const lineEnding of ['\n', '\r\n', '\r'] as const) {
      const bytes = transcriptSse('openai-responses-openai-custom-tool.1', undefined, { lineEnding });
      const ends = completePrefixes(oneByteChunks(bytes)).map(({ complete }) => complete);
      const frames = new Set(ends.filter((end) => end > 0)).size;
      expect(frames).toBe(8);
      // With CRLF the frame is complete at the CR; the LF of that CRLF arrives as the next frame's first byte.
      expect(ends.at(-1)).toBe(lineEnding === '\r\n' ? bytes.length - 1 : bytes.length);
    }
  });

  it('returns -1 for a chunk that ends no frame, and the end offset of the last frame otherwise', () => {
    const scanner = new SseFrameScanner();
    expect(scanner.scan(utf8('data: a\n\ndata: b'))).toBe(9);
    expect(scanner.scan(utf8('c\n'))).toBe(-1);
    expect(scanner.scan(utf8('\ndata: d\n\n'))).toBe(10);
    expect(scanner.scan(utf8('data: e\r\n\r\n'))).toBe(11);
  });
});

describe('encodeSseText / encodeSseFrame', () => {
  it('writes event, id and one data line per line of data', () => {
    expect(encodeSseText({ event: 'response.failed', id: '9', data: 'a\nb' })).toBe('event: response.failed\nid: 9\ndata: a\ndata: b\n\n');
    expect(encodeSseText({ data: '[DONE]' })).toBe('data: [DONE]\n\n');
  });

  it('round-trips through a parser for any data', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[a-z.]{1,12}$/), (data, event) => {
        const normalised = data.replace(/\r\n|\r/g, '\n');
        expect(parseSseEvents(encodeSseFrame({ event, data }))).toEqual([{ event, data: normalised }]);
      }),
    );
  });

  it('refuses a line break in the event name, saying why', () => {
    expect(() => encodeSseText({ event: 'a\nb', data: '' })).toThrow(/cannot contain a line break/);
  });
});

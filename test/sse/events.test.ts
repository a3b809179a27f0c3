import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSseEvents, readSseEvents, SseEventDecoder, type SseEvent } from '../../src/sse/events.js';
import { encodeSseText } from '../../src/sse/frames.js';
import { arbitraryCuts, chunkedBody, oneByteChunks, splitAt, utf8 } from '../support/byte-streams.js';
import { transcriptEvents, transcriptNames, transcriptSse } from '../support/transcripts.js';

function decodeChunks(chunks: readonly Uint8Array[]): SseEvent[] {
  const decoder = new SseEventDecoder();
  const events = chunks.flatMap((chunk) => decoder.push(chunk));
  return [...events, ...decoder.end()];
}

const LINE_ENDINGS = ['\n', '\r\n', '\r'] as const;

describe('SseEventDecoder on the recorded transcripts', () => {
  for (const name of transcriptNames()) {
    for (const lineEnding of LINE_ENDINGS) {
      it(`${name} (${JSON.stringify(lineEnding)}) gives the recorded events under any chunking`, () => {
        const bytes = transcriptSse(name, undefined, { lineEnding });
        const expected = transcriptEvents(name);
        expect(decodeChunks([bytes])).toEqual(expected);
        fc.assert(
          fc.property(arbitraryCuts(bytes.length), (cuts) => {
            expect(decodeChunks(splitAt(bytes, cuts))).toEqual(expected);
          }),
          { numRuns: 40 },
        );
      });
    }
  }

  it('gives the same events when every byte is its own chunk', () => {
    const bytes = transcriptSse('openai-responses-openai-phase.1', undefined, { lineEnding: '\r\n' });
    expect(decodeChunks(oneByteChunks(bytes))).toEqual(transcriptEvents('openai-responses-openai-phase.1'));
  });
});

describe('SseEventDecoder edge cases', () => {
  it('decodes multi-byte UTF-8 characters split across chunks whole, never as U+FFFD', () => {
    const text = 'data: {"t":"héllo — 日本語 🌍🚀"}\n\n';
    const bytes = utf8(text);
    fc.assert(
      fc.property(arbitraryCuts(bytes.length), (cuts) => {
        expect(decodeChunks(splitAt(bytes, cuts))).toEqual([{ data: '{"t":"héllo — 日本語 🌍🚀"}' }]);
      }),
    );
    expect(decodeChunks(oneByteChunks(bytes))).toEqual([{ data: '{"t":"héllo — 日本語 🌍🚀"}' }]);
  });

  it('round-trips arbitrary events, any line ending, any chunking', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));
    const eventArb = fc.record(
      {
        event: fc.stringMatching(/^[a-z][a-z._]{0,15}$/),
        data: fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
        id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
      },
      { requiredKeys: ['data'] },
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 6 }), fc.constantFrom(...LINE_ENDINGS), fc.array(fc.nat(), { maxLength: 30 }), (events, ending, cuts) => {
        const text = events.map(encodeSseText).join('').replace(/\n/g, ending);
        const bytes = utf8(text);
        const expected = events.map((event) => ({ ...event, data: event.data }));
        expect(decodeChunks(splitAt(bytes, cuts.map((cut) => cut % (bytes.length + 1))))).toEqual(expected);
      }),
    );
  });

  it('dispatches an event closed by CR CR at once, without waiting for a possible LF', () => {
    const decoder = new SseEventDecoder();
    expect(decoder.push(utf8('data: a\r\r'))).toEqual([{ data: 'a' }]);
    // The LF that turns the last CR into a CRLF must not count as one more blank line or line.
    expect(decoder.push(utf8('\ndata: b\r'))).toEqual([]);
    expect(decoder.push(utf8('\n\r\n'))).toEqual([{ data: 'b' }]);
  });

  it('treats CR then LF in separate chunks as one line end', () => {
    const decoder = new SseEventDecoder();
    expect(decoder.push(utf8('data: a\r'))).toEqual([]);
    expect(decoder.push(utf8('\n'))).toEqual([]);
    expect(decoder.push(utf8('\n'))).toEqual([{ data: 'a' }]);
  });

  it('ignores comments, keeps ids and multi-line data, strips a leading BOM', () => {
    const text = '\uFEFF: keep-alive\n\nid: 7\nevent: step\ndata: one\ndata: two\n\n: ping\ndata: x\n\n';
    expect(parseSseEvents(text)).toEqual([{ id: '7', event: 'step', data: 'one\ntwo' }, { data: 'x' }]);
  });

  it('drops an event left unterminated at the end, unless asked to include it', () => {
    expect(parseSseEvents('data: a\n\ndata: [DONE]\n')).toEqual([{ data: 'a' }]);
    for (const ending of ['\n', '\r', '\r\n']) {
      const decoder = new SseEventDecoder();
      expect(decoder.push(utf8(`data: a\n\ndata: [DONE]${ending}`))).toEqual([{ data: 'a' }]);
      expect(decoder.end({ includeUnterminated: true })).toEqual([{ data: '[DONE]' }]);
    }
  });

  it('never dispatches a last line cut off mid-way, even when asked to include unterminated events', () => {
    const decoder = new SseEventDecoder();
    decoder.push(utf8('event: response.completed\ndata: {"type":"response.comp'));
    expect(decoder.end({ includeUnterminated: true })).toEqual([]);
  });

  it('readSseEvents yields the events of a body and cancels it when the loop breaks', async () => {
    const bytes = transcriptSse('anthropic-text');
    const all: SseEvent[] = [];
    for await (const event of readSseEvents(chunkedBody(splitAt(bytes, [5, 100, 101, 700])).stream)) all.push(event);
    expect(all).toEqual(transcriptEvents('anthropic-text'));

    const body = chunkedBody(oneByteChunks(bytes));
    for await (const event of readSseEvents(body.stream)) {
      expect(event.event).toBe('message_start');
      break;
    }
    expect(body.cancelled).toBe(true);
  });
});

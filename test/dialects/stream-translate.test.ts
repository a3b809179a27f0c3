/**
 * translateStream over real byte streams: the output does not depend on how the upstream bytes
 * were chunked (1-byte chunks, arbitrary cuts, CRLF line ends), a broken upstream still ends with
 * the caller's failure event, and cancelling the caller's stream cancels the upstream.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import { translateStream } from '../../src/dialects/stream-translate.js';
import { parseSseEvents } from '../../src/sse/events.js';
import { arbitraryCuts, byteDifference, chunkedBody, fromUtf8, manualBody, oneByteChunks, readAllBytes, settle, splitAt, utf8 } from '../support/byte-streams.js';
import { transcriptSse } from '../support/transcripts.js';
import { ALL_DIALECTS, FIXED_CTX, decodeText, encodeText, recordedStreams, sseText, summarize } from './support/streams.js';

function translate(chunks: Uint8Array[], from: DialectId, to: DialectId, then: 'end' | 'error' = 'end'): Promise<Uint8Array> {
  return readAllBytes(translateStream(chunkedBody(chunks, { then }).stream, from, to, FIXED_CTX));
}

/** One recorded stream per source dialect, each sent to every other dialect. */
const PAIRS = ['anthropic-json-tool.1', 'google-text', 'interactions-tool-call-step1', 'openai-chat-openai-text', 'openai-responses-openai-reasoning-encrypted-content.1#1'].flatMap(
  (name) => {
    const stream = recordedStreams().find((s) => s.name === name)!;
    return ALL_DIALECTS.filter((to) => to !== stream.dialect).map((to) => ({ stream, to }));
  },
);

describe('translateStream: output independent of upstream chunking', () => {
  for (const { stream, to } of PAIRS) {
    it(`${stream.name} → ${to}`, async () => {
      const bytes = utf8(sseText(stream.events));
      const whole = await translate([bytes], stream.dialect, to);
      // The whole-body translation is the encoder's output for the decoded events, byte for byte.
      expect(fromUtf8(whole)).toBe(encodeText(to, decodeText(stream.dialect, sseText(stream.events))));
      expect(byteDifference(await translate(oneByteChunks(bytes), stream.dialect, to), whole)).toBeUndefined();
      await fc.assert(
        fc.asyncProperty(arbitraryCuts(bytes.length), async (cuts) => {
          expect(byteDifference(await translate(splitAt(bytes, cuts), stream.dialect, to), whole)).toBeUndefined();
        }),
        { numRuns: 25 },
      );
    });
  }

  it('CRLF and CR line ends translate like LF', async () => {
    for (const lineEnding of ['\r\n', '\r'] as const) {
      const lf = await translate([transcriptSse('anthropic-text')], 'anthropic-messages', 'openai-chat');
      const other = await translate(oneByteChunks(transcriptSse('anthropic-text', 'anthropic-messages', { lineEnding })), 'anthropic-messages', 'openai-chat');
      expect(byteDifference(other, lf)).toBeUndefined();
    }
  });
});

describe('translateStream: endings', () => {
  it('same dialect in and out: the very same body, untouched', () => {
    const body = chunkedBody([transcriptSse('anthropic-text')]).stream;
    expect(translateStream(body, 'anthropic-messages', 'anthropic-messages', FIXED_CTX)).toBe(body);
  });

  it('an upstream that ends before its terminal event ends with the caller’s failure event', async () => {
    const bytes = transcriptSse('anthropic-text');
    const cut = fromUtf8(bytes).indexOf('event: content_block_stop');
    const out = fromUtf8(await translate([bytes.subarray(0, cut)], 'anthropic-messages', 'openai-responses'));
    const last = parseSseEvents(out).at(-1)!;
    expect(last.event).toBe('response.failed');
    expect(JSON.parse(last.data)).toMatchObject({ response: { status: 'failed', error: { code: 'ended_early' } } });
    // What streamed before the cut is still there, in the failed response's output.
    expect(JSON.parse(last.data).response.output[0].content[0].text).toMatch(/^Hello! I'm doing well/);
  });

  it('a connection that fails mid-stream ends with the caller’s failure event', async () => {
    const bytes = transcriptSse('google-text');
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    const out = fromUtf8(await translate([half], 'gemini-generate', 'anthropic-messages', 'error'));
    const last = parseSseEvents(out).at(-1)!;
    expect(last.event).toBe('error');
    expect(JSON.parse(last.data)).toMatchObject({ type: 'error', error: { type: 'api_error', message: expect.stringMatching(/connection failed/) } });
  });

  it('an in-band upstream error becomes the caller’s error event', async () => {
    const out = fromUtf8(await translate([transcriptSse('openai-responses-openai-error.1')], 'openai-responses', 'gemini-interactions'));
    const events = parseSseEvents(out);
    expect(events.at(-1)?.event).toBe('error');
    expect(summarize(decodeText('gemini-interactions', out)).error?.message).toMatch(/^You exceeded your current quota/);
  });

  it('ends the caller’s stream at the terminal event and stops reading the upstream', async () => {
    const body = manualBody();
    const reader = translateStream(body.stream, 'openai-chat', 'anthropic-messages', FIXED_CTX).getReader();
    body.push(transcriptSse('openai-chat-openai-text'));
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += fromUtf8(value);
    }
    expect(parseSseEvents(text).at(-1)?.event).toBe('message_stop');
    expect(body.cancelled).toBe(true);
  });

  it('cancelling the caller’s stream cancels the upstream', async () => {
    const body = manualBody();
    const reader = translateStream(body.stream, 'anthropic-messages', 'openai-chat', FIXED_CTX).getReader();
    const bytes = fromUtf8(transcriptSse('anthropic-text'));
    body.push(utf8(bytes.slice(0, bytes.indexOf('event: content_block_delta'))));
    const first = await reader.read();
    expect(fromUtf8(first.value!)).toContain('"role":"assistant"');
    await reader.cancel('caller went away');
    await settle();
    expect(body.cancelled).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/core/fake-clock.js';
import { relayCommitted, type RelayOptions } from '../../src/core/commit/relay.js';
import type { RelayFailure } from '../../src/core/commit/rules.js';
import { openaiChatStream } from '../../src/dialects/openai-chat/stream.js';
import { openaiResponsesStream } from '../../src/dialects/openai-responses/stream.js';
import { parseSseEvents, type SseEvent } from '../../src/sse/events.js';
import { encodeSseFrame, encodeSseText } from '../../src/sse/frames.js';
import {
  arbitraryCuts,
  byteDifference,
  chunkedBody,
  manualBody,
  oneByteChunks,
  readAllBytes,
  settle,
  splitAt,
  utf8,
} from '../support/byte-streams.js';
import { transcriptEvents, transcriptSse } from '../support/transcripts.js';

const RESPONSES = 'openai-responses-openai-custom-tool.1';
const CHAT = 'openai-chat-openai-text';

/** The recognisable failure frame these tests use. */
function failureBytes(kind: RelayFailure['kind']): Uint8Array {
  return encodeSseFrame({ event: 'relay.failed', data: JSON.stringify({ kind }) });
}

/** {@link failureBytes} as a relay option, recording what the relay reported. */
function recordingFailure(): { frame: RelayOptions['failureFrame']; failures: RelayFailure[] } {
  const failures: RelayFailure[] = [];
  return {
    failures,
    frame: (failure) => {
      failures.push(failure);
      return failureBytes(failure.kind);
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Byte offsets where each frame of a transcript ends. */
function frameEnds(events: SseEvent[], lineEnding: string): number[] {
  let offset = 0;
  return events.map((event) => (offset += utf8(encodeSseText(event).replace(/\n/g, lineEnding)).length));
}

describe('relayCommitted: complete streams pass through unchanged', () => {
  for (const [name, dialect] of [
    [RESPONSES, openaiResponsesStream],
    [CHAT, openaiChatStream],
  ] as const) {
    it(`${name}: byte-identical under any chunking, every event tapped, no failure frame`, async () => {
      const bytes = transcriptSse(name);
      await fc.assert(
        fc.asyncProperty(arbitraryCuts(bytes.length), async (cuts) => {
          const { frame, failures } = recordingFailure();
          const tapped: SseEvent[] = [];
          const out = await readAllBytes(
            relayCommitted(chunkedBody(splitAt(bytes, cuts)).stream, { failureFrame: frame, isTerminal: dialect.isTerminal, onEvent: (e) => tapped.push(e) }),
          );
          expect(byteDifference(out, bytes)).toBeUndefined();
          expect(failures).toEqual([]);
          expect(tapped).toEqual(transcriptEvents(name));
        }),
        { numRuns: 30 },
      );
    });
  }

  it('without isTerminal, any clean end is complete (bytes forwarded, trailing partial frame included)', async () => {
    const bytes = utf8('data: a\n\ndata: b');
    const { frame, failures } = recordingFailure();
    const out = await readAllBytes(relayCommitted(chunkedBody(oneByteChunks(bytes)).stream, { failureFrame: frame }));
    expect(byteDifference(out, bytes)).toBeUndefined();
    expect(failures).toEqual([]);
  });

  it('accepts a final [DONE] whose blank line never came, forwarding it as sent', async () => {
    const bytes = utf8('data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n');
    const { frame, failures } = recordingFailure();
    const out = await readAllBytes(relayCommitted(chunkedBody([bytes]).stream, { failureFrame: frame, isTerminal: openaiChatStream.isTerminal }));
    expect(byteDifference(out, bytes)).toBeUndefined();
    expect(failures).toEqual([]);
  });

  it('reads upstream only as fast as the client reads', async () => {
    const body = chunkedBody(oneByteChunks(transcriptSse(RESPONSES)));
    const relayed = relayCommitted(body.stream, { failureFrame: recordingFailure().frame });
    await settle();
    expect(body.pulled).toBe(0);
    await relayed.getReader().read();
    const afterOneRead = body.pulled;
    await settle();
    expect(body.pulled).toBe(afterOneRead);
  });
});

describe('relayCommitted: a stream cut short gets whole frames, then exactly one failure frame', () => {
  for (const lineEnding of ['\n', '\r'] as const) {
    it(`cut anywhere before the final event, any chunking (${JSON.stringify(lineEnding)}), clean end or reset`, async () => {
      const events = transcriptEvents(RESPONSES);
      const bytes = transcriptSse(RESPONSES, undefined, { lineEnding });
      const ends = frameEnds(events, lineEnding);
      // The final event's data line ends one byte before its frame: cutting before that leaves it unreadable.
      const lastLineEnd = bytes.length - lineEnding.length * 2;
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: lastLineEnd }), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), async (cut, rawCuts, reset) => {
          const sent = bytes.subarray(0, cut);
          const { frame, failures } = recordingFailure();
          const body = chunkedBody(splitAt(sent, rawCuts.map((c) => c % (cut + 1))), { then: reset ? 'error' : 'end' });
          const out = await readAllBytes(relayCommitted(body.stream, { failureFrame: frame, isTerminal: openaiResponsesStream.isTerminal }));
          const whole = ends.filter((end) => end <= cut).length;
          const forwarded = whole === 0 ? 0 : ends[whole - 1]!;
          const kind = reset ? 'network' : 'ended_early';
          expect(byteDifference(out, concat(bytes.subarray(0, forwarded), failureBytes(kind)))).toBeUndefined();
          expect(failures.map((f) => f.kind)).toEqual([kind]);
          expect(parseSseEvents(out)).toEqual([...events.slice(0, whole), { event: 'relay.failed', data: JSON.stringify({ kind }) }]);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('with CRLF line ends the client still parses whole events then the failure', async () => {
    const events = transcriptEvents(CHAT);
    const bytes = transcriptSse(CHAT, undefined, { lineEnding: '\r\n' });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 20 }), arbitraryCuts(bytes.length), async (cut, cuts) => {
        const { frame } = recordingFailure();
        const body = chunkedBody(splitAt(bytes.subarray(0, cut), cuts), { then: 'error' });
        const out = parseSseEvents(await readAllBytes(relayCommitted(body.stream, { failureFrame: frame, isTerminal: openaiChatStream.isTerminal })));
        expect(out.at(-1)).toEqual({ event: 'relay.failed', data: '{"kind":"network"}' });
        expect(out.slice(0, -1)).toEqual(events.slice(0, out.length - 1));
      }),
      { numRuns: 40 },
    );
  });

  it('tells the failure frame the last event forwarded and why it failed', async () => {
    const events = transcriptEvents(RESPONSES);
    const bytes = utf8(events.slice(0, 4).map(encodeSseText).join(''));
    const { frame, failures } = recordingFailure();
    await readAllBytes(relayCommitted(chunkedBody([bytes], { then: 'error', error: new TypeError('terminated') }).stream, { failureFrame: frame, isTerminal: openaiResponsesStream.isTerminal }));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.lastEvent).toEqual(events[3]);
    expect(failures[0]!.message).toMatch(/connection to the provider failed mid-stream .*terminated/);
  });

  it('after the final event, a reset just closes the stream: the client already has its answer', async () => {
    const bytes = transcriptSse(RESPONSES);
    const { frame, failures } = recordingFailure();
    const out = await readAllBytes(relayCommitted(chunkedBody([bytes], { then: 'error' }).stream, { failureFrame: frame, isTerminal: openaiResponsesStream.isTerminal }));
    expect(byteDifference(out, bytes)).toBeUndefined();
    expect(failures).toEqual([]);
  });

  it('an in-band error event passes through as the end of the stream, with no failure frame after it', async () => {
    const bytes = transcriptSse('openai-responses-openai-error.1');
    const { frame, failures } = recordingFailure();
    const out = await readAllBytes(relayCommitted(chunkedBody([bytes]).stream, { failureFrame: frame, isTerminal: openaiResponsesStream.isTerminal }));
    expect(byteDifference(out, bytes)).toBeUndefined();
    expect(failures).toEqual([]);
  });
});

describe('relayCommitted: stalls', () => {
  /** Lets the relay take what upstream has sent and wait on its next read, under its one idle timer. */
  async function waitForReadTimer(clock: FakeClock): Promise<void> {
    for (let i = 0; i < 20; i++) await settle();
    expect(clock.pendingTimers()).toBe(1);
  }

  it('no bytes for the idle limit = stall: failure frame, upstream cancelled, timer cleared', async () => {
    const clock = new FakeClock();
    const body = manualBody();
    const { frame, failures } = recordingFailure();
    const reader = relayCommitted(body.stream, { failureFrame: frame, isTerminal: openaiChatStream.isTerminal, idleTimeoutMs: 30_000, clock }).getReader();
    const first = transcriptEvents(CHAT)[1]!;
    body.push(utf8(encodeSseText(first) + 'data: {"choi'));
    expect(parseSseEvents((await reader.read()).value!)).toEqual([first]);

    const next = reader.read();
    await waitForReadTimer(clock);
    clock.advance(29_999);
    await settle();
    expect(failures).toEqual([]);
    body.push(utf8('ces":[]}\n\n')); // bytes arrive: the idle clock starts over
    expect(parseSseEvents((await next).value!)).toEqual([{ data: '{"choices":[]}' }]);

    const last = reader.read();
    await waitForReadTimer(clock);
    clock.advance(30_000);
    const { value } = await last;
    expect(parseSseEvents(value!)).toEqual([{ event: 'relay.failed', data: '{"kind":"stall"}' }]);
    expect(failures[0]!.message).toMatch(/no bytes for 30000 ms/);
    expect((await reader.read()).done).toBe(true);
    expect(body.cancelled).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a slow client is not a stall: only time waiting on upstream counts', async () => {
    const clock = new FakeClock();
    const body = manualBody();
    const { frame, failures } = recordingFailure();
    const reader = relayCommitted(body.stream, { failureFrame: frame, isTerminal: openaiChatStream.isTerminal, idleTimeoutMs: 1000, clock }).getReader();
    const [first, second] = transcriptEvents(CHAT).slice(1, 3);
    body.push(utf8(encodeSseText(first!)));
    expect(parseSseEvents((await reader.read()).value!)).toEqual([first]);
    // Upstream has the next event ready, but the client does not ask for it for 5 idle limits.
    body.push(utf8(encodeSseText(second!)));
    for (let i = 0; i < 20; i++) await settle();
    clock.advance(5000);
    expect(parseSseEvents((await reader.read()).value!)).toEqual([second]);
    expect(failures).toEqual([]);
    expect(body.cancelled).toBe(false);
    await reader.cancel();
  });

  it('a stall after the final event closes the stream without a failure frame', async () => {
    const clock = new FakeClock();
    const body = manualBody();
    const { frame, failures } = recordingFailure();
    const bytes = transcriptSse(RESPONSES);
    const reading = readAllBytes(relayCommitted(body.stream, { failureFrame: frame, isTerminal: openaiResponsesStream.isTerminal, idleTimeoutMs: 1000, clock }));
    body.push(bytes);
    await waitForReadTimer(clock);
    clock.advance(1000);
    expect(byteDifference(await reading, bytes)).toBeUndefined();
    expect(failures).toEqual([]);
    expect(body.cancelled).toBe(true);
  });
});

describe('relayCommitted: cancellation', () => {
  it('cancelling the relayed stream cancels upstream with the same reason', async () => {
    const body = chunkedBody(oneByteChunks(transcriptSse(RESPONSES)), { then: 'hang' });
    const relayed = relayCommitted(body.stream, { failureFrame: recordingFailure().frame, idleTimeoutMs: 60_000 });
    const reader = relayed.getReader();
    await reader.read();
    await reader.cancel('client went away');
    expect(body.cancelled).toBe(true);
    expect(body.cancelReason).toBe('client went away');
  });

  it('aborting the signal cancels upstream and errors the stream with the reason, no failure frame', async () => {
    const body = chunkedBody([transcriptSse(RESPONSES).subarray(0, 900)], { then: 'hang' });
    const controller = new AbortController();
    const { frame, failures } = recordingFailure();
    const reader = relayCommitted(body.stream, { failureFrame: frame, isTerminal: openaiResponsesStream.isTerminal, signal: controller.signal }).getReader();
    await reader.read();
    const pending = reader.read();
    const reason = new Error('caller disconnected');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(body.cancelled).toBe(true);
    expect(failures).toEqual([]);
  });

  it('a tap that throws errors the stream and still cancels upstream', async () => {
    const body = chunkedBody([transcriptSse(RESPONSES)], { then: 'hang' });
    const bug = new Error('tap bug');
    const relayed = relayCommitted(body.stream, {
      failureFrame: recordingFailure().frame,
      onEvent: () => {
        throw bug;
      },
    });
    await expect(relayed.getReader().read()).rejects.toBe(bug);
    expect(body.cancelled).toBe(true);
  });

  it('an already aborted signal cancels upstream before anything is read', async () => {
    const body = chunkedBody([transcriptSse(RESPONSES)]);
    const reason = new Error('gone');
    const relayed = relayCommitted(body.stream, { failureFrame: recordingFailure().frame, signal: AbortSignal.abort(reason) });
    await expect(relayed.getReader().read()).rejects.toBe(reason);
    expect(body.cancelled).toBe(true);
    expect(body.pulled).toBe(0);
  });
});

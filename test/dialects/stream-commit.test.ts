/**
 * Commit rules, terminal events and failure frames of the Anthropic Messages, Gemini
 * generateContent and Gemini Interactions streams (SPEC §4): bookkeeping never commits, the first
 * start evidence of every recorded stream does, in-band errors are errors, and the failure frame
 * each dialect ends a broken stream with is read as an error by the dialect's own SDK.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectCommit } from '../../src/core/commit/detector.js';
import type { DialectStream, EventClass } from '../../src/core/commit/rules.js';
import { anthropicMessagesStream } from '../../src/dialects/anthropic-messages/stream.js';
import { geminiGenerateStream } from '../../src/dialects/gemini-generate/stream.js';
import { geminiInteractionsStream } from '../../src/dialects/gemini-interactions/stream.js';
import { parseSseEvents, type SseEvent } from '../../src/sse/events.js';
import { encodeSseText } from '../../src/sse/frames.js';
import { arbitraryCuts, chunkedBody, fromUtf8, oneByteChunks, splitAt } from '../support/byte-streams.js';
import { transcriptEvents, transcriptSse } from '../support/transcripts.js';

function classes(stream: DialectStream, events: SseEvent[]): EventClass[] {
  return events.map((event) => stream.rules.classify(event));
}

const FIRST_START: ReadonlyArray<{ name: string; stream: DialectStream; startAt: number; evidence: string }> = [
  { name: 'anthropic-text', stream: anthropicMessagesStream, startAt: 1, evidence: 'content_block_start' },
  { name: 'anthropic-json-tool.1', stream: anthropicMessagesStream, startAt: 1, evidence: 'content_block_start' },
  { name: 'google-text', stream: geminiGenerateStream, startAt: 0, evidence: 'first chunk with parts' },
  { name: 'google-tool-call', stream: geminiGenerateStream, startAt: 0, evidence: 'first chunk with parts' },
  { name: 'interactions-basic', stream: geminiInteractionsStream, startAt: 2, evidence: 'step.start of the thought step' },
  { name: 'interactions-tool-call-step1', stream: geminiInteractionsStream, startAt: 2, evidence: 'step.start of the thought step' },
];

describe('commit rules on the recorded streams', () => {
  for (const { name, stream, startAt, evidence } of FIRST_START) {
    it(`${name}: bookkeeping before, commits on the ${evidence}`, () => {
      const seen = classes(stream, transcriptEvents(name));
      expect(seen.slice(0, startAt).every((c) => c === 'bookkeeping')).toBe(true);
      expect(seen[startAt]).toBe('start');
    });

    it(`${name}: the detector commits there under any chunking`, async () => {
      const bytes = transcriptSse(name);
      const expected = transcriptEvents(name).slice(0, startAt + 1);
      for (const chunks of [[bytes], oneByteChunks(bytes)]) {
        const outcome = await detectCommit(chunkedBody(chunks).stream, stream.rules);
        expect(outcome.type).toBe('committed');
        expect(outcome.heldEvents).toEqual(expected);
        if (outcome.type === 'committed') await outcome.stream.cancel();
      }
      await fc.assert(
        fc.asyncProperty(arbitraryCuts(bytes.length), async (cuts) => {
          const outcome = await detectCommit(chunkedBody(splitAt(bytes, cuts)).stream, stream.rules);
          expect(outcome.heldEvents).toEqual(expected);
          if (outcome.type === 'committed') await outcome.stream.cancel();
        }),
        { numRuns: 30 },
      );
    });

    it(`${name}: ends with exactly one terminal event, the last`, () => {
      const terminal = transcriptEvents(name).map((event) => stream.isTerminal(event));
      expect(terminal.filter(Boolean)).toHaveLength(1);
      expect(terminal.at(-1)).toBe(true);
    });
  }

  it('anthropic-refusal: never starts, message_stop ends it (fall back: ended early)', async () => {
    expect(classes(anthropicMessagesStream, transcriptEvents('anthropic-refusal'))).toEqual(['bookkeeping', 'bookkeeping', 'bookkeeping', 'end']);
    const outcome = await detectCommit(chunkedBody([transcriptSse('anthropic-refusal')]).stream, anthropicMessagesStream.rules);
    expect(outcome).toMatchObject({ type: 'failed', reason: 'ended_early' });
  });
});

describe('commit rules: what is not evidence, and in-band errors', () => {
  const anthropic = (type: string, body: Record<string, unknown> = {}): SseEvent => ({ event: type, data: JSON.stringify({ type, ...body }) });
  const interactions = (type: string, body: Record<string, unknown> = {}): SseEvent => ({ event: type, data: JSON.stringify({ event_type: type, ...body }) });
  const gemini = (body: Record<string, unknown>): SseEvent => ({ data: JSON.stringify(body) });

  it('Anthropic: message_start, ping and message_delta are bookkeeping; error (overloaded) is an error', () => {
    expect(anthropicMessagesStream.rules.classify(anthropic('message_start', { message: { id: 'm' } }))).toBe('bookkeeping');
    expect(anthropicMessagesStream.rules.classify(anthropic('ping'))).toBe('bookkeeping');
    expect(anthropicMessagesStream.rules.classify(anthropic('message_delta', { delta: { stop_reason: 'end_turn' } }))).toBe('bookkeeping');
    expect(anthropicMessagesStream.rules.classify(anthropic('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'x' } }))).toBe('start');
    expect(anthropicMessagesStream.rules.classify(anthropic('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }))).toBe('error');
    // The payload's type counts when the server sends no event name.
    expect(anthropicMessagesStream.rules.classify({ data: '{"type":"ping"}' })).toBe('bookkeeping');
    expect(anthropicMessagesStream.rules.classify({ data: 'not json' })).toBe('error');
  });

  it('Gemini: usage-only and empty-parts chunks are bookkeeping; an error chunk is an error', () => {
    expect(geminiGenerateStream.rules.classify(gemini({ usageMetadata: { promptTokenCount: 3 } }))).toBe('bookkeeping');
    expect(geminiGenerateStream.rules.classify(gemini({ candidates: [{ content: { parts: [], role: 'model' } }] }))).toBe('bookkeeping');
    expect(geminiGenerateStream.rules.classify(gemini({ candidates: [{ content: { parts: [{ text: 'x', thought: true }] } }] }))).toBe('start');
    expect(geminiGenerateStream.rules.classify(gemini({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }))).toBe('error');
    expect(geminiGenerateStream.rules.classify(gemini({ candidates: [{ finishReason: 'SAFETY' }] }))).toBe('end');
    expect(geminiGenerateStream.rules.classify(gemini({ promptFeedback: { blockReason: 'SAFETY' } }))).toBe('end');
  });

  it('Interactions: created and status updates are bookkeeping, input echoes and tool results too', () => {
    expect(geminiInteractionsStream.rules.classify(interactions('interaction.created', { interaction: { id: 'i', status: 'in_progress' } }))).toBe('bookkeeping');
    expect(geminiInteractionsStream.rules.classify(interactions('interaction.status_update', { status: 'in_progress' }))).toBe('bookkeeping');
    expect(geminiInteractionsStream.rules.classify(interactions('step.start', { index: 0, step: { type: 'user_input' } }))).toBe('bookkeeping');
    expect(geminiInteractionsStream.rules.classify(interactions('step.start', { index: 0, step: { type: 'function_result' } }))).toBe('bookkeeping');
    expect(geminiInteractionsStream.rules.classify(interactions('step.start', { index: 0, step: { type: 'model_output' } }))).toBe('start');
    expect(geminiInteractionsStream.rules.classify(interactions('step.delta', { index: 0, delta: { type: 'text', text: 'x' } }))).toBe('start');
    expect(geminiInteractionsStream.rules.classify(interactions('error', { error: { code: 'unavailable', message: 'x' } }))).toBe('error');
    expect(geminiInteractionsStream.rules.classify(interactions('interaction.status_update', { status: 'failed' }))).toBe('error');
    expect(geminiInteractionsStream.rules.classify(interactions('interaction.completed', { interaction: { id: 'i', status: 'completed' } }))).toBe('end');
  });

  it('an error before any evidence fails the detector with error_event', async () => {
    const body = [anthropic('message_start', { message: { id: 'm' } }), anthropic('ping'), anthropic('error', { error: { type: 'overloaded_error', message: 'Overloaded' } })];
    const outcome = await detectCommit(chunkedBody([new TextEncoder().encode(body.map(encodeSseText).join(''))]).stream, anthropicMessagesStream.rules);
    expect(outcome).toMatchObject({ type: 'failed', reason: 'error_event' });
  });
});

describe('failure frames parse as errors in each SDK', () => {
  const failure = { kind: 'network' as const, message: 'The flex connection was reset after the response had started.' };
  const sseFetch = (body: string): typeof fetch => async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } });

  /** The committed part of a recorded stream, then the failure frame, as a caller would receive it. */
  function brokenStream(name: string, stream: DialectStream, keep: number): string {
    const events = transcriptEvents(name).slice(0, keep);
    return events.map(encodeSseText).join('') + fromUtf8(stream.failureFrame(failure, { heldEvents: events }));
  }

  it('Messages: the Anthropic SDK throws APIError with code flex_failed_after_start', async () => {
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://x', fetch: sseFetch(brokenStream('anthropic-text', anthropicMessagesStream, 5)) });
    const error = await client.messages
      .stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage()
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'api_error', code: 'flex_failed_after_start', message: expect.stringContaining('reset after the response had started') },
    });
  });

  it('Interactions: @google/genai yields an error event with code flex_failed_after_start', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://x', fetch: sseFetch(brokenStream('interactions-basic', geminiInteractionsStream, 6)) } });
    const events = [];
    for await (const event of await ai.interactions.create({ model: 'm', input: 'hi', stream: true })) events.push(event);
    expect(events.at(-1)).toMatchObject({ event_type: 'error', error: { code: 'flex_failed_after_start', message: expect.stringContaining('reset after the response had started') } });
  });

  it('generateContent: @google/genai throws ApiError 502', async () => {
    const ai = new GoogleGenAI({ apiKey: 'k', httpOptions: { baseUrl: 'http://x', fetch: sseFetch(brokenStream('google-text', geminiGenerateStream, 1)) } });
    const chunks: string[] = [];
    const error = await (async () => {
      for await (const chunk of await ai.models.generateContentStream({ model: 'm', contents: 'hi' })) chunks.push(chunk.text ?? '');
    })().then(() => undefined, (e: unknown) => e);
    expect(chunks).toEqual(['There are **3**']);
    expect(error).toMatchObject({ name: 'ApiError', status: 502, message: expect.stringContaining('FLEX_FAILED_AFTER_START') });
  });

  it('failure frames are terminal in their own dialect', () => {
    for (const stream of [anthropicMessagesStream, geminiGenerateStream, geminiInteractionsStream]) {
      const [event, ...rest] = parseSseEvents(stream.failureFrame(failure));
      expect(rest).toEqual([]);
      expect(stream.isTerminal(event!)).toBe(true);
      expect(stream.rules.classify(event!)).toBe('error');
    }
  });
});

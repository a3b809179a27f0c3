import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { detectCommit } from '../../src/core/commit/detector.js';
import { relayCommitted } from '../../src/core/commit/relay.js';
import { openaiResponsesStream } from '../../src/dialects/openai-responses/stream.js';
import { parseSseEvents, type SseEvent } from '../../src/sse/events.js';
import { encodeSseText } from '../../src/sse/frames.js';
import { chunkedBody, fromUtf8, splitAt, utf8 } from '../support/byte-streams.js';
import { transcriptEvents, transcriptNames, transcriptSse } from '../support/transcripts.js';

const { rules, isTerminal, assemble, failureFrame } = openaiResponsesStream;

const RESPONSES_TRANSCRIPTS = transcriptNames().filter((name) => name.startsWith('openai-responses-'));

function json(event: SseEvent): Record<string, any> {
  return JSON.parse(event.data) as Record<string, any>;
}

function typed(type: string, extra: Record<string, unknown> = {}): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...extra }) };
}

/** The official SDK, reading `body` as the upstream answer (no server: a custom fetch). */
function sdkReading(body: ReadableStream<Uint8Array>): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    baseURL: 'http://x/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
  });
}

describe('openaiResponsesStream.rules', () => {
  for (const name of RESPONSES_TRANSCRIPTS) {
    it(`${name}: start evidence is the first output_item.added or *.delta, nothing earlier`, () => {
      const events = transcriptEvents(name);
      const verdicts = events.map((event) => rules.classify(event));
      const firstStart = verdicts.indexOf('start');
      const firstEvidence = events.findIndex((e) => e.event === 'response.output_item.added' || e.event!.endsWith('.delta'));
      expect(firstStart).toBe(firstEvidence);
      expect(verdicts.slice(0, Math.max(0, firstStart === -1 ? verdicts.length : firstStart)).every((v) => v === 'bookkeeping' || v === 'error')).toBe(true);
    });
  }

  it('classifies the recorded in-band error stream: bookkeeping, bookkeeping, error, error', () => {
    expect(transcriptEvents('openai-responses-openai-error.1').map((e) => rules.classify(e))).toEqual(['bookkeeping', 'bookkeeping', 'error', 'error']);
  });

  it('reads the type from the payload when the event is unnamed; unreadable data is an error', () => {
    expect(rules.classify({ data: '{"type":"response.queued"}' })).toBe('bookkeeping');
    expect(rules.classify({ event: 'message', data: '{"type":"response.output_text.delta","delta":"x"}' })).toBe('start');
    expect(rules.classify({ data: '{"type":"response.reasoning_summary_text.delta"}' })).toBe('start');
    expect(rules.classify({ data: 'not json' })).toBe('error');
    expect(rules.classify(typed('response.completed'))).toBe('end');
    expect(rules.classify(typed('response.incomplete'))).toBe('end');
    expect(rules.classify(typed('response.some_future_event'))).toBe('bookkeeping');
  });

  it('isTerminal: completed, incomplete, failed and error end a stream; deltas do not', () => {
    for (const type of ['response.completed', 'response.incomplete', 'response.failed', 'error']) expect(isTerminal(typed(type))).toBe(true);
    for (const type of ['response.created', 'response.output_text.delta', 'response.output_item.done']) expect(isTerminal(typed(type))).toBe(false);
  });
});

describe('openaiResponsesStream.assemble', () => {
  for (const name of ['openai-responses-openai-custom-tool.1', 'openai-responses-openai-phase.1', 'openai-responses-openai-reasoning-encrypted-content.1']) {
    it(`${name}: the body is the first response.completed's response, as is`, () => {
      const events = transcriptEvents(name);
      const completed = events.find((e) => e.event === 'response.completed')!;
      expect(assemble(events)).toEqual({ ok: true, body: json(completed)['response'] });
    });
  }

  /** Message text per output item id, from an assembled body. */
  function assembledText(events: SseEvent[]): Map<string, string> {
    const result = assemble(events);
    if (!result.ok) throw new Error(result.message);
    const output = result.body['output'] as Array<{ id: string; type: string; content?: Array<{ text?: string }> }>;
    return new Map(output.filter((item) => item.type === 'message').map((item) => [item.id, item.content!.map((c) => c.text ?? '').join('')]));
  }

  /** Text per item id, from the given event type's `field`, joined in order. */
  function streamedText(events: SseEvent[], type: string, field: 'delta' | 'text'): Map<string, string> {
    const texts = new Map<string, string>();
    for (const event of events.filter((e) => e.event === type)) {
      const payload = json(event) as { item_id: string } & Record<'delta' | 'text', string>;
      texts.set(payload.item_id, (texts.get(payload.item_id) ?? '') + payload[field]);
    }
    return texts;
  }

  it('the assembled text is the text the deltas streamed', () => {
    const all = transcriptEvents('openai-responses-openai-reasoning-encrypted-content.1');
    const lastResponse = all.slice(all.findLastIndex((e) => e.event === 'response.created'));
    const streamed = streamedText(lastResponse, 'response.output_text.delta', 'delta');
    expect(streamed.size).toBe(1);
    expect([...streamed.values()]).toEqual(['The final result is **570**.']);
    expect(assembledText(lastResponse)).toEqual(streamed);
  });

  it('the assembled text is the text of each output_text.done (phase transcript, two messages)', () => {
    const events = transcriptEvents('openai-responses-openai-phase.1');
    const done = streamedText(events, 'response.output_text.done', 'text');
    expect(done.size).toBe(2);
    expect(assembledText(events)).toEqual(done);
  });

  it('reports the recorded in-band error as error_event, with the provider error', () => {
    const result = assemble(transcriptEvents('openai-responses-openai-error.1'));
    expect(result).toMatchObject({ ok: false, reason: 'error_event', upstream: { code: 'insufficient_quota' } });
    if (!result.ok) expect(result.message).toMatch(/insufficient_quota: You exceeded your current quota/);
  });

  it('reports response.failed as error_event with its error', () => {
    const failed = typed('response.failed', { response: { id: 'resp_1', status: 'failed', error: { code: 'server_error', message: 'boom' } } });
    expect(assemble([typed('response.created'), failed])).toMatchObject({ ok: false, reason: 'error_event', upstream: { code: 'server_error' } });
  });

  it('a stream cut before response.completed is ended_early', () => {
    const events = transcriptEvents('openai-responses-openai-custom-tool.1');
    expect(assemble(events.slice(0, -1))).toMatchObject({ ok: false, reason: 'ended_early' });
  });

  it('response.incomplete is a proper answer: its response object, status incomplete', () => {
    const response = { id: 'resp_2', object: 'response', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] };
    expect(assemble([typed('response.created'), typed('response.output_item.added'), typed('response.incomplete', { response })])).toEqual({ ok: true, body: response });
  });
});

describe('openaiResponsesStream.failureFrame', () => {
  it('reuses the held response (id, model, created_at), marks it failed, and numbers itself after the last event', () => {
    const held = transcriptEvents('openai-responses-openai-reasoning-encrypted-content.1').slice(0, 3);
    const lastEvent = transcriptEvents('openai-responses-openai-reasoning-encrypted-content.1')[10]!;
    const frame = failureFrame({ kind: 'network', message: 'The connection dropped.', lastEvent }, { heldEvents: held });
    const [event, ...rest] = parseSseEvents(frame);
    expect(rest).toEqual([]);
    expect(event!.event).toBe('response.failed');
    const payload = json(event!);
    const created = json(held[0]!)['response'];
    expect(payload['sequence_number']).toBe(json(lastEvent)['sequence_number'] + 1);
    expect(payload['response']).toMatchObject({
      id: created.id,
      model: created.model,
      created_at: created.created_at,
      object: 'response',
      status: 'failed',
      output: [],
      error: { code: 'flex_failed_after_start' },
    });
    expect(payload['response'].error.message).toMatch(/The connection dropped\..*Retry the request.*start_within/);
  });

  it('without context still writes a complete response object', () => {
    const payload = json(parseSseEvents(failureFrame({ kind: 'stall', message: 'Idle.' }, { model: 'gpt-5-mini' }))[0]!);
    expect(payload['sequence_number']).toBe(0);
    expect(payload['response']).toMatchObject({ object: 'response', status: 'failed', model: 'gpt-5-mini', output: [], tools: [], error: { code: 'flex_failed_after_start' } });
    expect(payload['response'].id).toMatch(/^resp_/);
  });

  it('the official SDK streams the whole events then a response.failed when the flex stream is cut mid-frame', async () => {
    const name = 'openai-responses-openai-phase.1';
    const bytes = transcriptSse(name);
    const text = fromUtf8(bytes);
    // Cut in the middle of the 9th event (after several text deltas).
    const ninth = transcriptEvents(name).slice(0, 8).map(encodeSseText).join('').length;
    const cut = utf8(text.slice(0, ninth + 40)).length;
    const upstream = chunkedBody(splitAt(bytes.subarray(0, cut), [100, 1000, 1500]), { then: 'error' });
    const outcome = await detectCommit(upstream.stream, openaiResponsesStream.rules);
    if (outcome.type !== 'committed') throw new Error(`expected a commit, got ${outcome.reason}`);
    const relayed = relayCommitted(outcome.stream, {
      isTerminal,
      failureFrame: (failure) => failureFrame(failure, { heldEvents: outcome.heldEvents }),
    });

    const stream = await sdkReading(relayed).responses.create({ model: 'gpt-5.3-codex', input: 'hi', stream: true });
    const received: Array<{ type: string }> = [];
    for await (const event of stream) received.push(event);

    expect(received.slice(0, -1)).toEqual(transcriptEvents(name).slice(0, 8).map(json));
    const last = received.at(-1) as OpenAI.Responses.ResponseFailedEvent;
    expect(last.type).toBe('response.failed');
    expect(last.response.status).toBe('failed');
    expect(last.response.id).toBe(json(transcriptEvents(name)[0]!)['response'].id);
    expect(last.response.error?.code).toBe('flex_failed_after_start');
    expect(last.response.error?.message).toMatch(/connection to the provider failed mid-stream/);
  });

  it("the SDK's responses.stream() helper ends with the failed response as its final response", async () => {
    const name = 'openai-responses-openai-reasoning-encrypted-content.1';
    const bytes = transcriptSse(name);
    const upstream = chunkedBody([bytes.subarray(0, 6000)]);
    const outcome = await detectCommit(upstream.stream, openaiResponsesStream.rules);
    if (outcome.type !== 'committed') throw new Error(`expected a commit, got ${outcome.reason}`);
    const relayed = relayCommitted(outcome.stream, { isTerminal, failureFrame: (failure) => failureFrame(failure, { heldEvents: outcome.heldEvents }) });

    const final = await sdkReading(relayed).responses.stream({ model: 'gpt-5', input: 'hi' }).finalResponse();
    expect(final.status).toBe('failed');
    expect(final.error?.code).toBe('flex_failed_after_start');
    expect(final.error?.message).toMatch(/closed the stream .* without sending its final event/);
    expect(final.id).toBe(json(transcriptEvents(name)[0]!)['response'].id);
  });
});

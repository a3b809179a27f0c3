import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectCommit, type CommitOutcome } from '../../src/core/commit/detector.js';
import type { CommitRules } from '../../src/core/commit/rules.js';
import { encodeSseText } from '../../src/sse/frames.js';
import type { SseEvent } from '../../src/sse/events.js';
import { openaiChatStream } from '../../src/dialects/openai-chat/stream.js';
import { openaiResponsesStream } from '../../src/dialects/openai-responses/stream.js';
import { arbitraryCuts, byteDifference, chunkedBody, fromUtf8, oneByteChunks, readAllBytes, splitAt, utf8 } from '../support/byte-streams.js';
import { transcriptEvents, transcriptSse } from '../support/transcripts.js';

const responses = openaiResponsesStream.rules;
const chat = openaiChatStream.rules;

function sse(events: SseEvent[]): Uint8Array {
  return utf8(events.map(encodeSseText).join(''));
}

function chatChunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): SseEvent {
  return {
    data: JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-5-mini', choices: [{ index: 0, delta, finish_reason: null }], ...extra }),
  };
}

function responsesEvent(type: string, extra: Record<string, unknown> = {}): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...extra }) };
}

async function committed(outcome: CommitOutcome): Promise<{ heldEvents: SseEvent[]; bytes: Uint8Array }> {
  if (outcome.type !== 'committed') throw new Error(`expected a commit, got ${outcome.type} (${outcome.reason})`);
  return { heldEvents: outcome.heldEvents, bytes: await readAllBytes(outcome.stream) };
}

/** Same commit point and a byte-identical replay, whatever the chunking. */
async function expectStableCommit(bytes: Uint8Array, rules: CommitRules, heldEvents: SseEvent[]): Promise<void> {
  const whole = await committed(await detectCommit(chunkedBody([bytes]).stream, rules));
  expect(whole.heldEvents).toEqual(heldEvents);
  expect(byteDifference(whole.bytes, bytes)).toBeUndefined();
  const byByte = await committed(await detectCommit(chunkedBody(oneByteChunks(bytes)).stream, rules));
  expect(byByte.heldEvents).toEqual(heldEvents);
  expect(byteDifference(byByte.bytes, bytes)).toBeUndefined();
  await fc.assert(
    fc.asyncProperty(arbitraryCuts(bytes.length), async (cuts) => {
      const result = await committed(await detectCommit(chunkedBody(splitAt(bytes, cuts)).stream, rules));
      expect(result.heldEvents).toEqual(heldEvents);
      expect(byteDifference(result.bytes, bytes)).toBeUndefined();
    }),
    { numRuns: 60 },
  );
}

describe('detectCommit: commit point and byte-identical replay', () => {
  const cases = [
    { name: 'openai-responses-openai-custom-tool.1', rules: responses, startAt: 2 },
    { name: 'openai-responses-openai-phase.1', rules: responses, startAt: 2 },
    { name: 'openai-responses-openai-reasoning-encrypted-content.1', rules: responses, startAt: 2 },
    { name: 'openai-chat-openai-text', rules: chat, startAt: 1 },
  ] as const;
  for (const { name, rules, startAt } of cases) {
    for (const lineEnding of ['\n', '\r\n', '\r'] as const) {
      it(`${name} with ${JSON.stringify(lineEnding)}: commits on event #${startAt} under any chunking`, async () => {
        const heldEvents = transcriptEvents(name).slice(0, startAt + 1);
        await expectStableCommit(transcriptSse(name, undefined, { lineEnding }), rules, heldEvents);
      });
    }
  }

  it('keeps multi-byte UTF-8 split across chunks intact, with comments and CRLF replayed as sent', async () => {
    const text =
      ': keep-alive\r\n\r\n' +
      encodeSseText(chatChunk({ role: 'assistant', content: '' })).replace(/\n/g, '\r\n') +
      encodeSseText(chatChunk({ content: 'Grüße — 日本語 🌍' })).replace(/\n/g, '\r\n') +
      encodeSseText(chatChunk({ content: ' ✓' })).replace(/\n/g, '\r\n');
    const bytes = utf8(text);
    const held = [chatChunk({ role: 'assistant', content: '' }), chatChunk({ content: 'Grüße — 日本語 🌍' })];
    await expectStableCommit(bytes, chat, held);
  });

  it('reads no further than the chunk that holds the start event', async () => {
    const events = transcriptEvents('openai-responses-openai-custom-tool.1');
    const body = chunkedBody(events.map((event) => utf8(encodeSseText(event))));
    const outcome = await detectCommit(body.stream, responses);
    expect(outcome.type).toBe('committed');
    expect(body.pulled).toBe(3); // created, in_progress, output_item.added
  });

  it('commits on the first *.delta even without an output_item.added', async () => {
    const bytes = sse([responsesEvent('response.created'), responsesEvent('response.output_text.delta', { delta: 'Hi' })]);
    const outcome = await detectCommit(chunkedBody([bytes]).stream, responses);
    expect(outcome.type).toBe('committed');
  });

  it('cancelling the committed stream cancels the upstream body', async () => {
    const bytes = transcriptSse('openai-chat-openai-text');
    const body = chunkedBody(splitAt(bytes, [400, 800, 1200]));
    const outcome = await detectCommit(body.stream, chat);
    if (outcome.type !== 'committed') throw new Error('expected a commit');
    await outcome.stream.cancel('client left');
    expect(body.cancelled).toBe(true);
    expect(body.cancelReason).toBe('client left');
  });
});

describe('detectCommit: no commit on bookkeeping', () => {
  it('never commits on response.created / in_progress / queued; ending after them is ended_early', async () => {
    const events = [responsesEvent('response.created'), responsesEvent('response.queued'), responsesEvent('response.in_progress')];
    const body = chunkedBody(oneByteChunks(sse(events)));
    const outcome = await detectCommit(body.stream, responses);
    expect(outcome).toEqual({ type: 'failed', reason: 'ended_early', heldEvents: events });
  });

  it('never commits on a role-only chat chunk or a usage-only chunk; [DONE] before content is ended_early', async () => {
    const events = [chatChunk({ role: 'assistant', content: '', refusal: null }), chatChunk({}, { choices: [], usage: { prompt_tokens: 3 } }), { data: '[DONE]' }];
    const outcome = await detectCommit(chunkedBody([sse(events)]).stream, chat);
    expect(outcome).toEqual({ type: 'failed', reason: 'ended_early', heldEvents: events });
  });

  it('reports the recorded in-band error (openai-responses-openai-error.1) as error_event, under any chunking, and cancels the body', async () => {
    const bytes = transcriptSse('openai-responses-openai-error.1');
    const expected = transcriptEvents('openai-responses-openai-error.1').slice(0, 3); // created, in_progress, error
    await fc.assert(
      fc.asyncProperty(arbitraryCuts(bytes.length), async (cuts) => {
        const body = chunkedBody(splitAt(bytes, cuts), { then: 'hang' });
        const outcome = await detectCommit(body.stream, responses);
        expect(outcome).toEqual({ type: 'failed', reason: 'error_event', heldEvents: expected });
        expect(body.cancelled).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('reports a chat error chunk as error_event', async () => {
    const events = [chatChunk({ role: 'assistant', content: '' }), { data: '{"error":{"message":"overloaded","type":"server_error","code":null,"param":null}}' }];
    const outcome = await detectCommit(chunkedBody([sse(events)], { then: 'hang' }).stream, chat);
    expect(outcome).toMatchObject({ type: 'failed', reason: 'error_event' });
  });
});

describe('detectCommit: transport failures and aborts', () => {
  it('a body that ends before any event is ended_early', async () => {
    const outcome = await detectCommit(chunkedBody([]).stream, responses);
    expect(outcome).toEqual({ type: 'failed', reason: 'ended_early', heldEvents: [] });
  });

  it('a body cut in the middle of the start event is ended_early (half an event is not evidence)', async () => {
    const bytes = transcriptSse('openai-responses-openai-custom-tool.1');
    const text = fromUtf8(bytes);
    const cut = text.indexOf('event: response.output_item.added') + 60;
    const outcome = await detectCommit(chunkedBody([bytes.subarray(0, cut)]).stream, responses);
    expect(outcome).toMatchObject({ type: 'failed', reason: 'ended_early' });
  });

  it('a body that errors (connection reset) before commit is network, with the events seen so far', async () => {
    const events = [responsesEvent('response.created')];
    const body = chunkedBody([sse(events), utf8('event: response.in_pro')], { then: 'error' });
    const outcome = await detectCommit(body.stream, responses);
    expect(outcome).toEqual({ type: 'failed', reason: 'network', heldEvents: events });
  });

  it('aborting the signal cancels the body and rejects with the reason', async () => {
    const body = chunkedBody([sse([responsesEvent('response.created')])], { then: 'hang' });
    const controller = new AbortController();
    const pending = detectCommit(body.stream, responses, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new Error('deadline');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(body.cancelled).toBe(true);
  });

  it('rules that throw reject detection and still cancel the body', async () => {
    const body = chunkedBody([sse([responsesEvent('response.created')])], { then: 'hang' });
    const bug = new Error('rules bug');
    const throwing: CommitRules = {
      classify: () => {
        throw bug;
      },
    };
    await expect(detectCommit(body.stream, throwing)).rejects.toBe(bug);
    expect(body.cancelled).toBe(true);
  });

  it('an already aborted signal rejects at once and cancels the body', async () => {
    const body = chunkedBody([sse([responsesEvent('response.created')])]);
    const reason = new Error('caller left');
    await expect(detectCommit(body.stream, responses, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(body.cancelled).toBe(true);
    expect(body.pulled).toBe(0);
  });
});

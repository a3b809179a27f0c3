import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { detectCommit } from '../../src/core/commit/detector.js';
import { relayCommitted } from '../../src/core/commit/relay.js';
import { openaiChatStream } from '../../src/dialects/openai-chat/stream.js';
import { parseSseEvents, type SseEvent } from '../../src/sse/events.js';
import { encodeSseText } from '../../src/sse/frames.js';
import { chunkedBody, fromUtf8, oneByteChunks, utf8 } from '../support/byte-streams.js';
import { transcriptEvents, transcriptLines } from '../support/transcripts.js';
import { recorded } from './support/recorded.js';

const { rules, isTerminal, assemble, failureFrame } = openaiChatStream;
const TEXT = 'openai-chat-openai-text';

function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}, index = 0): SseEvent {
  return {
    data: JSON.stringify({ id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 7, model: 'gpt-5-mini', choices: [{ index, delta, logprobs: null, finish_reason: null }], ...extra }),
  };
}

function finish(reason: string, index = 0): SseEvent {
  return { data: JSON.stringify({ id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 7, model: 'gpt-5-mini', choices: [{ index, delta: {}, logprobs: null, finish_reason: reason }] }) };
}

const DONE: SseEvent = { data: '[DONE]' };

/** The key structure of a JSON value (objects: sorted keys, recursively; arrays: their first element). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape((value as Record<string, unknown>)[key])]));
  }
  return value === null ? null : typeof value;
}

describe('openaiChatStream.rules', () => {
  it('bookkeeping: role-only chunk, content "", refusal null, bare finish_reason, usage-only chunk', () => {
    expect(rules.classify(chunk({ role: 'assistant', content: '', refusal: null }))).toBe('bookkeeping');
    expect(rules.classify(chunk({ content: null }))).toBe('bookkeeping');
    expect(rules.classify(chunk({ tool_calls: [] }))).toBe('bookkeeping');
    expect(rules.classify(finish('length'))).toBe('bookkeeping');
    expect(rules.classify({ data: '{"id":"c","choices":[],"usage":{"prompt_tokens":1}}' })).toBe('bookkeeping');
  });

  it('start: content, refusal, tool_calls, reasoning, reasoning_content, function_call, audio', () => {
    expect(rules.classify(chunk({ content: 'Hi' }))).toBe('start');
    expect(rules.classify(chunk({ refusal: 'I cannot' }))).toBe('start');
    expect(rules.classify(chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] }))).toBe('start');
    expect(rules.classify(chunk({ reasoning: 'Thinking' }))).toBe('start');
    expect(rules.classify(chunk({ reasoning_content: 'Thinking' }))).toBe('start');
    expect(rules.classify(chunk({ function_call: { name: 'f', arguments: '' } }))).toBe('start');
    expect(rules.classify(chunk({ audio: { id: 'audio_1', data: 'AAA' } }))).toBe('start');
    expect(rules.classify(chunk({ content: 'second choice' }, {}, 1))).toBe('start');
  });

  it('error: a chunk with an error object, or unreadable data; end: [DONE]', () => {
    expect(rules.classify({ data: '{"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}' })).toBe('error');
    expect(rules.classify({ data: '{"choices":[{"delta":{"content":"x"' })).toBe('error');
    expect(rules.classify(DONE)).toBe('end');
  });

  it('on the recorded stream, commits on the second chunk, the first with text', () => {
    expect(transcriptEvents(TEXT).slice(0, 3).map((e) => rules.classify(e))).toEqual(['bookkeeping', 'start', 'start']);
  });

  it('isTerminal: [DONE] and error chunks; a content chunk that mentions "error" is not', () => {
    expect(isTerminal(DONE)).toBe(true);
    expect(isTerminal({ data: '{"error":{"message":"x"}}' })).toBe(true);
    expect(isTerminal(chunk({ content: '"error"' }))).toBe(false);
    expect(isTerminal(chunk({ content: 'error' }))).toBe(false);
  });
});

describe('openaiChatStream.assemble', () => {
  it('the recorded stream assembles to the text its deltas carry, with the final usage and the non-streaming shape', () => {
    const events = transcriptEvents(TEXT);
    const chunks = transcriptLines(TEXT).map((line) => JSON.parse(line) as Record<string, any>);
    const streamedText = chunks.map((c) => c['choices'][0]?.delta?.content ?? '').join('');
    const result = assemble(events);
    if (!result.ok) throw new Error(result.message);
    const body = result.body as Record<string, any>;
    expect(body['choices'][0].message.content).toBe(streamedText);
    expect(streamedText.length).toBeGreaterThan(1000);
    expect(body['usage']).toEqual(chunks.at(-1)!['usage']);
    expect(body).toMatchObject({
      id: chunks[0]!['id'],
      object: 'chat.completion',
      created: chunks[0]!['created'],
      model: 'gpt-4.1-nano-2025-04-14',
      service_tier: 'default',
      system_fingerprint: 'fp_de604bd877',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', refusal: null, annotations: [] } }],
    });
    // Same fields, nesting and key set as a real non-streaming answer (recorded beside it).
    expect(shape(body)).toEqual(shape(recorded('openai-chat-openai-text.json')));
  });

  it('merges parallel tool calls by index, joining their arguments; content is null beside them', () => {
    const events = [
      chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'time', arguments: '{"tz"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: ':"CET"}' } }] }),
      finish('tool_calls'),
      { data: '{"id":"chatcmpl-9","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":9,"total_tokens":14}}' },
      DONE,
    ];
    const result = assemble(events);
    if (!result.ok) throw new Error(result.message);
    expect(result.body['choices']).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'time', arguments: '{"tz":"CET"}' } },
          ],
          annotations: [],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
    expect(result.body['usage']).toEqual({ prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 });
  });

  it('keeps several choices apart, refusals and reasoning joined, logprobs concatenated', () => {
    const lp = (token: string) => ({ content: [{ token, logprob: -0.1, bytes: null, top_logprobs: [] }], refusal: null });
    const events = [
      chunk({ role: 'assistant', content: '' }, {}, 1),
      chunk({ role: 'assistant', content: '' }, {}, 0),
      { data: JSON.stringify({ id: 'chatcmpl-9', created: 7, model: 'm', choices: [{ index: 0, delta: { content: 'He', reasoning_content: 'Hmm' }, logprobs: lp('He'), finish_reason: null }] }) },
      chunk({ refusal: 'No' }, {}, 1),
      { data: JSON.stringify({ id: 'chatcmpl-9', created: 7, model: 'm', choices: [{ index: 0, delta: { content: 'llo', reasoning_content: '.' }, logprobs: lp('llo'), finish_reason: null }] }) },
      chunk({ refusal: ', thanks.' }, {}, 1),
      finish('stop', 0),
      finish('content_filter', 1),
      DONE,
    ];
    const result = assemble(events);
    if (!result.ok) throw new Error(result.message);
    const [first, second] = result.body['choices'] as Array<Record<string, any>>;
    expect(first!['message']).toMatchObject({ content: 'Hello', refusal: null, reasoning_content: 'Hmm.' });
    expect(first!['logprobs'].content.map((t: { token: string }) => t.token)).toEqual(['He', 'llo']);
    expect(second).toMatchObject({ index: 1, finish_reason: 'content_filter', message: { content: '', refusal: 'No, thanks.' } });
  });

  it('an error chunk is error_event; no [DONE] is ended_early; unreadable data is error_event', () => {
    const events = transcriptEvents(TEXT);
    const error = { data: '{"error":{"message":"The server had an error","type":"server_error","param":null,"code":"server_error"}}' };
    expect(assemble([...events.slice(0, 5), error])).toMatchObject({ ok: false, reason: 'error_event', upstream: { type: 'server_error' } });
    expect(assemble(events.slice(0, -1))).toMatchObject({ ok: false, reason: 'ended_early' });
    expect(assemble([events[0]!, { data: '{"choices":' }])).toMatchObject({ ok: false, reason: 'error_event' });
  });
});

describe('openaiChatStream.failureFrame', () => {
  it('is one data: chunk with an OpenAI-style error object, naming the held model', () => {
    const frame = fromUtf8(failureFrame({ kind: 'stall', message: 'No bytes for 60000 ms.' }, { heldEvents: transcriptEvents(TEXT).slice(0, 2) }));
    expect(frame.startsWith('data: {"error":{')).toBe(true);
    expect(frame.endsWith('}}\n\n')).toBe(true);
    const [event, ...rest] = parseSseEvents(frame);
    expect(rest).toEqual([]);
    const { error } = JSON.parse(event!.data) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'flex_failed_after_start', type: 'api_error', param: null });
    expect(error['message']).toMatch(/No bytes for 60000 ms\..*gpt-4\.1-nano-2025-04-14/);
  });

  it('the official SDK yields the whole chunks, then throws an APIError with code flex_failed_after_start', async () => {
    const events = transcriptEvents(TEXT);
    const sent = events.slice(0, 40).map(encodeSseText).join('') + encodeSseText(events[40]!).slice(0, 57);
    const upstream = chunkedBody(oneByteChunks(utf8(sent)), { then: 'error' });
    const outcome = await detectCommit(upstream.stream, rules);
    if (outcome.type !== 'committed') throw new Error(`expected a commit, got ${outcome.reason}`);
    const relayed = relayCommitted(outcome.stream, { isTerminal, failureFrame: (failure) => failureFrame(failure, { heldEvents: outcome.heldEvents }) });
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: 'http://x/v1',
      maxRetries: 0,
      fetch: async () => new Response(relayed, { headers: { 'content-type': 'text/event-stream' } }),
    });

    const stream = await client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    let thrown: unknown;
    try {
      for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OpenAI.APIError);
    expect(thrown).toMatchObject({ code: 'flex_failed_after_start', type: 'api_error' });
    expect((thrown as Error).message).toMatch(/connection to the provider failed mid-stream/);
    const wholeText = transcriptLines(TEXT).slice(0, 40).map((line) => (JSON.parse(line) as any).choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe(wholeText);
  });
});

/**
 * What a translated caller can rely on, over every recorded transcript and every dialect pair,
 * and over generated streams: every tool call's arguments parse as JSON, and every stream ends in
 * exactly one terminal event (its finish, or its failure). An upstream that breaks its own
 * protocol ends in the caller's failure event, never in a truncated tool call or a clean finish.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import type { IRStreamEvent } from '../../src/dialects/ir/stream.js';
import { translateStream } from '../../src/dialects/stream-translate.js';
import { chunkedBody, fromUtf8, readAllBytes, utf8 } from '../support/byte-streams.js';
import { ALL_DIALECTS, FIXED_CTX, decodeText, encodeText, recordedStreams, sseText } from './support/streams.js';

async function translated(text: string, from: DialectId, to: DialectId): Promise<IRStreamEvent[]> {
  const out = await readAllBytes(translateStream(chunkedBody([utf8(text)]).stream, from, to, FIXED_CTX));
  return decodeText(to, fromUtf8(out));
}

/** The function tool calls the caller sees, with their arguments as the caller would join them. */
function toolArguments(events: readonly IRStreamEvent[]): string[] {
  const calls = new Map<number, { custom: boolean; args: string }>();
  for (const event of events) {
    if (event.type === 'tool-call-start') calls.set(event.index, { custom: event.kind === 'custom', args: '' });
    if (event.type === 'tool-call-delta') {
      const call = calls.get(event.index);
      if (call) call.args += event.argumentsDelta;
    }
  }
  return [...calls.values()].filter((call) => !call.custom).map((call) => call.args);
}

/** Tool calls the caller saw end (block-end) with arguments that do not parse. */
function closedToolsWithBrokenArguments(events: readonly IRStreamEvent[]): number[] {
  const args = new Map<number, string>();
  const broken: number[] = [];
  for (const event of events) {
    if (event.type === 'tool-call-start' && event.kind !== 'custom') args.set(event.index, '');
    if (event.type === 'tool-call-delta' && args.has(event.index)) args.set(event.index, args.get(event.index)! + event.argumentsDelta);
    if (event.type === 'block-end' && args.has(event.index)) {
      const text = args.get(event.index)!;
      if (text !== '') {
        try {
          JSON.parse(text);
        } catch {
          broken.push(event.index);
        }
      }
    }
  }
  return broken;
}

const terminals = (events: readonly IRStreamEvent[]) => events.filter((e) => e.type === 'finish' || e.type === 'error');

function expectParses(args: string): void {
  expect(() => JSON.parse(args), `arguments ${JSON.stringify(args)}`).not.toThrow();
  expect(typeof JSON.parse(args)).toBe('object');
}

describe('every recorded transcript, to every other dialect', () => {
  for (const stream of recordedStreams()) {
    for (const to of ALL_DIALECTS.filter((d) => d !== stream.dialect)) {
      it(`${stream.name} → ${to}: tool arguments parse, one terminal event`, async () => {
        const events = await translated(sseText(stream.events), stream.dialect, to);
        for (const args of toolArguments(events)) expectParses(args);
        expect(terminals(events)).toHaveLength(1);
      });
    }
  }
});

/** Generated upstream streams: text, and function calls whose arguments come in any pieces, none included. */
const argPieces = fc.oneof(
  fc.constant<string[]>([]),
  fc.constant(['']),
  fc.record({ city: fc.string({ maxLength: 8 }), n: fc.integer() }).chain((value) => {
    const json = JSON.stringify(value);
    return fc.uniqueArray(fc.integer({ min: 1, max: json.length - 1 }), { maxLength: 4 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), json.length];
      return points.slice(1).map((end, i) => json.slice(points[i], end));
    });
  }),
);
const generated = fc.record({ text: fc.string({ maxLength: 12 }), calls: fc.array(argPieces, { minLength: 1, maxLength: 3 }) }).map(({ text, calls }) => {
  const events: IRStreamEvent[] = [{ type: 'start', id: 'msg_gen', model: 'm' }];
  if (text !== '') events.push({ type: 'text-delta', index: 0, text }, { type: 'block-end', index: 0 });
  calls.forEach((pieces, i) => {
    const index = i + 1;
    events.push({ type: 'tool-call-start', index, id: `call_${i}`, name: 'lookup' });
    for (const piece of pieces) events.push({ type: 'tool-call-delta', index, argumentsDelta: piece });
    events.push({ type: 'block-end', index });
  });
  events.push({ type: 'finish', stopReason: 'tool_use', usage: { inputTokens: 3, cachedInputTokens: 0, outputTokens: 5, reasoningTokens: 0 } });
  return events;
});

describe('generated streams, every dialect pair', () => {
  for (const from of ALL_DIALECTS) {
    for (const to of ALL_DIALECTS.filter((d) => d !== from)) {
      it(`${from} → ${to}: a call with no arguments arrives as {}, and every call parses`, async () => {
        await fc.assert(
          fc.asyncProperty(generated, async (upstream) => {
            const events = await translated(encodeText(from, upstream), from, to);
            const args = toolArguments(events);
            expect(args).toHaveLength(upstream.filter((e) => e.type === 'tool-call-start').length);
            for (const a of args) expectParses(a);
            expect(terminals(events)).toHaveLength(1);
            expect(terminals(events)[0]!.type).toBe('finish');
          }),
          { numRuns: 15 },
        );
      });
    }
  }
});

/** An Anthropic upstream stream, frame by frame. */
const frame = (event: string, data: Record<string, unknown>) => `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
const messageStart = (id: string) => frame('message_start', { message: { id, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], usage: { input_tokens: 5, output_tokens: 1 } } });
const textBlock = (index: number, text: string) =>
  frame('content_block_start', { index, content_block: { type: 'text', text: '' } }) +
  frame('content_block_delta', { index, delta: { type: 'text_delta', text } }) +
  frame('content_block_stop', { index });
const toolStart = (index: number) => frame('content_block_start', { index, content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} } });
const toolDelta = (index: number, json: string) => frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json } });
const end = (stop = 'end_turn') => frame('message_delta', { delta: { stop_reason: stop }, usage: { output_tokens: 9 } }) + frame('message_stop', {});

const BROKEN: Record<string, string> = {
  'a different message starting inside the open one': messageStart('msg_a') + textBlock(0, 'Hello') + messageStart('msg_b') + textBlock(1, 'other') + end(),
  'text for a block that already ended': messageStart('msg_a') + textBlock(0, 'Hello') + frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'late' } }) + end(),
  'arguments for a tool call that never started': messageStart('msg_a') + toolDelta(3, '{"city":') + end('tool_use'),
  'tool-call JSON that never closes before the stream ends': messageStart('msg_a') + toolStart(0) + toolDelta(0, '{"city":"Par') + end('tool_use'),
};

describe('an upstream that breaks its own protocol, translated', () => {
  for (const [what, text] of Object.entries(BROKEN)) {
    for (const to of ['openai-responses', 'openai-chat', 'gemini-interactions', 'gemini-generate'] as const) {
      it(`${what} → ${to}: the caller's failure event, never a clean finish`, async () => {
        const events = await translated(text, 'anthropic-messages', to);
        expect(terminals(events)).toHaveLength(1);
        expect(terminals(events)[0]).toMatchObject({ type: 'error' });
        expect(closedToolsWithBrokenArguments(events)).toEqual([]); // never a truncated call presented as complete
      });
    }
  }

  it('a repeated start of the message already open is ignored: the stream finishes cleanly', async () => {
    const text = messageStart('msg_a') + messageStart('msg_a') + textBlock(0, 'Hello') + end();
    for (const to of ['openai-responses', 'openai-chat'] as const) {
      const events = await translated(text, 'anthropic-messages', to);
      expect(terminals(events)).toEqual([expect.objectContaining({ type: 'finish' })]);
      expect(events.filter((e) => e.type === 'text-delta').map((e) => (e as { text: string }).text).join('')).toBe('Hello');
    }
  });
});

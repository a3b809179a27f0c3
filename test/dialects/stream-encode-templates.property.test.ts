/**
 * Property: the delta frames every encoder writes per token (from string templates, for speed)
 * are byte for byte the frames the generic path writes, `encodeSseText` of `JSON.stringify` of the
 * event's object, for any text: quotes, backslashes, control characters, lone surrogates,
 * U+2028 / U+2029, astral characters; in ids and model names too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import type { IRStreamEvent } from '../../src/dialects/ir/stream.js';
import { encodeSseText } from '../../src/sse/frames.js';
import { FIXED_CTX, encodeText } from './support/streams.js';
import { withIdPrefix } from '../../src/dialects/ir/ids.js';

/** One character of any kind, with the ones JSON and SSE treat specially made frequent. */
const char = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('"', '\\', '/', '\n', '\r', '\r\n', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\ufeff', 'é', '😀'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);
const text = fc.string({ unit: char, maxLength: 16 });
const pieces = fc.array(text, { minLength: 1, maxLength: 5 });

/** A text block, a reasoning block with a signature, a function call and a custom-tool call, in that order (IR indexes 0–3). */
interface Sample {
  id: string;
  model: string;
  text: string[];
  reasoning: string[];
  signature: string;
  args: string[];
  input: string[];
}

const sample: fc.Arbitrary<Sample> = fc.record({
  id: text,
  model: text,
  text: pieces,
  reasoning: pieces,
  signature: text,
  args: pieces,
  input: pieces,
});

function irEvents(s: Sample): IRStreamEvent[] {
  return [
    { type: 'start', id: s.id, model: s.model, createdAt: 1_767_225_600 },
    ...s.text.map((piece): IRStreamEvent => ({ type: 'text-delta', index: 0, text: piece })),
    { type: 'block-end', index: 0 },
    ...s.reasoning.map((piece): IRStreamEvent => ({ type: 'reasoning-delta', index: 1, text: piece })),
    { type: 'reasoning-signature', index: 1, signature: s.signature },
    { type: 'block-end', index: 1 },
    { type: 'tool-call-start', index: 2, id: 'call_f', name: 'f' },
    ...s.args.map((piece): IRStreamEvent => ({ type: 'tool-call-delta', index: 2, argumentsDelta: piece })),
    { type: 'block-end', index: 2 },
    { type: 'tool-call-start', index: 3, id: 'call_c', name: 'c', kind: 'custom' },
    ...s.input.map((piece): IRStreamEvent => ({ type: 'tool-call-delta', index: 3, argumentsDelta: piece })),
    { type: 'block-end', index: 3 },
    { type: 'finish', stopReason: 'tool_use' },
  ];
}

/** What the generic path writes: the event's object through `JSON.stringify` and `encodeSseText`. */
function generic(event: string | undefined, body: unknown): string {
  return encodeSseText({ ...(event === undefined ? {} : { event }), data: JSON.stringify(body) });
}

interface Frame {
  raw: string;
  event: string | undefined;
  data: Record<string, unknown>;
}

/** The output cut into frames (a JSON data line never holds a raw line break, so frames end at the first blank line). */
function frames(output: string): Frame[] {
  return output
    .split('\n\n')
    .slice(0, -1)
    .map((body) => {
      const lines = body.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines.find((line) => line.startsWith('data: '))!.slice('data: '.length);
      return { raw: `${body}\n\n`, event, data: data === '[DONE]' ? {} : (JSON.parse(data) as Record<string, unknown>) };
    });
}

const nonEmpty = (list: string[]): string[] => list.filter((piece) => piece !== '');
/** Function-call arguments as the encoders stream them: a call with none gets a last `{}`, so they always parse. */
const withEmptyObject = (args: string[]): string[] => (args.join('') === '' ? [...args, '{}'] : args);
/** Custom-tool text as JSON `{"input": …}` text, piece by piece, as dialects without custom tools carry it. */
const customJson = (input: string[]): string[] => ['{"input":"', ...input.map((piece) => JSON.stringify(piece).slice(1, -1)), '"}'];

/** For each dialect: which frames carry a delta, and the generic frames expected for them (fields the template does not write, from the frame itself). */
const CASES: Record<DialectId, { isDelta: (frame: Frame) => boolean; expected: (s: Sample, actual: Frame[]) => string[] }> = {
  'anthropic-messages': {
    isDelta: (frame) => frame.event === 'content_block_delta',
    expected: (s) => {
      const delta = (index: number, body: Record<string, unknown>) => generic('content_block_delta', { type: 'content_block_delta', index, delta: body });
      return [
        ...nonEmpty(s.text).map((piece) => delta(0, { type: 'text_delta', text: piece })),
        ...nonEmpty(s.reasoning).map((piece) => delta(1, { type: 'thinking_delta', thinking: piece })),
        delta(1, { type: 'signature_delta', signature: s.signature }),
        ...withEmptyObject(s.args).map((piece) => delta(2, { type: 'input_json_delta', partial_json: piece })),
        ...customJson(s.input).map((piece) => delta(3, { type: 'input_json_delta', partial_json: piece })),
      ];
    },
  },
  'openai-responses': {
    isDelta: (frame) => frame.event !== undefined && frame.event.endsWith('.delta'),
    expected: (s, actual) => {
      const bodies: [string, Record<string, unknown>][] = [
        ...nonEmpty(s.text).map((piece): [string, Record<string, unknown>] => ['response.output_text.delta', { content_index: 0, delta: piece, logprobs: [] }]),
        ...nonEmpty(s.reasoning).map((piece): [string, Record<string, unknown>] => ['response.reasoning_summary_text.delta', { summary_index: 0, delta: piece }]),
        ...withEmptyObject(s.args).map((piece): [string, Record<string, unknown>] => ['response.function_call_arguments.delta', { delta: piece }]),
        ...s.input.map((piece): [string, Record<string, unknown>] => ['response.custom_tool_call_input.delta', { delta: piece }]),
      ];
      return bodies.map(([type, body], i) => {
        const { sequence_number, item_id, output_index } = actual[i]?.data ?? {};
        return generic(type, { type, sequence_number, item_id, output_index, ...body });
      });
    },
  },
  'openai-chat': {
    isDelta: (frame) => {
      const choices = frame.data['choices'] as { delta: Record<string, unknown>; finish_reason: unknown }[] | undefined;
      const delta = choices?.[0]?.delta;
      if (!delta || 'role' in delta || choices?.[0]?.finish_reason !== null) return false;
      const calls = delta['tool_calls'] as Record<string, unknown>[] | undefined;
      return calls === undefined || !('id' in calls[0]!);
    },
    expected: (s, actual) => {
      const deltas: Record<string, unknown>[] = [
        ...nonEmpty(s.text).map((piece) => ({ content: piece })),
        ...nonEmpty(s.reasoning).map((piece) => ({ reasoning_content: piece })),
        ...withEmptyObject(s.args).map((piece) => ({ tool_calls: [{ index: 0, function: { arguments: piece } }] })),
        // The custom call's opening `{"input":"` goes in its first chunk, with its id and name.
        ...customJson(s.input)
          .slice(1)
          .map((piece) => ({ tool_calls: [{ index: 1, function: { arguments: piece } }] })),
      ];
      return deltas.map((delta, i) => {
        const { choices: _choices, ...head } = actual[i]?.data ?? {};
        expect(head['id']).toBe(withIdPrefix('chatcmpl-', s.id));
        expect(head['model']).toBe(s.model || FIXED_CTX.callerModel);
        return generic(undefined, { ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] });
      });
    },
  },
  'gemini-interactions': {
    isDelta: (frame) => frame.event === 'step.delta',
    expected: (s) => {
      const delta = (index: number, body: Record<string, unknown>) => generic('step.delta', { event_type: 'step.delta', index, delta: body });
      return [
        ...nonEmpty(s.text).map((piece) => delta(0, { type: 'text', text: piece })),
        ...nonEmpty(s.reasoning).map((piece) => delta(1, { type: 'thought_summary', content: { type: 'text', text: piece } })),
        delta(1, { type: 'thought_signature', signature: s.signature }),
        ...withEmptyObject(s.args).map((piece) => delta(2, { type: 'arguments_delta', arguments: piece })),
        ...customJson(s.input).map((piece) => delta(3, { type: 'arguments_delta', arguments: piece })),
      ];
    },
  },
  'gemini-generate': {
    isDelta: (frame) => {
      const candidate = (frame.data['candidates'] as Record<string, unknown>[] | undefined)?.[0];
      const parts = (candidate?.['content'] as { parts?: Record<string, unknown>[] } | undefined)?.parts;
      return candidate?.['finishReason'] === undefined && parts?.length === 1 && parts[0]?.['text'] !== '' && Object.keys(parts[0]!).every((key) => key === 'text' || key === 'thought');
    },
    expected: (s) => {
      const chunk = (part: Record<string, unknown>) =>
        generic(undefined, {
          candidates: [{ content: { parts: [part], role: 'model' }, index: 0 }],
          modelVersion: s.model || FIXED_CTX.callerModel,
          ...(s.id ? { responseId: s.id } : {}),
        });
      return [...nonEmpty(s.text).map((piece) => chunk({ text: piece })), ...nonEmpty(s.reasoning).map((piece) => chunk({ text: piece, thought: true }))];
    },
  },
};

describe('delta frames from templates are the generic frames, byte for byte', () => {
  for (const [dialect, { isDelta, expected }] of Object.entries(CASES) as [DialectId, (typeof CASES)[DialectId]][]) {
    it(dialect, () => {
      fc.assert(
        fc.property(sample, (s) => {
          const deltas = frames(encodeText(dialect, irEvents(s))).filter(isDelta);
          expect(deltas.map((frame) => frame.raw)).toEqual(expected(s, deltas));
        }),
        { numRuns: 300 },
      );
    });
  }
});

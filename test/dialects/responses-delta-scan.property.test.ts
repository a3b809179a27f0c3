/**
 * Property: `scanDelta`, the Responses decoder's fast read of a delta event, gives exactly the
 * fields the decoder reads from `JSON.parse` of the event, or declines (and the decoder parses
 * the event in full): for any field order, extra and repeated fields, whitespace, escapes,
 * Unicode (lone surrogates, U+2028/2029), odd values, and text that is not JSON at all. And the
 * decoder gives the same IR events whether an event takes the fast read or the full parse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAll } from '../../src/dialects/ir/stream.js';
import { DELTA_TYPES, scanDelta, type ScannedDelta } from '../../src/dialects/openai-responses/delta-scan.js';
import { createResponsesStreamDecoder } from '../../src/dialects/openai-responses/stream-decode.js';
import type { SseEvent } from '../../src/sse/events.js';
import { recordedStreams } from './support/streams.js';

/** What the decoder reads from a delta event through `JSON.parse` (it skips one whose `delta` is not a string). */
type FullRead = Omit<ScannedDelta, 'delta'> & { delta: string | undefined };

/** What the decoder reads from a delta event through `JSON.parse`; `undefined` when it is not a delta event (or not JSON). */
function fullRead(text: string): FullRead | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const data = value as Record<string, unknown>;
  const type = data['type'];
  if (!(DELTA_TYPES as readonly unknown[]).includes(type)) return undefined;
  return {
    type: type as ScannedDelta['type'],
    outputIndex: typeof data['output_index'] === 'number' ? data['output_index'] : -1,
    contentIndex: typeof data['content_index'] === 'number' ? data['content_index'] : 0,
    delta: typeof data['delta'] === 'string' ? data['delta'] : undefined,
  };
}

const char = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\ufeff', 'é', '😀'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);
const text = fc.string({ unit: char, maxLength: 12 });

/**
 * A string literal for `text`: written the usual way, as \u escapes only, with escaped slashes,
 * or with control characters left raw (not JSON when it holds one).
 */
const STRING_STYLES: Record<string, (value: string) => string> = {
  plain: (value) => JSON.stringify(value),
  unicodeEscapes: (value) => `"${Array.from({ length: value.length }, (_, i) => `\\u${value.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`,
  escapedSlashes: (value) => JSON.stringify(value).replaceAll('/', '\\/'),
  rawControls: (value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
};
/** Escapes JSON does not have, or cut short. */
const badEscape = fc.constantFrom('\\a', '\\x41', '\\u12', '\\u123', '\\u00e', '\\u00G0', "\\'", '\\ ', '\\U0041', '\\0', '\\');
const stringLiteral = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(text, fc.constantFrom(...Object.values(STRING_STYLES))).map(([value, write]) => write(value)) },
  fc.tuple(text, badEscape).map(([value, escape]) => `${JSON.stringify(value).slice(0, -1)}${escape}"`),
);
const number = fc.oneof(
  fc.integer({ min: -3, max: 40 }).map(String),
  fc.constantFrom('-0', '0.0', '1.5', '1e0', '1E+2', '2e-1', '123456789012345', '1234567890123456', '12345678901234567890'),
  // Not JSON numbers.
  fc.constantFrom('01', '-01', '00', '1.', '.5', '-', '1e', '1e+', '+1', '1.e3', '0x10', 'NaN', 'Infinity', '--1'),
);
const otherValue = fc.constantFrom('null', 'true', 'false', '[]', '[ ]', '{}', '{\n}', '[1]', '{"a":1}', '[""]', '"0"', 'tru', 'nul', 'True', '[}', '{]', '[,]', 'undefined', '');
const anyValue = fc.oneof(stringLiteral, number, otherValue);

const typeValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...DELTA_TYPES).map((type) => JSON.stringify(type)) },
  fc.constantFrom('"response.output_text.delt\\u0061"', '"response.completed"', '"response.output_text.done"', 'null', '1', '[]'),
);
const indexValue = fc.oneof({ weight: 4, arbitrary: fc.nat(5).map(String) }, number, otherValue, stringLiteral);
const deltaValue = fc.oneof({ weight: 4, arbitrary: stringLiteral }, number, otherValue);
/** Other keys, some of them spelling a field the decoder reads with escapes. */
const otherKey = fc.oneof(
  fc.constantFrom('sequence_number', 'item_id', 'logprobs', 'obfuscation', 'summary_index', '__proto__', 'd\\u0065lta', 'typ\\u0065', 'output\\u005findex', ''),
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }).map((key) => JSON.stringify(key).slice(1, -1)),
);

type Field = [key: string, value: string];
const field: fc.Arbitrary<Field> = fc.oneof(
  fc.tuple(fc.constant('type'), typeValue),
  fc.tuple(fc.constant('output_index'), indexValue),
  fc.tuple(fc.constant('content_index'), indexValue),
  fc.tuple(fc.constant('delta'), deltaValue),
  fc.tuple(otherKey, anyValue),
);
/** A delta event's fields in any order, some left out, others added or repeated. */
const fields: fc.Arbitrary<Field[]> = fc.oneof(
  // The fields read in the order the fast read wants, other fields (and repeats) among them.
  fc
    .tuple(typeValue, indexValue, fc.option(indexValue, { nil: undefined }), deltaValue, fc.array(fc.array(field, { maxLength: 2 }), { minLength: 4, maxLength: 4 }))
    .map(([type, output, content, delta, [a, b, c, d]]): Field[] => [
      ['type', type],
      ...a!,
      ['output_index', output],
      ...b!,
      ...(content === undefined ? [] : [['content_index', content] as Field]),
      ...c!,
      ['delta', delta],
      ...d!,
    ]),
  fc.tuple(typeValue, indexValue, indexValue, deltaValue, fc.array(field, { maxLength: 4 })).chain(([type, output, content, delta, extra]) =>
    fc.shuffledSubarray<Field>([['type', type], ['output_index', output], ['content_index', content], ['delta', delta], ...extra], { minLength: 1 }),
  ),
  fc.array(field, { maxLength: 6 }),
);
/** JSON whitespace, and two characters that are not JSON whitespace. */
const space = fc.oneof({ weight: 3, arbitrary: fc.constant('') }, fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\ufeff'), maxLength: 2 }));

/** The fields as an object's text: compact, or with whitespace here and there. */
const objectText = fields.chain((list) =>
  fc
    .tuple(fc.boolean(), fc.array(fc.tuple(space, space, space, space), { minLength: list.length, maxLength: list.length }), space, space, space)
    .map(([compact, gaps, lead, inner, trail]) => {
      const gap = (text: string) => (compact ? '' : text);
      const body = list.map(([key, value], i) => `${gap(gaps[i]![0])}"${key}"${gap(gaps[i]![1])}:${gap(gaps[i]![2])}${value}${gap(gaps[i]![3])}`);
      return `${gap(lead)}{${gap(inner)}${body.join(',')}}${gap(trail)}`;
    }),
);
/**
 * A delta event in the shape the fast read takes, with one more field of any value, valid JSON or
 * not, anywhere after `type`.
 */
const nearlyPlainText = fc
  .tuple(typeValue, indexValue, fc.option(indexValue, { nil: undefined }), stringLiteral, fc.tuple(otherKey, anyValue), fc.nat())
  .map(([type, output, content, delta, extra, where]) => {
    const list: Field[] = [
      ['type', type],
      ['sequence_number', '4'],
      ['item_id', '"msg_1"'],
      ['output_index', output],
      ...(content === undefined ? [] : [['content_index', content] as Field]),
      ['delta', delta],
    ];
    list.splice(1 + (where % list.length), 0, extra);
    return `{${list.map(([key, value]) => `"${key}":${value}`).join(',')}}`;
  });

/** An event text, sometimes broken by a deleted or inserted character or cut short. */
const eventText = fc
  .tuple(objectText, fc.option(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'cut'), char), { freq: 3 }))
  .map(([whole, edit]) => {
    if (!edit) return whole;
    const [where, how, inserted] = edit;
    const at = where % (whole.length + 1);
    if (how === 'delete') return whole.slice(0, at) + whole.slice(at + 1);
    if (how === 'insert') return whole.slice(0, at) + inserted + whole.slice(at);
    return whole.slice(0, at);
  });

/**
 * A delta event as OpenAI (and the simulator) writes it: `type`, `sequence_number`, `item_id`,
 * `output_index`, then `content_index` or `summary_index` or neither, `logprobs` before or after
 * `delta`, and `obfuscation` or not.
 */
const plainEvent = fc
  .record({
    type: fc.constantFrom(...DELTA_TYPES),
    sequence: fc.nat(100_000),
    output: fc.nat(3),
    at: fc.constantFrom('content_index', 'summary_index', undefined),
    index: fc.nat(3),
    delta: text,
    logprobs: fc.constantFrom('before', 'after', undefined),
    obfuscation: fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), { nil: undefined }),
  })
  .map(({ type, sequence, output, at, index, delta, logprobs, obfuscation }) =>
    JSON.stringify({
      type,
      sequence_number: sequence,
      item_id: 'msg_01830d662ab3856501693c32183a488190a612c410a0a39823',
      output_index: output,
      ...(at ? { [at]: index } : {}),
      ...(logprobs === 'before' ? { logprobs: [] } : {}),
      delta,
      ...(logprobs === 'after' ? { logprobs: [] } : {}),
      ...(obfuscation === undefined ? {} : { obfuscation }),
    }),
  );

describe('scanDelta reads what JSON.parse reads, or declines', () => {
  it('any text: the same fields as the full parse, or undefined', () => {
    fc.assert(
      fc.property(fc.oneof(eventText, nearlyPlainText), (data) => {
        const scanned = scanDelta(data);
        if (scanned !== undefined) expect(scanned).toEqual(fullRead(data));
      }),
      { numRuns: 8000 },
    );
  });

  it('text that is not a JSON object is always declined', () => {
    fc.assert(
      fc.property(fc.oneof(eventText, nearlyPlainText), (data) => {
        if (fullRead(data) === undefined) expect(scanDelta(data)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('delta events as OpenAI writes them take the fast read', () => {
    fc.assert(
      fc.property(plainEvent, (data) => {
        expect(scanDelta(data)).toEqual(fullRead(data));
      }),
      { numRuns: 1000 },
    );
  });

  it('declines what it leaves to the full parse', () => {
    for (const data of [
      '{"type":"response.completed","response":{"status":"completed"}}',
      '{"type":"response.output_text.delta","output_index":0,"delta":"a","logprobs":[{"token":"a"}]}',
      '{"type":"response.output_text.delta","output_index":1.0,"delta":"a"}',
      '{"type":"response.output_text.delta","output_index":0,"d\\u0065lta":"b","delta":"a"}',
      '{"delta":"a"}',
      '{"type":"response.output_text.delta","output_index":0,"delta":"a",}',
      '{"type":"response.output_text.delta","output_index":0,"delta":"a\u0001"}',
      '{"type":"response.output_text.delta", "output_index":0,"delta":"a"}',
      '{"output_index":0,"type":"response.output_text.delta","delta":"a"}',
      '{"type":"response.output_text.delta","delta":"a","output_index":0}',
      '{"type":"response.output_text.delta","output_index":0,"delta":"a","delta":"b"}',
      `{"type":"response.output_text.delta","output_index":0,"delta":"${'a'.repeat(70_000)}"}`,
    ]) {
      expect(scanDelta(data), data).toBeUndefined();
    }
  });
});

/**
 * Whether `data` is a delta event in the shape the fast read takes: its fields in OpenAI's order
 * (`type` first, then `output_index`, `content_index` if any, `delta`), written compactly, with
 * no non-empty array or object among them.
 */
function inOpenAIOrder(data: string): boolean {
  const read = fullRead(data);
  if (!read || typeof read.delta !== 'string' || JSON.stringify(JSON.parse(data)) !== data) return false;
  const values = Object.values(JSON.parse(data) as Record<string, unknown>);
  if (values.some((value) => typeof value === 'object' && value !== null && Object.keys(value).length > 0)) return false;
  const order = Object.keys(JSON.parse(data) as Record<string, unknown>).filter((key) => ['type', 'output_index', 'content_index', 'delta'].includes(key));
  return ['type,output_index,content_index,delta', 'type,output_index,delta'].includes(order.join(',')) && Object.keys(JSON.parse(data) as object)[0] === 'type';
}

/** The same event with a field the fast read declines (a non-empty array), so it goes through the full parse. */
function parsedInFull(event: SseEvent): SseEvent {
  return { ...event, data: event.data.replace(/^\{/, '{"_":[0],') };
}

function decode(events: readonly SseEvent[]) {
  return decodeAll(createResponsesStreamDecoder(), events);
}

const itemAdded = (outputIndex: number, item: Record<string, unknown>): SseEvent => ({
  event: 'response.output_item.added',
  data: JSON.stringify({ type: 'response.output_item.added', output_index: outputIndex, item }),
});

/** A stream with every kind of block, its delta events mostly as OpenAI writes them, some of any shape (valid JSON objects only: an invalid one fails the stream either way). */
const stream = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: plainEvent.map((data): SseEvent => ({ data })) },
      { weight: 2, arbitrary: nearlyPlainText.filter((data) => fullRead(data) !== undefined).map((data): SseEvent => ({ data })) },
      { weight: 2, arbitrary: objectText.filter((data) => /^\{/.test(data) && fullRead(data) !== undefined).map((data): SseEvent => ({ data })) },
      fc.constantFrom(
        itemAdded(0, { type: 'reasoning', id: 'rs_1' }),
        itemAdded(1, { type: 'message', id: 'msg_1' }),
        itemAdded(2, { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '' }),
        itemAdded(3, { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_2', name: 'c', input: '' }),
      ),
    ),
    { maxLength: 14 },
  )
  .map((events): SseEvent[] => [
    { event: 'response.created', data: '{"type":"response.created","response":{"id":"resp_1","model":"gpt-x","created_at":1}}' },
    ...events,
    { event: 'response.completed', data: '{"type":"response.completed","response":{"status":"completed","usage":{"input_tokens":1,"output_tokens":2}}}' },
  ]);

describe('the Responses decoder gives the same IR events through the fast read and the full parse', () => {
  it('generated streams', () => {
    fc.assert(
      fc.property(stream, (events) => {
        expect(decode(events)).toEqual(decode(events.map(parsedInFull)));
      }),
      { numRuns: 1000 },
    );
  });

  it('a refusal delta without text still makes the stop reason a refusal, on either path', () => {
    const events: SseEvent[] = [
      { event: 'response.created', data: '{"type":"response.created","response":{"id":"resp_1","model":"gpt-x"}}' },
      { event: 'response.refusal.delta', data: '{"type":"response.refusal.delta","output_index":0,"content_index":0,"delta":null}' },
      { event: 'response.completed', data: '{"type":"response.completed","response":{"status":"completed"}}' },
    ];
    expect(decode(events).at(-1)).toEqual({ type: 'finish', stopReason: 'refusal' });
    expect(decode(events.map(parsedInFull)).at(-1)).toEqual({ type: 'finish', stopReason: 'refusal' });
  });

  it('every recorded Responses stream', () => {
    const streams = recordedStreams().filter((recorded) => recorded.dialect === 'openai-responses');
    expect(streams.length).toBeGreaterThan(0);
    let fast = 0;
    for (const recorded of streams) {
      for (const event of recorded.events) {
        const scanned = scanDelta(event.data);
        if (scanned) fast += 1;
        if (scanned || inOpenAIOrder(event.data)) expect(scanned, event.data).toEqual(fullRead(event.data));
      }
      expect(decode(recorded.events), recorded.name).toEqual(decode(recorded.events.map(parsedInFull)));
    }
    expect(fast).toBeGreaterThan(0);
  });
});

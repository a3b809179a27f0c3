/**
 * Words from the wire that happen to be `Object.prototype` member names (`constructor`,
 * `__proto__`, `toString`, …) read as unknown words everywhere a codec looks a word up: stop
 * reasons, statuses, served tiers, event types, image extensions. Before, a plain `TABLE[word]`
 * turned them into functions or objects inside the IR.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import { openaiResponsesStream } from '../../src/dialects/openai-responses/stream.js';
import { anthropicMessagesStream } from '../../src/dialects/anthropic-messages/stream.js';
import { codecs } from '../../src/dialects/codecs.js';
import { lookup } from '../../src/dialects/ir/lookup.js';
import { guessImageMediaType } from '../../src/dialects/ir/media.js';
import { decodeAll } from '../../src/dialects/ir/stream.js';
import { servedTierFromWire } from '../../src/dialects/ir/tiers.js';
import { createStreamDecoder } from '../../src/dialects/stream-translate.js';
import type { SseEvent } from '../../src/sse/events.js';

/** Names every plain object inherits, the words a careless `TABLE[word]` finds. */
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** A whole response in each dialect whose stop word (stop reason, finish reason, status) and tier word are `word`. */
const WHOLE: Readonly<Record<DialectId, (word: string) => Record<string, unknown>>> = {
  'openai-responses': (word) => ({
    id: 'resp_1',
    status: word,
    service_tier: word,
    output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }],
  }),
  'openai-chat': (word) => ({ id: 'c1', service_tier: word, choices: [{ message: { content: 'Hi' }, finish_reason: word }] }),
  'anthropic-messages': (word) => ({
    id: 'msg_1',
    content: [{ type: 'text', text: 'Hi' }],
    stop_reason: word,
    usage: { input_tokens: 1, output_tokens: 1, service_tier: word },
  }),
  'gemini-generate': (word) => ({
    responseId: 'r1',
    candidates: [{ content: { parts: [{ text: 'Hi' }] }, finishReason: word }],
    usageMetadata: { promptTokenCount: 1, serviceTier: word },
  }),
  'gemini-interactions': (word) => ({
    id: 'i1',
    status: word,
    service_tier: word,
    steps: [{ type: 'model_output', content: [{ type: 'text', text: 'Hi' }] }],
  }),
};

const named = (field: 'type' | 'event_type', type: string, body: Record<string, unknown> = {}): SseEvent => ({
  event: type,
  data: JSON.stringify({ [field]: type, ...body }),
});
const data = (body: unknown): SseEvent => ({ data: typeof body === 'string' ? body : JSON.stringify(body) });

/** A whole stream in each dialect whose stop word and tier word are `word`. */
const STREAMED: Readonly<Record<DialectId, (word: string) => SseEvent[]>> = {
  'openai-responses': (word) => [
    named('type', 'response.created', { response: { id: 'resp_1', model: 'm', service_tier: word } }),
    named('type', 'response.completed', { response: { status: 'completed', service_tier: word } }),
  ],
  'openai-chat': (word) => [
    data({ id: 'c1', model: 'm', service_tier: word, choices: [{ index: 0, delta: { content: 'Hi' } }] }),
    data({ id: 'c1', model: 'm', choices: [{ index: 0, delta: {}, finish_reason: word }] }),
    data('[DONE]'),
  ],
  'anthropic-messages': (word) => [
    named('type', 'message_start', { message: { id: 'msg_1', model: 'm', usage: { input_tokens: 1, service_tier: word } } }),
    named('type', 'message_delta', { delta: { stop_reason: word }, usage: { output_tokens: 1, service_tier: word } }),
    named('type', 'message_stop'),
  ],
  'gemini-generate': (word) => [
    data({ responseId: 'r1', candidates: [{ content: { parts: [{ text: 'Hi' }] }, finishReason: word }], usageMetadata: { serviceTier: word } }),
  ],
  'gemini-interactions': (word) => [
    named('event_type', 'interaction.created', { interaction: { id: 'i1', model: 'm', service_tier: word } }),
    named('event_type', 'interaction.completed', { interaction: { status: word, service_tier: word } }),
  ],
};

const DIALECTS = Object.keys(WHOLE) as DialectId[];

describe('an inherited-name word from the wire is an unknown word', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: a whole response ends as end_turn with an unknown tier`, () => {
      for (const word of INHERITED) {
        const ir = codecs[dialect].decodeResponse(WHOLE[dialect](word));
        expect(ir.stopReason, word).toBe('end_turn');
        expect(ir.servedTier, word).toBe('unknown');
        expect(codecs[dialect].readServedTier(WHOLE[dialect](word)), word).toBe('unknown');
      }
    });

    it(`${dialect}: a stream finishes as end_turn and reports no tier`, () => {
      for (const word of INHERITED) {
        const events = decodeAll(createStreamDecoder(dialect), STREAMED[dialect](word));
        const finish = events.at(-1);
        expect(finish, word).toMatchObject({ type: 'finish', stopReason: 'end_turn' });
        expect(events.filter((event) => 'servedTier' in event), word).toEqual([]);
      }
    });
  }

  it('a stream event named like an inherited member is bookkeeping, not a function', () => {
    for (const word of INHERITED) {
      expect(openaiResponsesStream.rules.classify({ event: word, data: '{}' }), word).toBe('bookkeeping');
      expect(anthropicMessagesStream.rules.classify({ event: word, data: '{}' }), word).toBe('bookkeeping');
    }
  });

  it('an image URL ending in an inherited name has no known media type', () => {
    for (const word of INHERITED) expect(guessImageMediaType(`https://example.com/cat.${word}`), word).toBeUndefined();
  });

  it('a tier word that names an inherited member serves no tier, in any case or prefix', () => {
    for (const word of INHERITED) {
      expect(servedTierFromWire(word), word).toBeUndefined();
      expect(servedTierFromWire(`SERVICE_TIER_${word.toUpperCase()}`), word).toBeUndefined();
    }
  });
});

describe('lookup', () => {
  const table: Readonly<Record<string, number>> = { stop: 1, length: 2 };

  it('finds only own keys: any other key, inherited names included, gives undefined', () => {
    const keys = fc.oneof(fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), ...INHERITED), fc.string());
    fc.assert(
      fc.property(keys, (key) => {
        expect(lookup(table, key)).toBe(key === 'stop' ? 1 : key === 'length' ? 2 : undefined);
      }),
    );
  });

  it('a key that is not a string finds nothing', () => {
    fc.assert(
      fc.property(fc.anything().filter((key) => typeof key !== 'string'), (key) => {
        expect(lookup(table, key)).toBeUndefined();
      }),
    );
  });
});

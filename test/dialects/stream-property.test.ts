/**
 * Property: for any well-formed IR stream (reasoning with signatures, text, function and custom
 * tool calls, any Unicode text cut into any pieces, any usage), encoding it in a dialect and
 * decoding that dialect again gives a caller the same thing, and so does going through two
 * dialects in a row. Losses a dialect cannot avoid are the ones named in stream-roundtrip.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../src/core/types.js';
import type { IRUsage, StopReason } from '../../src/dialects/ir/common.js';
import type { IRStreamEvent } from '../../src/dialects/ir/stream.js';
import { ALL_DIALECTS, decodeText, encodeText, summarize, type StreamSummary } from './support/streams.js';

type Block =
  | { kind: 'text'; pieces: string[] }
  | { kind: 'reasoning'; pieces: string[]; signature?: string }
  | { kind: 'tool'; id: string; name: string; custom: boolean; pieces: string[] };

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
const pieces = fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 6 });

/** JSON arguments cut at arbitrary points (the cuts may fall inside strings and escapes). */
const jsonPieces = fc
  .tuple(fc.dictionary(word, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), fc.array(fc.nat(), { maxLength: 5 }))
  .map(([args, cuts]) => {
    const text = JSON.stringify(args);
    const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    const out: string[] = [];
    let at = 0;
    for (const point of [...points, text.length]) {
      out.push(text.slice(at, point));
      at = point;
    }
    return out;
  });

const block: fc.Arbitrary<Block> = fc.oneof(
  pieces.map((p): Block => ({ kind: 'text', pieces: p })),
  fc.record({ pieces, signature: fc.option(fc.base64String({ minLength: 4, maxLength: 40 }), { nil: undefined }) }).map(
    ({ pieces: p, signature }): Block => ({ kind: 'reasoning', pieces: p, ...(signature ? { signature } : {}) }),
  ),
  fc.record({ id: word, name: word, args: jsonPieces }).map(({ id, name, args }): Block => ({ kind: 'tool', id: `call_${id}`, name, custom: false, pieces: args })),
  fc.record({ id: word, name: word, input: pieces }).map(({ id, name, input }): Block => ({ kind: 'tool', id: `call_${id}`, name, custom: true, pieces: input })),
);

const usage: fc.Arbitrary<IRUsage> = fc
  .tuple(fc.nat(100_000), fc.nat(100_000), fc.nat(100_000), fc.nat(100_000))
  .map(([input, cached, output, reasoning]) => ({
    inputTokens: input,
    cachedInputTokens: Math.min(cached, input),
    outputTokens: output,
    reasoningTokens: Math.min(reasoning, output),
  }));

const stream = fc
  .record({ blocks: fc.array(block, { maxLength: 6 }), usage, capped: fc.boolean(), id: word, tier: fc.constantFrom('flex', 'standard', 'priority') })
  .map(({ blocks, usage: u, capped, id, tier }): IRStreamEvent[] => {
    const events: IRStreamEvent[] = [{ type: 'start', id: `resp_${id}`, model: 'model-x', createdAt: 1_767_225_600 }];
    blocks.forEach((b, index) => {
      if (b.kind === 'text') for (const text of b.pieces) events.push({ type: 'text-delta', index, text });
      if (b.kind === 'reasoning') {
        for (const text of b.pieces) events.push({ type: 'reasoning-delta', index, text });
        if (b.signature) events.push({ type: 'reasoning-signature', index, signature: b.signature });
      }
      if (b.kind === 'tool') {
        events.push({ type: 'tool-call-start', index, id: b.id, name: b.name, ...(b.custom ? { kind: 'custom' as const } : {}) });
        for (const argumentsDelta of b.pieces) events.push({ type: 'tool-call-delta', index, argumentsDelta });
      }
      events.push({ type: 'block-end', index });
    });
    const hasTools = blocks.some((b) => b.kind === 'tool');
    const stopReason: StopReason = capped ? 'max_tokens' : hasTools ? 'tool_use' : 'end_turn';
    events.push({ type: 'finish', stopReason, usage: u, servedTier: tier });
    return events;
  });

/** What survives a dialect: Anthropic has no reasoning-token count nor a flex word, Chat no reasoning signatures. */
function through(summary: StreamSummary, dialect: DialectId): StreamSummary {
  return {
    ...summary,
    signatures: dialect === 'openai-chat' ? [] : summary.signatures,
    ...(summary.usage && dialect === 'anthropic-messages' ? { usage: { ...summary.usage, reasoningTokens: 0 } } : {}),
    // Anthropic has no flex tier: its shape says standard.
    ...(dialect === 'anthropic-messages' && summary.servedTier === 'flex' ? { servedTier: 'standard' as const } : {}),
  };
}

describe('IR streams survive any dialect', () => {
  for (const dialect of ALL_DIALECTS) {
    it(`encode then decode: ${dialect}`, () => {
      fc.assert(
        fc.property(stream, (events) => {
          const back = summarize(decodeText(dialect, encodeText(dialect, events)));
          expect(back).toEqual(through(summarize(events), dialect));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('through any two dialects in a row', () => {
    const dialect = fc.constantFrom(...ALL_DIALECTS);
    fc.assert(
      fc.property(stream, dialect, dialect, (events, first, second) => {
        const middle = decodeText(first, encodeText(first, events));
        const back = summarize(decodeText(second, encodeText(second, middle)));
        expect(back).toEqual(through(through(summarize(events), first), second));
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Property: the slab encoder gives every text exactly `TextEncoder.encode`'s bytes (lone
 * surrogates included), and a chunk keeps them while later texts are encoded into the same slab
 * or new ones, short and long alike. A chunk whose buffer a consumer transfers away does not stop
 * the encoder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8SlabEncoder } from '../../src/dialects/utf8-slabs.js';

const encoder = new TextEncoder();

/** Where `chunk` first differs from `TextEncoder`'s bytes for `text` (or its length, if shorter or longer); -1 when the same. */
function firstDifference(chunk: Uint8Array, text: string): number {
  const expected = encoder.encode(text);
  const common = Math.min(chunk.length, expected.length);
  for (let i = 0; i < common; i++) if (chunk[i] !== expected[i]) return i;
  return chunk.length === expected.length ? -1 : common;
}

/** Encodes every text, then checks every chunk: later texts must not have written over earlier chunks. */
function expectAllKept(texts: readonly string[]): void {
  const utf8 = createUtf8SlabEncoder();
  const chunks = texts.map((value) => utf8(value));
  const differences = texts.map((value, i) => firstDifference(chunks[i]!, value));
  expect(differences).toEqual(texts.map(() => -1));
}

const char = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('a', 'é', '€', '😀', '\u0000', '\n', '\u2028', '\uffff'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);
/** Characters of 3 UTF-8 bytes each (a lone surrogate becomes U+FFFD): the most a code unit takes. */
const wide = fc.constantFrom('€', '\uffff', '\ud800', '\udfff');
/** Mostly frame-sized texts, some long enough to get a buffer of their own or to fill a slab fast. */
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: char, maxLength: 200, size: 'max' }) },
  fc.tuple(fc.string({ unit: char, minLength: 1, maxLength: 4 }), fc.integer({ min: 300, max: 3000 })).map(([piece, times]) => piece.repeat(times)),
);

describe('createUtf8SlabEncoder', () => {
  it("gives TextEncoder's bytes, and every chunk keeps them", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 120, size: 'max' }), expectAllKept),
      { numRuns: 100, endOnFailure: true }, // shrinking strings this long takes minutes
    );
  });

  it('has room for the widest characters wherever a slab stands', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: wide, minLength: 1, maxLength: 1365, size: 'max' }), { minLength: 20, maxLength: 60 }), expectAllKept),
      { numRuns: 50, endOnFailure: true }, // shrinking strings this long takes minutes
    );
  });

  it('keeps working after a consumer transfers a chunk’s buffer away', () => {
    const utf8 = createUtf8SlabEncoder();
    const first = utf8('event: ping\ndata: {}\n\n');
    structuredClone(first.buffer, { transfer: [first.buffer] });
    expect(first.byteLength).toBe(0);
    expect(utf8('data: "é😀"\n\n')).toEqual(encoder.encode('data: "é😀"\n\n'));
  });
});

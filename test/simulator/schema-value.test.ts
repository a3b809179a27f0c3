/**
 * Values for structured output: minimal JSON that fits the schema, whatever the case of its
 * type names (Gemini writes `OBJECT`, `STRING`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueForSchema } from '../../src/simulator/schema-value.js';

const TYPE_CHECK: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
};

/** A flat object schema: some typed properties, some of them required, types in any case. */
const flatSchema = fc
  .uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom(...Object.keys(TYPE_CHECK)), fc.boolean(), fc.boolean()), {
    selector: (p) => p[0],
    maxLength: 6,
  })
  .map((props) => ({
    type: 'object',
    properties: Object.fromEntries(props.map(([name, type, , upper]) => [name, { type: upper ? type.toUpperCase() : type }])),
    required: props.filter(([, , required]) => required).map(([name]) => name),
    types: Object.fromEntries(props.map(([name, type]) => [name, type])),
  }));

describe('valueForSchema', () => {
  it('holds exactly the required properties, each of its type', () => {
    fc.assert(
      fc.property(flatSchema, ({ types, ...schema }) => {
        const value = valueForSchema(schema) as Record<string, unknown>;
        expect(Object.keys(value).sort()).toEqual([...schema.required].sort());
        for (const [name, v] of Object.entries(value)) expect(TYPE_CHECK[types[name] ?? '']?.(v)).toBe(true);
      }),
    );
  });

  it('fills nested objects, enums, minItems arrays and anyOf', () => {
    expect(
      valueForSchema({
        type: 'OBJECT',
        properties: {
          kind: { type: 'STRING', enum: ['a', 'b'] },
          where: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string' } }, required: ['city'] },
          tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
          either: { anyOf: [{ type: 'number' }, { type: 'string' }] },
        },
      }),
    ).toEqual({ kind: 'a', where: { city: 'sim' }, tags: ['sim', 'sim'], either: 1 });
  });

  it('answers null for what it cannot read, and stops on schemas that nest without end', () => {
    expect([undefined, [], 'string', { type: 'mystery' }].map((s) => valueForSchema(s))).toEqual([null, null, null, null]);
    const endless: Record<string, unknown> = { type: 'object', properties: {} };
    (endless.properties as Record<string, unknown>).self = endless;
    expect(JSON.stringify(valueForSchema(endless))).toMatch(/^(\{"self":)+null\}+$/);
  });
});

/**
 * Values that fit a JSON Schema, for generated tool arguments and structured output. Kept
 * minimal and predictable: a placeholder per type, the first `enum` value when there is one.
 * Types are read case-insensitively, so Gemini's OpenAPI-style `STRING` / `OBJECT` work too.
 */
import { isObject } from './dialects/json.js';

/** A placeholder value per JSON Schema type. */
const PLACEHOLDER_BY_TYPE: Record<string, unknown> = {
  string: 'sim',
  number: 1,
  integer: 1,
  boolean: true,
  array: [],
  object: {},
  null: null,
};

/** The schema's type in lower case (the first one of a list). */
function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (typeof type === 'string') return type.toLowerCase();
  return isObject(schema.properties) ? 'object' : undefined;
}

/** The properties of an object schema. */
function propertiesOf(schema: unknown): Record<string, unknown> {
  return isObject(schema) && isObject(schema.properties) ? schema.properties : {};
}

/**
 * Tool arguments that satisfy a simple object schema: every property, the first enum value or a
 * placeholder by type (nested objects stay `{}`).
 */
export function argumentsFor(parameters: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(propertiesOf(parameters))) {
    const s = isObject(schema) ? schema : {};
    args[name] = Array.isArray(s.enum) ? s.enum[0] : (PLACEHOLDER_BY_TYPE[typeOf(s) ?? ''] ?? null);
  }
  return args;
}

/**
 * A minimal value that fits `schema`: objects hold their `required` properties (all of them when
 * the schema lists none), filled in depth; arrays hold one item when `minItems` asks for one.
 *
 * @example
 * ```ts
 * valueForSchema({ type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name'] });
 * // { name: 'sim' }
 * ```
 */
export function valueForSchema(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > 8) return null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) return valueForSchema(variants[0], depth + 1);
  const type = typeOf(schema);
  if (type === 'object') {
    const properties = propertiesOf(schema);
    const required = Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : Object.keys(properties);
    return Object.fromEntries(required.map((name) => [name, valueForSchema(properties[name], depth + 1)]));
  }
  if (type === 'array') {
    const wanted = typeof schema.minItems === 'number' ? Math.min(schema.minItems, 3) : 0;
    return Array.from({ length: wanted }, () => valueForSchema(schema.items, depth + 1));
  }
  return type !== undefined && type in PLACEHOLDER_BY_TYPE ? PLACEHOLDER_BY_TYPE[type] : null;
}

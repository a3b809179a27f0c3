/**
 * Small readers for parsed JSON request bodies, shared by every dialect.
 */

export type Json = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A positive integer field, or `undefined`. */
export function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The JSON type name of a value as error messages word it: `a string`, `an array`, `null`. */
export function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

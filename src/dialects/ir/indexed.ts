/**
 * Assembling a whole answer from a stream, the parts every dialect shares: blocks kept by their
 * wire index and read back in index order, and tool arguments streamed as JSON text turned back
 * into the object they spell.
 */
import { parseJsonObject, type JsonObject } from './json.js';

/**
 * The values of a map keyed by wire index, in index order (blocks, steps and tool calls may
 * start out of order on the wire).
 *
 * @example
 * inIndexOrder(new Map([[1, 'b'], [0, 'a']])) // ['a', 'b']
 */
export function inIndexOrder<T>(byIndex: ReadonlyMap<number, T>): T[] {
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
}

/**
 * Tool arguments streamed as JSON text, as the object they spell: `undefined` when nothing was
 * streamed (the start event's placeholder stands), the text itself when it is not a JSON object
 * (nothing is dropped).
 *
 * @example
 * streamedArguments('{"city":"Paris"}') // { city: 'Paris' }
 * streamedArguments('')                 // undefined
 */
export function streamedArguments(text: string): JsonObject | string | undefined {
  if (text.trim() === '') return undefined;
  return parseJsonObject(text) ?? text;
}

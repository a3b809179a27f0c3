/**
 * Looking wire words up in the codecs' tables. Tables are plain object literals, so a plain
 * `TABLE[word]` finds `Object.prototype` members for words such as `constructor` or `__proto__`;
 * every word a provider or caller sends goes through {@link lookup} instead.
 */

/**
 * `table[key]` when `key` is a string and one of the table's own keys, else `undefined`.
 *
 * @example
 * lookup({ stop: 'end_turn' }, 'stop')        // 'end_turn'
 * lookup({ stop: 'end_turn' }, 'constructor') // undefined, not Object
 * lookup({ stop: 'end_turn' }, 42)            // undefined
 */
export function lookup<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

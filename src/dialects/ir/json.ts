/**
 * Small JSON helpers every codec shares. Wire payloads are read defensively: a malformed provider
 * event must become a classified failure, never an exception in the relay.
 */

/** A plain JSON object (a schema, tool arguments, an event payload). */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a plain JSON object (not `null`, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `text` parsed as a JSON object, or `undefined` when it is not valid JSON or not an object. */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A non-empty string, or `undefined`. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

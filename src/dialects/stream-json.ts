/**
 * Small JSON helpers the dialect stream rules share: event payloads are read defensively, since a
 * malformed upstream event must become a classified failure, never an exception in the relay.
 */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event data as a JSON object, or `undefined` when it is not valid JSON or not an object. */
export function parseJsonObject(data: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A non-empty string, or `undefined`. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

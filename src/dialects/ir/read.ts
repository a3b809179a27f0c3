/**
 * Reading caller bodies defensively. A field of the wrong type is the caller's mistake
 * (`400 invalid_body` naming the field); a field no translation can carry is
 * `400 unsupported_feature` (see {@link checkKeys}). Paths are the caller's dotted paths.
 */
import { routerError, type RouterErrorDetails } from '../../core/errors.js';
import type { DialectId } from '../../core/types.js';
import { callerFormatOf, joinPath } from './provenance.js';
import { isJsonObject, type JsonObject } from './json.js';
import { callerShape } from '../caller-shapes.js';

/**
 * A problem with the caller's body, found while decoding. {@link decodeAs} turns it into the
 * router's error, with the example request written in the caller's format.
 */
export class BodyProblem extends Error {
  constructor(
    readonly code: 'unsupported_feature' | 'invalid_body',
    readonly details: RouterErrorDetails,
  ) {
    super(`${code}: ${details.field ?? ''}`);
    this.name = 'BodyProblem';
  }
}

/** A decoder met something in the caller's body that no translation can carry (`field`: caller path). */
export function untranslatable(field: string, detail: string): BodyProblem {
  return new BodyProblem('unsupported_feature', { field, detail });
}

/** Runs a decoder for `dialect`, turning its {@link BodyProblem}s into router errors. */
export function decodeAs<T>(dialect: DialectId, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (!(error instanceof BodyProblem)) throw error;
    throw routerError(error.code, { ...error.details, format: callerShape(callerFormatOf(dialect)) });
  }
}

function wrongType(path: string, value: unknown, expected: string): Error {
  return new BodyProblem('invalid_body', { field: path, received: value, detail: `${path} must be ${expected}.` });
}

/** `value` when it is a JSON object, else `400 invalid_body`. */
export function readObject(value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw wrongType(path, value, 'a JSON object');
  return value;
}

export function readArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw wrongType(path, value, 'an array');
  return value;
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw wrongType(path, value, 'a string');
  return value;
}

export function readNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(path, value, 'a number');
  return value;
}

export function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw wrongType(path, value, 'true or false');
  return value;
}

/** One of `allowed`, else `400 invalid_body` listing them. */
export function readEnum<const T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw wrongType(path, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return value as T;
}

/** An array of strings. */
export function readStrings(value: unknown, path: string): string[] {
  return readArray(value, path).map((item, i) => readString(item, joinPath(path, i)));
}

/** A map of string values (metadata, labels). */
export function readStringMap(value: unknown, path: string): Record<string, string> {
  const object = readObject(value, path);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(object)) out[key] = readString(item, joinPath(path, key));
  return out;
}

/** OpenAI's and Anthropic's `{type: 'approximate', city, region, country, timezone}` user location. */
export function readApproximateLocation(value: unknown, path: string): { city?: string; region?: string; country?: string; timezone?: string } {
  const location = readObject(value, path);
  checkKeys(location, path, ['type', 'city', 'region', 'country', 'timezone']);
  const where: { city?: string; region?: string; country?: string; timezone?: string } = {};
  for (const key of ['city', 'region', 'country', 'timezone'] as const) {
    const item = optional(location[key], joinPath(path, key), readString);
    if (item !== undefined) where[key] = item;
  }
  return where;
}

/** `undefined` for absent or `null`, else `read(value)`. */
export function optional<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | undefined {
  return value === undefined || value === null ? undefined : read(value, path);
}

/**
 * Refuses keys the decoder does not translate. `carried` are read by the decoder; `advisory` keys
 * change nothing about the generated content (storage, caching and abuse-monitoring hints, the
 * router's own fields) and are let go on purpose. Anything else is `unsupported_feature`, so a
 * field is never dropped silently. Keys whose value is `null` mean "not set" and pass.
 */
export function checkKeys(
  object: JsonObject,
  path: string,
  carried: readonly string[],
  advisory: readonly string[] = [],
): void {
  for (const key of Object.keys(object)) {
    if (carried.includes(key) || advisory.includes(key) || object[key] === null) continue;
    throw untranslatable(
      joinPath(path, key),
      `flexroute translates this request to another provider's format, and it has no equivalent for ${JSON.stringify(key)}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Lenient readers for provider responses: a provider body is read, never rejected.

/** `value` as an object, or an empty one. */
export function asObject(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** `value` as an array, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` when it is a finite number, else 0. */
export function asCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

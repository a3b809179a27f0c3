/**
 * Safe echo of received values: JSON-quoted, truncated, and never a key. Anything that looks
 * like a credential is replaced by `[redacted]`.
 */

/** The most characters of a received value an error message echoes. */
export const MAX_ECHO_CHARS = 60;

/** The most characters of any other text an error message carries (a field path, a reason). */
export const MAX_DETAIL_CHARS = 300;

/**
 * `text` cut to `max` characters, saying how long it was: `"tools.0.aaa… (5242880 characters)"`.
 *
 * @example
 * bounded('x'.repeat(1000), 10) // 'xxxxxxxxxx… (1000 characters)'
 */
export function bounded(text: string, max: number = MAX_DETAIL_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** Strings shaped like credentials: known key prefixes, or long mixed-case alphanumeric tokens. */
export function looksLikeKey(text: string): boolean {
  if (/^(sk-|sk_|rk-|AIza|flex_live_|flex_test_|bearer\s|basic\s)/i.test(text)) return true;
  return text.length >= 32 && /^[A-Za-z0-9_\-]+$/.test(text) && /[A-Z]/.test(text) && /[a-z]/.test(text) && /\d/.test(text);
}

/** Key-shaped substrings: known prefixes followed by a token. */
const EMBEDDED_KEY = /(?<![A-Za-z0-9])(sk-|sk_|rk-|AIza|flex_live_|flex_test_)[A-Za-z0-9_\-]{6,}/g;

/** A received value as it may appear in a message: JSON-quoted, truncated, never a key. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (looksLikeKey(value)) return '[redacted]';
    // Keys can hide inside longer strings too (a `?key=AIza…` query, a pasted header). Only a
    // bounded prefix is scanned: a 5 MB value costs no more than a short one.
    const safe = value.slice(0, MAX_ECHO_CHARS * 4).replace(EMBEDDED_KEY, '[redacted]');
    if (safe.length <= MAX_ECHO_CHARS && value.length <= MAX_ECHO_CHARS * 4) return JSON.stringify(safe);
    return `${JSON.stringify(`${safe.slice(0, MAX_ECHO_CHARS)}…`)} (${value.length} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value) ?? String(value);
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

/** A path without its query string, which may carry a key (`?key=…` on Gemini). */
export function withoutQuery(path: string): string {
  const at = path.indexOf('?');
  return at === -1 ? path : path.slice(0, at);
}

/** A model id fit to reuse in an example: short, id-shaped, not a key. */
export function usableModel(model: string | undefined): string | undefined {
  if (model === undefined || model.length > 64 || looksLikeKey(model)) return undefined;
  return /^[A-Za-z0-9._:/-]+$/.test(model) ? model.replace(/^models\//, '') : undefined;
}

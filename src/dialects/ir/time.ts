/**
 * Creation times between the IR (Unix seconds) and the wire (seconds, or ISO 8601 text for the
 * Gemini APIs), with the clock standing in when the provider gave none.
 */

/**
 * `given` (Unix seconds) when the provider said, else the clock's time (`now`, milliseconds since
 * the epoch, injectable for tests).
 */
export function createdSeconds(given: number | undefined, now: () => number = Date.now): number {
  return given ?? Math.floor(now() / 1000);
}

/** An ISO 8601 time (`2026-01-01T00:00:00Z`) as Unix seconds; `undefined` when absent or unreadable. */
export function secondsFromIso(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** Unix seconds as ISO 8601 without fractions, the way Interactions writes `created`: `2026-01-01T00:00:00Z`. */
export function isoFromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

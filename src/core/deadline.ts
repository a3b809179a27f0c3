/**
 * `start_within` text to a value and back (SPEC §3.1). Pure.
 *
 * Forms: the tier words `"default"`, `"priority"`, `"auto"`, or a race window written exactly
 * `HHh-MMm-SSs` (two digits each, minutes and seconds below 60) totalling 5 s to 10 min
 * inclusive. Case-sensitive and untrimmed on purpose: a value the router would have to guess
 * about is rejected with a message that shows the right spelling.
 */
import { routerError } from './errors.js';
import type { CallerShape } from './errors.js';
import type { StartWithin } from './types.js';

/** Shortest race window: 5 s. */
export const START_WITHIN_MIN_MS = 5_000;
/** Longest race window: 10 min. */
export const START_WITHIN_MAX_MS = 600_000;

/** The tier words and what each means; every other accepted value is a duration. */
const TIER_WORDS: Readonly<Record<string, StartWithin>> = {
  default: { kind: 'tier', tier: 'default' },
  priority: { kind: 'tier', tier: 'priority' },
  auto: { kind: 'tier', tier: 'auto' },
};

const DURATION = /^(\d{2})h-(\d{2})m-(\d{2})s$/;

/**
 * Parses a `start_within` value. `format`, when given, is the caller's request format: the
 * error's example request is written in it.
 *
 * @throws RouterError `invalid_start_within` (400) for anything else, with a message saying why.
 * @example
 * parseStartWithin('00h-00m-30s'); // { kind: 'race', windowMs: 30000 }
 * parseStartWithin('priority');    // { kind: 'tier', tier: 'priority' }
 */
export function parseStartWithin(value: unknown, format?: CallerShape): StartWithin {
  if (typeof value !== 'string') {
    throw routerError('invalid_start_within', {
      format,
      received: value,
      detail: `start_within must be a string, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}.`,
    });
  }
  if (Object.hasOwn(TIER_WORDS, value)) return TIER_WORDS[value] as StartWithin;
  const match = DURATION.exec(value);
  if (!match) throw routerError('invalid_start_within', { format, received: value, detail: explainUnreadable(value) });
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (minutes >= 60 || seconds >= 60) {
    throw routerError('invalid_start_within', {
      format,
      received: value,
      detail: `Minutes and seconds must be below 60 (write 90 s as "00h-01m-30s").`,
    });
  }
  const windowMs = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  if (windowMs < START_WITHIN_MIN_MS || windowMs > START_WITHIN_MAX_MS) {
    throw routerError('invalid_start_within', {
      format,
      received: value,
      detail: `A duration must be from 5 s ("00h-00m-05s") to 10 min ("00h-10m-00s") inclusive; this one is ${describeSeconds(windowMs / 1000)}.`,
    });
  }
  return { kind: 'race', windowMs };
}

/**
 * The canonical text for a parsed value; `parseStartWithin(formatStartWithin(x))` equals `x`.
 *
 * @throws RangeError for a race window outside 5 s–10 min or not a whole number of seconds.
 * @example
 * formatStartWithin({ kind: 'race', windowMs: 90_000 }); // '00h-01m-30s'
 */
export function formatStartWithin(sw: StartWithin): string {
  if (sw.kind === 'tier') return sw.tier;
  const { windowMs } = sw;
  if (!Number.isInteger(windowMs) || windowMs % 1000 !== 0) {
    throw new RangeError(`start_within windows are whole seconds; got ${windowMs} ms.`);
  }
  if (windowMs < START_WITHIN_MIN_MS || windowMs > START_WITHIN_MAX_MS) {
    throw new RangeError(`start_within windows run from 5 s to 10 min; got ${windowMs} ms.`);
  }
  const total = windowMs / 1000;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}h-${pad(Math.floor(total / 60) % 60)}m-${pad(total % 60)}s`;
}

/** A specific reason for the common near-misses; generic grammar text otherwise. */
function explainUnreadable(value: string): string {
  if (value === 'standard') return 'The word "standard" is retired; the standard tier is now called "default".';
  const word = value.trim().toLowerCase();
  if (Object.hasOwn(TIER_WORDS, word)) {
    return `Tier words are lower case with no surrounding spaces: send "${word}".`;
  }
  if (word === 'standard') return 'The word "standard" is retired; the standard tier is now called "default".';
  return 'A duration is written exactly "HHh-MMm-SSs" with two digits in each part, e.g. "00h-00m-30s" for 30 s or "00h-02m-00s" for 2 min; shorthand such as "30s" is not accepted.';
}

function describeSeconds(total: number): string {
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

/**
 * What every stream encoder shares: nothing is written after the terminal event, the tier the
 * caller is shown, ids made up when the upstream gave none, and custom-tool text carried as JSON
 * `{"input": …}`.
 */
import type { DialectId } from '../../core/types.js';
import type { ServedTier } from './common.js';
import type { IRStartEvent, IRStreamEvent, StreamEncodeContext, StreamEncoder } from './stream.js';
import { writeTierWord } from './tiers.js';

/**
 * An encoder from its `push`, keeping the contract that events after the terminal `finish` /
 * `error` are ignored.
 *
 * @example
 * ```ts
 * return stopsAtEnd((event) => (event.type === 'text-delta' ? frame(event.text) : ''));
 * ```
 */
export function stopsAtEnd(push: (event: IRStreamEvent) => string): StreamEncoder {
  let ended = false;
  return {
    push(event) {
      if (ended) return '';
      if (event.type === 'finish' || event.type === 'error') ended = true;
      return push(event);
    },
  };
}

/**
 * The tier word a `dialect` stream shows: the upstream's report (`reported` at the end, else the
 * start's), else the tier the router knows it served; `undefined` when none is known.
 */
export function shownTierWord(
  dialect: DialectId,
  reported: ServedTier | undefined,
  start: IRStartEvent | undefined,
  ctx: StreamEncodeContext,
): string | undefined {
  return writeTierWord(dialect, reported ?? start?.servedTier ?? ctx.servedTier ?? 'unknown');
}

/** A fresh id in a dialect's style for a response the upstream did not name: `randomId('msg_')` is `msg_3f2a…`. */
export function randomId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replaceAll('-', '')}`;
}

/**
 * Streams custom-tool text as the JSON text of `{"input": "<text>"}` piece by piece, for dialects
 * whose tool arguments are JSON text (Anthropic `input_json_delta`, Chat `arguments`).
 */
export const customInputJson = {
  open: '{"input":"',
  /** JSON-escapes a fragment; escaping works character by character, so fragments can be split anywhere. */
  fragment: (text: string): string => JSON.stringify(text).slice(1, -1),
  close: '"}',
};

/**
 * Response ids in the caller's provider's shape: an Anthropic caller gets `msg_…`, a Chat caller
 * `chatcmpl-…`, a Responses caller `resp_…`, whatever provider answered. The rest of the id is
 * kept, so it still traces back to the upstream's. Tool-call ids are left as they are: callers
 * echo them back with the tool results, and they must match.
 */

/** Id prefixes of the dialects that have one; an id carrying another's loses it. */
const PREFIXES = ['resp_', 'msg_', 'chatcmpl-'] as const;

/**
 * `id` with `prefix`, replacing another dialect's prefix; empty stays empty.
 *
 * @example
 * withIdPrefix('msg_', 'resp_68a1') // 'msg_68a1'
 * withIdPrefix('chatcmpl-', 'bH6LaZW8') // 'chatcmpl-bH6LaZW8'
 */
export function withIdPrefix(prefix: (typeof PREFIXES)[number], id: string): string {
  if (id === '' || id.startsWith(prefix)) return id;
  const foreign = PREFIXES.find((p) => id.startsWith(p));
  return prefix + (foreign ? id.slice(foreign.length) : id);
}

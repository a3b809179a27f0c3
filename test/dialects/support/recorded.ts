/** Whole response bodies from the recorded provider transcripts (test/fixtures/recorded/*.json). */
import { readFileSync } from 'node:fs';

/**
 * The recorded JSON body in `test/fixtures/recorded/<name>`.
 *
 * @example
 * const body = recorded('anthropic-text.json'); // { id: 'msg_…', type: 'message', content: [...] }
 */
export function recorded(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/recorded/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

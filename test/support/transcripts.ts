/**
 * Recorded provider transcripts (test/fixtures/recorded/*.chunks.txt, see its NOTICE.md) turned
 * back into the SSE bytes each provider really sends:
 * - OpenAI Responses, Anthropic Messages: `event: <json.type>` + `data: <line>` + blank line;
 * - Gemini Interactions: `event: <json.event_type>` + `data: <line>` + blank line;
 * - OpenAI Chat: `data: <line>` + blank line, then `data: [DONE]`;
 * - Gemini generateContent: `data: <line>` + blank line, no terminator.
 *
 * @example
 * ```ts
 * const bytes = transcriptSse('openai-chat-openai-text');          // dialect from the name
 * const events = transcriptEvents('anthropic-text');               // [{ event: 'message_start', data: '{…}' }, …]
 * const crlf = transcriptSse('openai-responses-openai-phase.1', 'openai-responses', { lineEnding: '\r\n' });
 * ```
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { DialectId } from '../../src/core/types.js';
import type { SseEvent } from '../../src/sse/events.js';
import { encodeSseText } from '../../src/sse/frames.js';

const RECORDED = new URL('../fixtures/recorded/', import.meta.url);
const SUFFIX = '.chunks.txt';

/** File-name prefixes to dialects; longest prefixes first. */
const DIALECT_BY_PREFIX: ReadonlyArray<readonly [prefix: string, dialect: DialectId]> = [
  ['openai-responses-', 'openai-responses'],
  ['openai-chat-', 'openai-chat'],
  ['anthropic-', 'anthropic-messages'],
  ['google-', 'gemini-generate'],
  ['interactions-', 'gemini-interactions'],
];

/** How each dialect names its events (`undefined`: unnamed) and what it sends after the last one. */
const FRAMING: Readonly<Record<DialectId, { name: (json: Record<string, unknown>) => string | undefined; trailer: SseEvent[] }>> = {
  'openai-responses': { name: (json) => stringField(json, 'type'), trailer: [] },
  'anthropic-messages': { name: (json) => stringField(json, 'type'), trailer: [] },
  'gemini-interactions': { name: (json) => stringField(json, 'event_type'), trailer: [] },
  'openai-chat': { name: () => undefined, trailer: [{ data: '[DONE]' }] },
  'gemini-generate': { name: () => undefined, trailer: [] },
};

export interface TranscriptSseOptions {
  /** Line ending to write the frames with (default `\n`). */
  lineEnding?: '\n' | '\r\n' | '\r';
}

/** Names (without `.chunks.txt`) of every recorded stream, e.g. `openai-chat-openai-text`. */
export function transcriptNames(): string[] {
  return readdirSync(RECORDED)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
    .sort();
}

/** The dialect a transcript was recorded in, from its file name. */
export function transcriptDialect(name: string): DialectId {
  const base = baseName(name);
  const found = DIALECT_BY_PREFIX.find(([prefix]) => base.startsWith(prefix));
  if (!found) {
    throw new Error(`Cannot tell the dialect of transcript "${base}": its name starts with none of ${DIALECT_BY_PREFIX.map(([p]) => p).join(', ')}. Pass the dialect explicitly, e.g. transcriptSse("${base}", "openai-chat").`);
  }
  return found[1];
}

/** The JSON payload lines of a transcript, exactly as recorded. */
export function transcriptLines(name: string): string[] {
  const file = new URL(`${baseName(name)}${SUFFIX}`, RECORDED);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

/** The events a client receives, terminator (`[DONE]`) included. */
export function transcriptEvents(name: string, dialect: DialectId = transcriptDialect(name)): SseEvent[] {
  const { name: eventName, trailer } = FRAMING[dialect];
  const events = transcriptLines(name).map((data): SseEvent => {
    const event = eventName(JSON.parse(data) as Record<string, unknown>);
    return event === undefined ? { data } : { event, data };
  });
  return [...events, ...trailer];
}

/** The SSE text of a transcript. */
export function transcriptText(name: string, dialect: DialectId = transcriptDialect(name), options: TranscriptSseOptions = {}): string {
  const text = transcriptEvents(name, dialect).map(encodeSseText).join('');
  const ending = options.lineEnding ?? '\n';
  return ending === '\n' ? text : text.replace(/\n/g, ending);
}

/** The SSE bytes of a transcript, as the provider sends them. */
export function transcriptSse(name: string, dialect: DialectId = transcriptDialect(name), options: TranscriptSseOptions = {}): Uint8Array {
  return new TextEncoder().encode(transcriptText(name, dialect, options));
}

function baseName(name: string): string {
  return name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : name;
}

function stringField(json: Record<string, unknown>, key: string): string | undefined {
  const value = json[key];
  return typeof value === 'string' ? value : undefined;
}

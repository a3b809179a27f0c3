/**
 * OpenAI Chat Completions streams (unnamed `data:` events ending with `data: [DONE]`): start
 * evidence, the terminal events, the in-band error chunk the router ends a broken flex stream
 * with, and whole-response assembly (in `stream-assemble.ts`) for non-streaming callers.
 *
 * Start evidence is any delta that carries output: non-empty `content`, `refusal`, `reasoning`
 * or `reasoning_content` (the field compatible servers use), a non-empty `tool_calls`, a legacy
 * `function_call`, or `audio`. A chunk with only `role`, `content: ""`, `refusal: null`, a bare
 * `finish_reason` or only `usage` is bookkeeping. Unreadable data is an `error`, as the SDKs would
 * throw on it too.
 */
import type { CommitRules, DialectStream, EventClass, FailureContext, RelayFailure } from '../../core/commit/rules.js';
import type { SseEvent } from '../../sse/events.js';
import { encodeSseFrame } from '../../sse/frames.js';
import { flexFailure } from '../ir/flex-failure.js';
import { isJsonObject, nonEmptyString, parseJsonObject, type JsonObject } from '../ir/json.js';
import { assembleChatCompletion } from './stream-assemble.js';

/** How each delta field shows that output started: a non-empty string, a non-empty array, any object. */
const OUTPUT_FIELDS: ReadonlyArray<readonly [field: string, shows: (value: unknown) => boolean]> = [
  ['content', (v) => nonEmptyString(v) !== undefined],
  ['refusal', (v) => nonEmptyString(v) !== undefined],
  ['reasoning', (v) => nonEmptyString(v) !== undefined],
  ['reasoning_content', (v) => nonEmptyString(v) !== undefined],
  ['tool_calls', (v) => Array.isArray(v) && v.length > 0],
  ['function_call', isJsonObject],
  ['audio', isJsonObject],
];

/** `[DONE]` is matched by prefix, as the openai SDK does. */
function isDone(event: SseEvent): boolean {
  return event.data.startsWith('[DONE]');
}

/** A chunk whose `error` is truthy: the openai SDK throws an APIError on exactly these. */
function isErrorChunk(chunk: JsonObject): boolean {
  return Boolean(chunk['error']);
}

function deltaShowsOutput(choice: unknown): boolean {
  if (!isJsonObject(choice) || !isJsonObject(choice['delta'])) return false;
  const delta = choice['delta'];
  return OUTPUT_FIELDS.some(([field, shows]) => shows(delta[field]));
}

const rules: CommitRules = {
  classify(event): EventClass {
    if (isDone(event)) return 'end';
    const chunk = parseJsonObject(event.data);
    if (!chunk || isErrorChunk(chunk)) return 'error';
    const choices = chunk['choices'];
    return Array.isArray(choices) && choices.some(deltaShowsOutput) ? 'start' : 'bookkeeping';
  },
};

/** `[DONE]`, or an error chunk (the client has thrown already; nothing should follow). */
function isTerminal(event: SseEvent): boolean {
  if (isDone(event)) return true;
  // Cheap pre-filter: only chunks mentioning "error" are parsed.
  if (!event.data.includes('"error"')) return false;
  const chunk = parseJsonObject(event.data);
  return chunk !== undefined && isErrorChunk(chunk);
}

/**
 * `data: {"error":{"message","type","param":null,"code":"flex_failed_after_start"}}`: the shape
 * OpenAI itself sends for a mid-stream failure; the openai SDK throws it as an `APIError`.
 * No `[DONE]` follows, so no client mistakes the stream for complete.
 */
function failureFrame(failure: RelayFailure, context: FailureContext = {}): Uint8Array {
  const error = flexFailure(failure, context, 'openai-chat', (data) => data['model']);
  const payload = { error: { message: error.message, type: error.type, param: null, code: error.code } };
  return encodeSseFrame({ data: JSON.stringify(payload) });
}

/**
 * The OpenAI Chat Completions stream dialect.
 *
 * @example
 * ```ts
 * openaiChatStream.rules.classify({ data: '{"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}' }); // 'bookkeeping'
 * openaiChatStream.rules.classify({ data: '{"choices":[{"index":0,"delta":{"content":"Hi"}}]}' });                   // 'start'
 * openaiChatStream.rules.classify({ data: '[DONE]' });                                                               // 'end'
 * ```
 */
export const openaiChatStream: DialectStream = {
  dialect: 'openai-chat',
  rules,
  isTerminal,
  failureFrame,
  assemble: assembleChatCompletion,
};

/**
 * Anthropic Messages streams (named events, no `[DONE]`): start evidence, the terminal events, the
 * `event: error` frame the router ends a broken flex stream with, and the whole-response assembly
 * for non-streaming callers (SPEC §4, §4.3).
 *
 * Decisions the SPEC leaves open:
 * - `message_delta` is bookkeeping: it carries the stop reason and usage, not output. A stream
 *   that reaches `message_stop` with no content block (a refusal before any text) is `end`.
 * - Unknown event types are bookkeeping: only known evidence commits.
 * - The event name is read from the `event:` field (no JSON parsing on the hot path); an unnamed
 *   (or `message`) event falls back to the payload's `type`. Unreadable data is an `error`.
 */
import type { Assembly, CommitRules, DialectStream, EventClass, FailureContext, RelayFailure } from '../../core/commit/rules.js';
import { errorBody } from '../../core/errors.js';
import type { SseEvent } from '../../sse/events.js';
import { encodeSseFrame } from '../../sse/frames.js';
import { upstreamFailure } from '../ir/assembly.js';
import { flexFailure } from '../ir/flex-failure.js';
import { lookup } from '../ir/lookup.js';
import { isJsonObject, parseJsonObject, type JsonObject } from '../ir/json.js';
import { sseEventType } from '../ir/stream-decoding.js';
import { ANTHROPIC_MESSAGES_FACTS } from './facts.js';
import { inIndexOrder, streamedArguments } from '../ir/indexed.js';

const EVENT_CLASS: Readonly<Record<string, EventClass>> = {
  message_start: 'bookkeeping',
  ping: 'bookkeeping',
  message_delta: 'bookkeeping',
  content_block_start: 'start',
  content_block_delta: 'start',
  content_block_stop: 'start',
  error: 'error',
  message_stop: 'end',
};

/** The event's type: its SSE name, else the payload's `type`; `undefined` when unreadable. */
const eventType = (event: SseEvent): string | undefined => sseEventType(event, ANTHROPIC_MESSAGES_FACTS.eventTypeField);

const rules: CommitRules = {
  classify(event) {
    const type = eventType(event);
    return type === undefined ? 'error' : (lookup(EVENT_CLASS, type) ?? 'bookkeeping');
  },
};

function isTerminal(event: SseEvent): boolean {
  const type = eventType(event);
  return type === 'message_stop' || type === 'error';
}

/**
 * `event: error` with the SPEC §3.5 body (`{"type":"error","error":{"type":"api_error",
 * "message":…,"code":"flex_failed_after_start"}}`), which the Anthropic SDK throws as `APIError`.
 */
function failureFrame(failure: RelayFailure, context: FailureContext = {}): Uint8Array {
  const error = flexFailure(failure, context, 'anthropic-messages', (data) => (isJsonObject(data['message']) ? data['message']['model'] : undefined));
  return encodeSseFrame({ event: 'error', data: JSON.stringify(errorBody(error)) });
}

/** A content block being assembled; tool input arrives as JSON text and is parsed at the end. */
interface BlockUnderway {
  block: JsonObject;
  json: string;
}

/**
 * The non-streaming Message: `message_start`'s message with its content blocks rebuilt from the
 * deltas, `message_delta` merged in (stop reason, stop sequence, usage). Fields Anthropic adds
 * later are kept as sent. An `error` event makes an `error_event` failure; a stream without
 * `message_stop` an `ended_early` one.
 */
function assemble(events: Iterable<SseEvent>): Assembly {
  let message: JsonObject | undefined;
  const blocks = new Map<number, BlockUnderway>();
  for (const event of events) {
    const data = parseJsonObject(event.data);
    if (!data) continue;
    const type = eventType(event);
    if (type === 'message_start' && isJsonObject(data['message'])) {
      message = structuredClone(data['message']);
      blocks.clear();
    } else if (type === 'content_block_start' && isJsonObject(data['content_block'])) {
      blocks.set(Number(data['index']), { block: structuredClone(data['content_block']), json: '' });
    } else if (type === 'content_block_delta' && isJsonObject(data['delta'])) {
      const underway = blocks.get(Number(data['index']));
      if (underway) applyDelta(underway, data['delta']);
    } else if (type === 'message_delta' && message) {
      if (isJsonObject(data['delta'])) Object.assign(message, data['delta']);
      if (isJsonObject(data['usage'])) {
        message['usage'] = { ...(isJsonObject(message['usage']) ? message['usage'] : {}), ...data['usage'] };
      }
    } else if (type === 'message_stop' && message) {
      const ordered = inIndexOrder(blocks).map(finishBlock);
      return { ok: true, body: { ...message, content: ordered } };
    } else if (type === 'error') {
      return upstreamFailure(data['error'] ?? data, ['type'], 'error');
    }
  }
  return {
    ok: false,
    reason: 'ended_early',
    message: 'The provider ended the stream without a message_stop event, so there is no whole message to return.',
  };
}

/** Delta kinds and the block field each one appends to (a signature arrives whole and replaces). */
const APPEND_FIELDS: Readonly<Record<string, readonly [deltaField: string, blockField: string]>> = {
  text_delta: ['text', 'text'],
  thinking_delta: ['thinking', 'thinking'],
};

function applyDelta(underway: BlockUnderway, delta: JsonObject): void {
  const kind = String(delta['type']);
  const append = lookup(APPEND_FIELDS, kind);
  if (append) {
    const [from, to] = append;
    underway.block[to] = String(underway.block[to] ?? '') + String(delta[from] ?? '');
  } else if (kind === 'signature_delta') {
    underway.block['signature'] = String(delta['signature'] ?? ''); // whole, as the Anthropic SDK takes it
  } else if (kind === 'input_json_delta') {
    underway.json += String(delta['partial_json'] ?? '');
  } else if (kind === 'citations_delta' && delta['citation'] !== undefined) {
    const citations = Array.isArray(underway.block['citations']) ? underway.block['citations'] : [];
    underway.block['citations'] = [...citations, delta['citation']];
  }
}

/** Tool input streamed as JSON text replaces the `{}` placeholder of `content_block_start`. */
function finishBlock(underway: BlockUnderway): JsonObject {
  const input = streamedArguments(underway.json);
  if (input !== undefined) underway.block['input'] = input;
  return underway.block;
}

/**
 * The Anthropic Messages stream dialect.
 *
 * @example
 * ```ts
 * anthropicMessagesStream.rules.classify({ event: 'message_start', data: '{…}' });       // 'bookkeeping'
 * anthropicMessagesStream.rules.classify({ event: 'content_block_start', data: '{…}' }); // 'start'
 * anthropicMessagesStream.rules.classify({ event: 'error', data: '{…overloaded_error…}' }); // 'error'
 * ```
 */
export const anthropicMessagesStream: DialectStream = {
  dialect: 'anthropic-messages',
  rules,
  isTerminal,
  failureFrame,
  assemble,
};

/**
 * OpenAI Responses streams (named events, no `[DONE]`): start evidence, the terminal events, the
 * `response.failed` frame the router ends a broken flex stream with, and the whole-response
 * assembly for non-streaming callers (SPEC §4, §4.3).
 *
 * Decisions the SPEC leaves open:
 * - `response.incomplete` (e.g. `max_output_tokens` reached) is a proper end, like
 *   `response.completed`: the non-streaming body is its response object, status `incomplete`,
 *   as OpenAI itself answers. Seen before any start evidence, it is `end` (ended early, fall back).
 * - Unknown event types before commit are bookkeeping: only known evidence commits.
 * - The event name is read from the `event:` field (no JSON parsing on the hot path); an unnamed
 *   (or `message`) event falls back to the payload's `type`. Unreadable data is an `error`.
 */
import type { Assembly, CommitRules, DialectStream, EventClass, FailureContext, RelayFailure } from '../../core/commit/rules.js';
import { routerError } from '../../core/errors.js';
import type { SseEvent } from '../../sse/events.js';
import { encodeSseFrame } from '../../sse/frames.js';
import { upstreamFailure } from '../ir/assembly.js';
import { lookup } from '../ir/lookup.js';
import { randomId } from '../ir/stream-encoding.js';
import { createdSeconds } from '../ir/time.js';
import { isJsonObject, parseJsonObject, type JsonObject } from '../ir/json.js';
import { responseObject } from './response-object.js';
import { OPENAI_RESPONSES_CALLER } from './caller.js';
import { sseEventType } from '../ir/stream-decoding.js';
import { OPENAI_RESPONSES_FACTS } from './facts.js';

/** Event types with a fixed meaning; any other `*.delta` is `start`, anything else bookkeeping. */
const EVENT_CLASS: Readonly<Record<string, EventClass>> = {
  'response.created': 'bookkeeping',
  'response.in_progress': 'bookkeeping',
  'response.queued': 'bookkeeping',
  'response.output_item.added': 'start',
  error: 'error',
  'response.failed': 'error',
  'response.completed': 'end',
  'response.incomplete': 'end',
  '[DONE]': 'end', // not sent by OpenAI, but some compatible servers do
};

/** After these the client has its whole answer (or its provider's error): no failure frame needed. */
const TERMINAL_TYPES: ReadonlySet<string> = new Set([
  'response.completed',
  'response.incomplete',
  'response.failed',
  'error',
  '[DONE]',
]);

/** The event's type: its SSE name, else the payload's `type`; `undefined` when unreadable. */
function eventType(event: SseEvent): string | undefined {
  if (event.data.startsWith('[DONE]') && (event.event === undefined || event.event === 'message')) return '[DONE]';
  return sseEventType(event, OPENAI_RESPONSES_FACTS.eventTypeField);
}

const rules: CommitRules = {
  classify(event) {
    const type = eventType(event);
    if (type === undefined) return 'error';
    return lookup(EVENT_CLASS, type) ?? (type.endsWith('.delta') ? 'start' : 'bookkeeping');
  },
};

function isTerminal(event: SseEvent): boolean {
  const type = eventType(event);
  return type !== undefined && TERMINAL_TYPES.has(type);
}

/**
 * `event: response.failed` with a response object the official SDKs accept: the held
 * `response.created` / `response.in_progress` object (same id, model, created_at) marked failed,
 * with error `{ code: 'flex_failed_after_start', message }` and no output.
 */
function failureFrame(failure: RelayFailure, context: FailureContext = {}): Uint8Array {
  const held = context.heldEvents ?? [];
  const base = latestResponseObject(held);
  const model = typeof base?.['model'] === 'string' ? base['model'] : context.model;
  const error = routerError('flex_failed_after_start', { detail: failure.message, format: OPENAI_RESPONSES_CALLER, ...(model ? { model } : {}) });
  const response: JsonObject = {
    ...(base ?? responseObject({ id: randomId('resp_flexroute_'), createdAt: createdSeconds(undefined), status: 'failed', model: model ?? 'unknown' })),
    status: 'failed',
    error: { code: error.code, message: error.message },
    incomplete_details: null,
    output: [],
    usage: null,
  };
  const payload = { type: 'response.failed', sequence_number: nextSequenceNumber(failure.lastEvent, held), response };
  return encodeSseFrame({ event: 'response.failed', data: JSON.stringify(payload) });
}

/**
 * The non-streaming body: the `response` of the first `response.completed` (or
 * `response.incomplete`) as is; `response.failed` or `error` make an `error_event` failure, a
 * stream without a terminal event an `ended_early` one.
 */
function assemble(events: Iterable<SseEvent>): Assembly {
  for (const event of events) {
    const type = eventType(event);
    if (type === undefined || !TERMINAL_TYPES.has(type)) continue;
    const payload = parseJsonObject(event.data);
    const response = payload?.['response'];
    if ((type === 'response.completed' || type === 'response.incomplete') && isJsonObject(response)) {
      return { ok: true, body: response };
    }
    if (type === 'response.failed' && isJsonObject(response)) {
      return upstreamFailure(response['error'] ?? response, ['code'], 'unknown_error');
    }
    if (type === 'error') return upstreamFailure(payload?.['error'] ?? payload, ['code'], 'unknown_error');
    break; // a terminal event we cannot read, or [DONE] without a response: the answer is missing
  }
  return { ok: false, reason: 'ended_early', message: 'The provider ended the stream without a response.completed event, so there is no whole response to return.' };
}

/** The most recent response object among held events (`response.in_progress` beats `response.created`). */
function latestResponseObject(events: readonly SseEvent[]): JsonObject | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const response = parseJsonObject(events[i]!.data)?.['response'];
    if (isJsonObject(response)) return response;
  }
  return undefined;
}

/** One past the last sequence number seen, so the failure frame sorts after everything sent; 0 when unknown. */
function nextSequenceNumber(lastEvent: SseEvent | undefined, held: readonly SseEvent[]): number {
  for (const event of lastEvent ? [lastEvent, ...[...held].reverse()] : [...held].reverse()) {
    const sequence = parseJsonObject(event.data)?.['sequence_number'];
    if (typeof sequence === 'number' && Number.isInteger(sequence)) return sequence + 1;
  }
  return 0;
}

/**
 * The OpenAI Responses stream dialect.
 *
 * @example
 * ```ts
 * openaiResponsesStream.rules.classify({ event: 'response.created', data: '{…}' });          // 'bookkeeping'
 * openaiResponsesStream.rules.classify({ event: 'response.output_text.delta', data: '{…}' }); // 'start'
 * ```
 */
export const openaiResponsesStream: DialectStream = {
  dialect: 'openai-responses',
  rules,
  isTerminal,
  failureFrame,
  assemble,
};

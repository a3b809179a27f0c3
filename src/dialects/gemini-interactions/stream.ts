/**
 * Gemini Interactions streams (events named by `event_type`, no `[DONE]`): start evidence, the
 * terminal events, the `event: error` frame the router ends a broken flex stream with, and the
 * whole interaction for non-streaming callers (SPEC §4, §4.3).
 *
 * Decisions the SPEC leaves open:
 * - A `thought` step is a model step: thinking is generation, so its `step.start` commits (the
 *   recorded streams open with one). Steps that are not the model's own output are not evidence:
 *   `user_input` echoes and tool results (`function_result`, `*_result`), with their deltas.
 * - `interaction.completed` is the end; if its status is `failed` it is an `error`. A
 *   `interaction.status_update` to `failed` or `cancelled` is an `error` too.
 * - `interaction.completed` carries the interaction without its steps, so the non-streaming body
 *   is that interaction with `steps` rebuilt from the step events (or its own, if it has them).
 */
import type { Assembly, CommitRules, DialectStream, EventClass, FailureContext, RelayFailure } from '../../core/commit/rules.js';
import type { SseEvent } from '../../sse/events.js';
import { upstreamFailure } from '../ir/assembly.js';
import { flexFailure } from '../ir/flex-failure.js';
import { isJsonObject, parseJsonObject, type JsonObject } from '../ir/json.js';
import { interactionsErrorFrame } from './stream-encode.js';
import { sseEventType } from '../ir/stream-decoding.js';
import { GEMINI_INTERACTIONS_FACTS } from './facts.js';
import { inIndexOrder, streamedArguments } from '../ir/indexed.js';

const FAILED_STATUSES: ReadonlySet<unknown> = new Set(['failed', 'cancelled']);

/** The event's type: its SSE name, else the payload's `event_type`. */
function eventType(event: SseEvent, data: JsonObject | undefined): string | undefined {
  return sseEventType(event, GEMINI_INTERACTIONS_FACTS.eventTypeField, data ?? {});
}

/** Steps (and deltas) that are not the model generating: echoed input and tool results. */
function isModelOutput(type: unknown): boolean {
  return typeof type === 'string' && type !== 'user_input' && !type.endsWith('_result');
}

const rules: CommitRules = {
  classify(event): EventClass {
    const data = parseJsonObject(event.data);
    if (!data) return 'error';
    switch (eventType(event, data)) {
      case 'step.start':
        return isJsonObject(data['step']) && isModelOutput(data['step']['type']) ? 'start' : 'bookkeeping';
      case 'step.delta':
        return isJsonObject(data['delta']) && isModelOutput(data['delta']['type']) ? 'start' : 'bookkeeping';
      case 'error':
        return 'error';
      case 'interaction.status_update':
        return FAILED_STATUSES.has(data['status']) ? 'error' : 'bookkeeping';
      case 'interaction.completed':
        return isJsonObject(data['interaction']) && FAILED_STATUSES.has(data['interaction']['status']) ? 'error' : 'end';
      default:
        return 'bookkeeping';
    }
  },
};

function isTerminal(event: SseEvent): boolean {
  if (event.event !== undefined && event.event !== 'message') return event.event === 'interaction.completed' || event.event === 'error';
  const type = eventType(event, parseJsonObject(event.data));
  return type === 'interaction.completed' || type === 'error';
}

/** `event: error` with `{code: 'flex_failed_after_start', message}`, which `@google/genai` yields as an `ErrorEvent`. */
function failureFrame(failure: RelayFailure, context: FailureContext = {}): Uint8Array {
  const error = flexFailure(failure, context, 'gemini-interactions', (data) => (isJsonObject(data['interaction']) ? data['interaction']['model'] : undefined));
  return new TextEncoder().encode(interactionsErrorFrame(error.message, error.code));
}

/** A step being rebuilt; function-call arguments arrive as JSON text and are parsed at the end. */
interface StepUnderway {
  step: JsonObject;
  args: string;
}

/** Appends `text` to the last text item of a content list (`content` or `summary`), making one if needed. */
function appendText(step: JsonObject, field: 'content' | 'summary', text: string): void {
  const list = Array.isArray(step[field]) ? (step[field] as unknown[]) : [];
  const last = list[list.length - 1];
  if (isJsonObject(last) && last['type'] === 'text') last['text'] = `${String(last['text'] ?? '')}${text}`;
  else list.push({ type: 'text', text });
  step[field] = list;
}

function applyDelta(underway: StepUnderway, delta: JsonObject): void {
  const type = delta['type'];
  if (type === 'text') appendText(underway.step, 'content', String(delta['text'] ?? ''));
  else if (type === 'thought_summary' && isJsonObject(delta['content'])) {
    appendText(underway.step, 'summary', String(delta['content']['text'] ?? ''));
  } else if (type === 'thought_signature') {
    underway.step['signature'] = String(delta['signature'] ?? ''); // a signature arrives whole
  } else if (type === 'arguments_delta') underway.args += String(delta['arguments'] ?? '');
}

function finishStep(underway: StepUnderway): JsonObject {
  const args = streamedArguments(underway.args);
  if (args !== undefined) underway.step['arguments'] = args;
  return underway.step;
}

/**
 * The non-streaming Interaction: `interaction.completed`'s interaction, with `steps` rebuilt from
 * the step events when it has none. An `error` event, or a completed interaction with status
 * `failed`, makes an `error_event` failure; a stream without `interaction.completed` an
 * `ended_early` one.
 */
function assemble(events: Iterable<SseEvent>): Assembly {
  const steps = new Map<number, StepUnderway>();
  for (const event of events) {
    const data = parseJsonObject(event.data);
    if (!data) continue;
    const type = eventType(event, data);
    const index = Number(data['index']);
    if (type === 'step.start' && isJsonObject(data['step'])) {
      steps.set(index, { step: structuredClone(data['step']), args: '' });
    } else if (type === 'step.delta' && isJsonObject(data['delta'])) {
      const underway = steps.get(index);
      if (underway) applyDelta(underway, data['delta']);
    } else if (type === 'error') {
      return upstreamFailure(data['error'] ?? data, ['code', 'status'], 'error');
    } else if (type === 'interaction.completed' && isJsonObject(data['interaction'])) {
      const interaction = data['interaction'];
      if (FAILED_STATUSES.has(interaction['status'])) return upstreamFailure(interaction['error'] ?? interaction, ['code', 'status'], 'error');
      if (Array.isArray(interaction['steps'])) return { ok: true, body: interaction };
      const rebuilt = inIndexOrder(steps).map(finishStep);
      return { ok: true, body: { ...interaction, steps: rebuilt } };
    }
  }
  return {
    ok: false,
    reason: 'ended_early',
    message: 'The provider ended the stream without an interaction.completed event, so there is no whole interaction to return.',
  };
}

/**
 * The Gemini Interactions stream dialect.
 *
 * @example
 * ```ts
 * geminiInteractionsStream.rules.classify({ event: 'interaction.created', data: '{…}' });                    // 'bookkeeping'
 * geminiInteractionsStream.rules.classify({ event: 'step.start', data: '{"index":0,"step":{"type":"thought"}}' }); // 'start'
 * ```
 */
export const geminiInteractionsStream: DialectStream = {
  dialect: 'gemini-interactions',
  rules,
  isTerminal,
  failureFrame,
  assemble,
};

/**
 * Gemini Interactions stream events to IR stream events.
 *
 * Wire (API revision 2026-05-20): `interaction.created`, `interaction.status_update`, then per
 * step `step.start` (the step's type and fixed fields) / `step.delta`… / `step.stop`, then
 * `interaction.completed` (status and usage, without the steps); `error` on failure. The event
 * name is in the payload's `event_type`. Steps map to IR blocks by their index: `model_output` is
 * text, `thought` is reasoning, `function_call` a tool call. Steps the IR has no room for
 * (server-side tool calls and their results, user input echoes) are skipped whole.
 */
import type { SseEvent } from '../../sse/events.js';
import { lookup } from '../ir/lookup.js';
import type { IREmit, StreamDecoder } from '../ir/stream.js';
import { endsOnce, eventData, upstreamError } from '../ir/stream-decoding.js';
import { servedTierFromWire } from '../ir/tiers.js';
import { secondsFromIso } from '../ir/time.js';
import { isJsonObject, type JsonObject } from '../ir/json.js';
import { STOP_REASONS } from './statuses.js';
import { usageFromInteractions } from './usage.js';


type StepKind = 'text' | 'reasoning' | 'tool';

const STEP_KINDS: Readonly<Record<string, StepKind>> = {
  model_output: 'text',
  thought: 'reasoning',
  function_call: 'tool',
};

/** The text of `{type:'text', text}` content (or a list of them). */
function contentText(content: unknown): string {
  if (Array.isArray(content)) return content.map(contentText).join('');
  return isJsonObject(content) && typeof content['text'] === 'string' ? content['text'] : '';
}

/** Creates a decoder for one Gemini Interactions stream. */
export function createInteractionsStreamDecoder(): StreamDecoder {
  const steps = new Map<number, StepKind>();
  let calls = 0;

  function stepStart(index: number, step: JsonObject, emit: IREmit): void {
    const kind = lookup(STEP_KINDS, step['type']);
    if (!kind) return;
    steps.set(index, kind);
    if (kind === 'text') {
      emit({ type: 'text-delta', index, text: contentText(step['content']) });
    } else if (kind === 'reasoning') {
      emit({ type: 'reasoning-delta', index, text: contentText(step['summary']) });
      if (typeof step['signature'] === 'string' && step['signature'] !== '') {
        emit({ type: 'reasoning-signature', index, signature: step['signature'] });
      }
    } else {
      calls += 1;
      const signature = typeof step['signature'] === 'string' && step['signature'] !== '' ? step['signature'] : undefined;
      emit({ type: 'tool-call-start', index, id: String(step['id'] ?? ''), name: String(step['name'] ?? ''), ...(signature ? { signature } : {}) });
      const args = step['arguments'];
      if (isJsonObject(args) && Object.keys(args).length > 0) {
        emit({ type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(args) });
      }
    }
  }

  function stepDelta(index: number, delta: JsonObject, emit: IREmit): void {
    const kind = steps.get(index);
    if (!kind) return;
    const type = delta['type'];
    if (type === 'text' && typeof delta['text'] === 'string') {
      if (kind === 'text') emit({ type: 'text-delta', index, text: delta['text'] });
    } else if (type === 'thought_summary') {
      if (kind === 'reasoning') emit({ type: 'reasoning-delta', index, text: contentText(delta['content']) });
    } else if (type === 'thought_signature' && typeof delta['signature'] === 'string') {
      if (kind === 'reasoning') emit({ type: 'reasoning-signature', index, signature: delta['signature'] });
    } else if (type === 'arguments_delta' && typeof delta['arguments'] === 'string') {
      if (kind === 'tool' && delta['arguments'] !== '') emit({ type: 'tool-call-delta', index, argumentsDelta: delta['arguments'] });
    }
  }

  function push(sse: SseEvent, emit: IREmit): void {
    const data = eventData(sse, 'Interactions', 'event', emit);
    if (!data) return;
    const index = typeof data['index'] === 'number' ? data['index'] : -1;
    switch (data['event_type'] ?? sse.event) {
      case 'interaction.created': {
        const interaction = isJsonObject(data['interaction']) ? data['interaction'] : {};
        const createdAt = secondsFromIso(interaction['created']);
        const tier = servedTierFromWire(interaction['service_tier']);
        emit({
          type: 'start',
          id: String(interaction['id'] ?? ''),
          model: String(interaction['model'] ?? interaction['agent'] ?? ''),
          ...(createdAt !== undefined ? { createdAt } : {}),
          ...(tier ? { servedTier: tier } : {}),
        });
        return;
      }
      case 'step.start':
        if (isJsonObject(data['step'])) stepStart(index, data['step'], emit);
        return;
      case 'step.delta':
        if (isJsonObject(data['delta'])) stepDelta(index, data['delta'], emit);
        return;
      case 'step.stop':
        if (steps.delete(index)) emit({ type: 'block-end', index });
        return;
      case 'interaction.completed': {
        const interaction = isJsonObject(data['interaction']) ? data['interaction'] : {};
        for (const open of steps.keys()) emit({ type: 'block-end', index: open });
        steps.clear();
        const status = String(interaction['status'] ?? 'completed');
        if (status === 'failed') {
          emit({ type: 'error', message: 'The interaction failed.', code: 'failed' });
          return;
        }
        let stopReason = lookup(STOP_REASONS, status) ?? 'end_turn';
        if (stopReason === 'end_turn' && calls > 0) stopReason = 'tool_use';
        const usage = isJsonObject(interaction['usage']) ? usageFromInteractions(interaction['usage']) : undefined;
        const tier = servedTierFromWire(interaction['service_tier']);
        emit({ type: 'finish', stopReason, ...(usage ? { usage } : {}), ...(tier ? { servedTier: tier } : {}) });
        return;
      }
      case 'error':
        emit(upstreamError(data['error'], 'Interactions reported an error in the stream.', ['code']));
        return;
      default:
        return; // interaction.status_update and newer event kinds carry nothing to translate
    }
  }

  return endsOnce({ push }, 'The Interactions stream ended before interaction.completed: the response is incomplete.');
}

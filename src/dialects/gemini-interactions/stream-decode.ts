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
import type { IRUsage, StopReason } from '../ir/common.js';
import { lookup, servedTierFromWire, type IREmit, type StreamDecoder } from '../ir/stream.js';
import { isJsonObject, parseJsonObject, type JsonObject } from '../stream-json.js';

/** Interaction status at `interaction.completed` to stop reason; `completed` after a call is `tool_use`. */
const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  completed: 'end_turn',
  requires_action: 'tool_use',
  incomplete: 'max_tokens',
  budget_exceeded: 'max_tokens',
  requires_continuation: 'max_tokens',
  cancelled: 'error',
};

interface InteractionsUsage {
  total_input_tokens?: number;
  total_cached_tokens?: number;
  total_output_tokens?: number;
  total_thought_tokens?: number;
  total_tool_use_tokens?: number;
}

/** IR output includes reasoning; Interactions counts thought tokens apart from output. */
export function usageFromInteractions(wire: InteractionsUsage): IRUsage {
  const thoughts = wire.total_thought_tokens ?? 0;
  return {
    inputTokens: (wire.total_input_tokens ?? 0) + (wire.total_tool_use_tokens ?? 0),
    cachedInputTokens: wire.total_cached_tokens ?? 0,
    outputTokens: (wire.total_output_tokens ?? 0) + thoughts,
    reasoningTokens: thoughts,
  };
}

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
  let done = false;

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
    if (done) return;
    const data = parseJsonObject(sse.data);
    if (!data) {
      done = true;
      emit({ type: 'error', message: `Interactions sent an event that is not a JSON object: ${sse.data.slice(0, 200)}` });
      return;
    }
    const index = typeof data['index'] === 'number' ? data['index'] : -1;
    switch (data['event_type'] ?? sse.event) {
      case 'interaction.created': {
        const interaction = isJsonObject(data['interaction']) ? data['interaction'] : {};
        const created = typeof interaction['created'] === 'string' ? Date.parse(interaction['created']) : NaN;
        const tier = servedTierFromWire(interaction['service_tier']);
        emit({
          type: 'start',
          id: String(interaction['id'] ?? ''),
          model: String(interaction['model'] ?? interaction['agent'] ?? ''),
          ...(Number.isFinite(created) ? { createdAt: Math.floor(created / 1000) } : {}),
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
        done = true;
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
        const usage = isJsonObject(interaction['usage']) ? usageFromInteractions(interaction['usage'] as InteractionsUsage) : undefined;
        const tier = servedTierFromWire(interaction['service_tier']);
        emit({ type: 'finish', stopReason, ...(usage ? { usage } : {}), ...(tier ? { servedTier: tier } : {}) });
        return;
      }
      case 'error': {
        done = true;
        const error = isJsonObject(data['error']) ? data['error'] : {};
        const code = typeof error['code'] === 'string' ? error['code'] : undefined;
        emit({ type: 'error', message: String(error['message'] ?? 'Interactions reported an error in the stream.'), ...(code ? { code } : {}) });
        return;
      }
      default:
        return; // interaction.status_update and newer event kinds carry nothing to translate
    }
  }

  function end(emit: IREmit): void {
    if (done) return;
    done = true;
    emit({
      type: 'error',
      code: 'ended_early',
      message: 'The Interactions stream ended before interaction.completed: the response is incomplete.',
    });
  }

  return { push, end };
}

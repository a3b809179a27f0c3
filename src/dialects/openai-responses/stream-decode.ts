/**
 * OpenAI Responses stream events to IR stream events.
 *
 * Wire: `response.created` / `in_progress`, then output items (`response.output_item.added` …
 * `response.output_item.done`) with their parts and deltas, then `response.completed` (or
 * `response.incomplete` / `response.failed`); `error` on failure. Mapping:
 * - each `output_text` or `refusal` content part of a message item is a text block;
 * - each reasoning item is one reasoning block: its summary parts joined by a blank line (or its
 *   raw `reasoning_text`), and its `encrypted_content` as the block's signature;
 * - each `function_call` / `custom_tool_call` item is a tool-call block.
 * Items the IR has no room for (hosted tool calls such as `web_search_call`) are skipped whole.
 */
import type { SseEvent } from '../../sse/events.js';
import type { StopReason } from '../ir/common.js';
import type { IREmit, StreamDecoder } from '../ir/stream.js';
import { endsOnce, eventData, upstreamError } from '../ir/stream-decoding.js';
import { servedTierFromWire } from '../ir/tiers.js';
import { isJsonObject, type JsonObject } from '../ir/json.js';
import { scanDelta, type DeltaType } from './delta-scan.js';
import { usageFromResponses } from './usage.js';

type BlockKind = 'text' | 'reasoning' | 'tool';

/** Creates a decoder for one OpenAI Responses stream. */
export function createResponsesStreamDecoder(): StreamDecoder {
  let nextIndex = 0;
  let calls = 0;
  let refused = false;
  /** The block being streamed, keyed by the wire position it came from; `text` counts what it has sent. */
  let current: { irIndex: number; kind: BlockKind; outputIndex: number; contentIndex: number; text: number } | undefined;

  function endCurrent(emit: IREmit): void {
    if (current) emit({ type: 'block-end', index: current.irIndex });
    current = undefined;
  }

  /** The IR index of the block at this wire position, opening it (and ending the previous one) if new. */
  function enter(kind: BlockKind, outputIndex: number, contentIndex: number, emit: IREmit): number {
    if (current && current.kind === kind && current.outputIndex === outputIndex && current.contentIndex === contentIndex) {
      return current.irIndex;
    }
    endCurrent(emit);
    current = { irIndex: nextIndex++, kind, outputIndex, contentIndex, text: 0 };
    return current.irIndex;
  }

  function itemAdded(outputIndex: number, item: JsonObject, emit: IREmit): void {
    const type = item['type'];
    if (type === 'reasoning') {
      // The block opens with the item, so its signature lands on it even without a summary.
      emit({ type: 'reasoning-delta', index: enter('reasoning', outputIndex, -1, emit), text: '' });
      return;
    }
    if (type !== 'function_call' && type !== 'custom_tool_call') return;
    const index = enter('tool', outputIndex, -1, emit);
    calls += 1;
    const custom = type === 'custom_tool_call';
    emit({
      type: 'tool-call-start',
      index,
      id: String(item['call_id'] ?? item['id'] ?? ''),
      name: String(item['name'] ?? ''),
      ...(custom ? { kind: 'custom' as const } : {}),
    });
    const initial = item[custom ? 'input' : 'arguments'];
    if (typeof initial === 'string' && initial !== '') toolText(index, initial, emit);
  }

  function toolText(index: number, text: string, emit: IREmit): void {
    if (current) current.text += text.length;
    emit({ type: 'tool-call-delta', index, argumentsDelta: text });
  }

  function answerText(outputIndex: number, contentIndex: number, text: string, emit: IREmit): void {
    const index = enter('text', outputIndex, contentIndex, emit);
    if (current) current.text += text.length;
    emit({ type: 'text-delta', index, text });
  }

  function itemDone(outputIndex: number, item: JsonObject, emit: IREmit): void {
    const type = item['type'];
    if (current?.outputIndex !== outputIndex) return;
    if (current.kind === 'tool') {
      // Arguments only given whole (never streamed) still reach the caller.
      const whole = item[type === 'custom_tool_call' ? 'input' : 'arguments'];
      if (typeof whole === 'string' && whole.length > current.text) toolText(current.irIndex, whole.slice(current.text), emit);
    } else if (current.kind === 'reasoning' && typeof item['encrypted_content'] === 'string') {
      emit({ type: 'reasoning-signature', index: current.irIndex, signature: item['encrypted_content'] });
    }
    endCurrent(emit);
  }

  /** A `*.delta` event, read from the whole parsed event or by `scanDelta`, which give the same fields. */
  function deltaEvent(type: DeltaType, outputIndex: number, contentIndex: number, delta: unknown, emit: IREmit): void {
    // Refusal text is shown to the caller like answer text; the stop reason records the refusal.
    if (type === 'response.refusal.delta') refused = true;
    if (typeof delta !== 'string') return;
    switch (type) {
      case 'response.refusal.delta':
      case 'response.output_text.delta':
        answerText(outputIndex, contentIndex, delta, emit);
        return;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        emit({ type: 'reasoning-delta', index: enter('reasoning', outputIndex, -1, emit), text: delta });
        return;
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        if (current?.kind === 'tool' && current.outputIndex === outputIndex) toolText(current.irIndex, delta, emit);
        return;
    }
  }

  function push(sse: SseEvent, emit: IREmit): void {
    // One delta event per token: read without parsing the whole event when it has the simple shape.
    const scanned = scanDelta(sse.data);
    if (scanned) {
      deltaEvent(scanned.type, scanned.outputIndex, scanned.contentIndex, scanned.delta, emit);
      return;
    }
    const data = eventData(sse, 'OpenAI', 'event', emit);
    if (!data) return;
    const outputIndex = typeof data['output_index'] === 'number' ? data['output_index'] : -1;
    const contentIndex = typeof data['content_index'] === 'number' ? data['content_index'] : 0;
    const type = data['type'] ?? sse.event;
    switch (type) {
      case 'response.created': {
        const response = isJsonObject(data['response']) ? data['response'] : {};
        const tier = servedTierFromWire(response['service_tier']);
        emit({
          type: 'start',
          id: String(response['id'] ?? ''),
          model: String(response['model'] ?? ''),
          ...(typeof response['created_at'] === 'number' ? { createdAt: response['created_at'] } : {}),
          ...(tier ? { servedTier: tier } : {}),
        });
        return;
      }
      case 'response.output_item.added':
        if (isJsonObject(data['item'])) itemAdded(outputIndex, data['item'], emit);
        return;
      case 'response.output_item.done':
        if (isJsonObject(data['item'])) itemDone(outputIndex, data['item'], emit);
        return;
      case 'response.content_part.added': {
        const part = isJsonObject(data['part']) ? data['part'] : {};
        if (part['type'] === 'output_text' || part['type'] === 'refusal') {
          emit({ type: 'text-delta', index: enter('text', outputIndex, contentIndex, emit), text: '' });
        }
        return;
      }
      case 'response.content_part.done':
        if (current?.kind === 'text' && current.outputIndex === outputIndex && current.contentIndex === contentIndex) endCurrent(emit);
        return;
      case 'response.refusal.delta':
      case 'response.output_text.delta':
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
        deltaEvent(type as DeltaType, outputIndex, contentIndex, data['delta'], emit); // the labels above are the DeltaTypes
        return;
      case 'response.output_text.done':
      case 'response.refusal.done': {
        // The whole text again: anything the deltas missed still reaches the caller.
        const whole = data[type === 'response.refusal.done' ? 'refusal' : 'text'];
        if (typeof whole === 'string' && current?.kind === 'text' && current.outputIndex === outputIndex && whole.length > current.text) {
          answerText(outputIndex, contentIndex, whole.slice(current.text), emit);
        }
        return;
      }
      case 'response.reasoning_summary_part.added':
        if (typeof data['summary_index'] === 'number' && data['summary_index'] > 0) {
          emit({ type: 'reasoning-delta', index: enter('reasoning', outputIndex, -1, emit), text: '\n\n' });
        }
        return;
      case 'response.completed':
      case 'response.incomplete': {
        endCurrent(emit);
        const response = isJsonObject(data['response']) ? data['response'] : {};
        const usage = isJsonObject(response['usage']) ? usageFromResponses(response['usage']) : undefined;
        const tier = servedTierFromWire(response['service_tier']);
        emit({ type: 'finish', stopReason: stopReason(response), ...(usage ? { usage } : {}), ...(tier ? { servedTier: tier } : {}) });
        return;
      }
      case 'response.failed': {
        const response = isJsonObject(data['response']) ? data['response'] : {};
        emit(upstreamError(response['error'], 'The OpenAI response failed.', ['code']));
        return;
      }
      case 'error':
        emit(upstreamError(isJsonObject(data['error']) ? data['error'] : data, 'OpenAI reported an error in the stream.', ['code']));
        return;
      default:
        return; // bookkeeping, `.done` summaries of what was streamed, and hosted-tool progress
    }
  }

  function stopReason(response: JsonObject): StopReason {
    if (response['status'] === 'incomplete') {
      const details = response['incomplete_details'];
      return isJsonObject(details) && details['reason'] === 'content_filter' ? 'refusal' : 'max_tokens';
    }
    if (refused) return 'refusal';
    return calls > 0 ? 'tool_use' : 'end_turn';
  }

  return endsOnce({ push }, 'The OpenAI Responses stream ended before response.completed: the response is incomplete.');
}

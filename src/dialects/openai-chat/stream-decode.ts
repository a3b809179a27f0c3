/**
 * OpenAI Chat Completions chunks to IR stream events.
 *
 * Wire: unnamed `data:` chunks (`chat.completion.chunk`), the first usually a role-only delta,
 * then deltas of `content` / `refusal` / `tool_calls` (plus `reasoning_content` or `reasoning`
 * from compatible servers), a chunk with `finish_reason`, an optional usage chunk with empty
 * `choices`, and `data: [DONE]`. Only choice 0 is read (translation supports one choice).
 *
 * Tool calls are assumed to stream one after another, as OpenAI sends them: a new tool-call
 * index ends the previous block. Arguments arriving again for a call already ended cannot be
 * placed in the IR's block order, so they end the stream with an explicit error rather than
 * being dropped silently.
 */
import type { SseEvent } from '../../sse/events.js';
import type { IRUsage, ServedTier, StopReason } from '../ir/common.js';
import { derivedCallId } from '../ir/response.js';
import { lookup } from '../ir/lookup.js';
import type { IREmit, StreamDecoder } from '../ir/stream.js';
import { endsOnce, eventData, upstreamError } from '../ir/stream-decoding.js';
import { servedTierFromWire } from '../ir/tiers.js';
import { isJsonObject, nonEmptyString, type JsonObject } from '../ir/json.js';
import { STOP_REASONS } from './stop-reasons.js';
import { usageFromChat } from './usage.js';

type BlockKind = 'text' | 'reasoning' | 'tool';

/** `extra_content.google.thought_signature`: Gemini's signature on a tool call, in its OpenAI-compatible form. */
function geminiSignature(extra: unknown): string | undefined {
  const google = isJsonObject(extra) ? extra['google'] : undefined;
  return isJsonObject(google) ? nonEmptyString(google['thought_signature']) : undefined;
}

/** Creates a decoder for one OpenAI Chat Completions stream. */
export function createChatStreamDecoder(): StreamDecoder {
  let started = false;
  let nextIndex = 0;
  let current: { irIndex: number; kind: BlockKind; toolIndex: number } | undefined;
  const endedTools = new Set<number>();
  let stopReason: StopReason | undefined;
  let usage: IRUsage | undefined;
  let tier: ServedTier | undefined;
  let responseId = '';

  function endCurrent(emit: IREmit): void {
    if (!current) return;
    if (current.kind === 'tool') endedTools.add(current.toolIndex);
    emit({ type: 'block-end', index: current.irIndex });
    current = undefined;
  }

  function enter(kind: BlockKind, toolIndex: number, emit: IREmit): number {
    if (current && current.kind === kind && current.toolIndex === toolIndex) return current.irIndex;
    endCurrent(emit);
    current = { irIndex: nextIndex++, kind, toolIndex };
    return current.irIndex;
  }

  /** Returns false when the stream had to be failed. */
  function toolCall(call: JsonObject, emit: IREmit): boolean {
    const toolIndex = typeof call['index'] === 'number' ? call['index'] : 0;
    const fn = isJsonObject(call['function']) ? call['function'] : {};
    if (!(current?.kind === 'tool' && current.toolIndex === toolIndex)) {
      if (endedTools.has(toolIndex)) {
        emit({
          type: 'error',
          message:
            `The chat stream sent arguments for tool call ${toolIndex} after another tool call had started; ` +
            'interleaved tool calls cannot be translated to another format.',
          code: 'interleaved_tool_calls',
        });
        return false;
      }
      const index = enter('tool', toolIndex, emit);
      const id = nonEmptyString(call['id']) ?? derivedCallId(responseId, toolIndex);
      const signature = geminiSignature(call['extra_content']);
      emit({ type: 'tool-call-start', index, id, name: String(fn['name'] ?? ''), ...(signature ? { signature } : {}) });
    }
    const args = nonEmptyString(fn['arguments']);
    if (args !== undefined && current) emit({ type: 'tool-call-delta', index: current.irIndex, argumentsDelta: args });
    return true;
  }

  function choice(value: JsonObject, emit: IREmit): void {
    const delta = isJsonObject(value['delta']) ? value['delta'] : {};
    const reasoning = nonEmptyString(delta['reasoning_content']) ?? nonEmptyString(delta['reasoning']);
    if (reasoning !== undefined) emit({ type: 'reasoning-delta', index: enter('reasoning', -1, emit), text: reasoning });
    const content = nonEmptyString(delta['content']) ?? nonEmptyString(delta['refusal']);
    if (content !== undefined) emit({ type: 'text-delta', index: enter('text', -1, emit), text: content });
    if (Array.isArray(delta['tool_calls'])) {
      for (const call of delta['tool_calls']) if (isJsonObject(call) && !toolCall(call, emit)) return;
    }
    const finish = value['finish_reason'];
    if (typeof finish === 'string') {
      stopReason = lookup(STOP_REASONS, finish) ?? 'end_turn';
      endCurrent(emit);
    }
  }

  function finish(emit: IREmit): void {
    endCurrent(emit);
    emit({ type: 'finish', stopReason: stopReason ?? 'end_turn', ...(usage ? { usage } : {}), ...(tier ? { servedTier: tier } : {}) });
  }

  function push(sse: SseEvent, emit: IREmit): void {
    if (sse.data.startsWith('[DONE]')) {
      finish(emit);
      return;
    }
    const chunk = eventData(sse, 'OpenAI', 'chunk', emit);
    if (!chunk) return;
    if (chunk['error']) {
      emit(upstreamError(chunk['error'], 'OpenAI reported an error in the stream.', ['code', 'type']));
      return;
    }
    tier = servedTierFromWire(chunk['service_tier']) ?? tier;
    if (!started) {
      started = true;
      responseId = String(chunk['id'] ?? '');
      emit({
        type: 'start',
        id: responseId,
        model: String(chunk['model'] ?? ''),
        ...(typeof chunk['created'] === 'number' ? { createdAt: chunk['created'] } : {}),
        ...(tier ? { servedTier: tier } : {}),
      });
    }
    const choices = Array.isArray(chunk['choices']) ? chunk['choices'] : [];
    for (const value of choices) {
      if (isJsonObject(value) && (value['index'] ?? 0) === 0) choice(value, emit);
    }
    if (isJsonObject(chunk['usage'])) {
      usage = usageFromChat(chunk['usage']);
      emit({ type: 'usage', usage });
    }
  }

  /** Without `[DONE]`, a stream that already gave its finish reason is complete enough to finish. */
  function end(emit: IREmit): void {
    if (stopReason !== undefined) finish(emit);
  }

  return endsOnce({ push, end }, 'The chat stream ended before a finish_reason: the response is incomplete.');
}

/**
 * Gemini `streamGenerateContent?alt=sse` chunks to IR stream events.
 *
 * Wire: unnamed `data:` events, each a partial `GenerateContentResponse` (the new parts of the
 * first candidate, running `usageMetadata`, `responseId`, `modelVersion`); the chunk with a
 * `finishReason` is the last. No block structure: consecutive text parts form one block, a change
 * of kind (text, thought, function call) starts the next. A function call arrives whole, so it is
 * one block with a single arguments fragment. Only the first candidate is read (translation
 * supports one candidate). Parts the IR has no room for (inline data, code execution) are skipped.
 */
import type { SseEvent } from '../../sse/events.js';
import type { IRUsage, ServedTier, StopReason } from '../ir/common.js';
import { derivedCallId } from '../ir/response.js';
import { lookup } from '../ir/lookup.js';
import type { IREmit, StreamDecoder } from '../ir/stream.js';
import { endsOnce, eventData, upstreamError } from '../ir/stream-decoding.js';
import { servedTierFromWire } from '../ir/tiers.js';
import { secondsFromIso } from '../ir/time.js';
import { isJsonObject, type JsonObject } from '../ir/json.js';
import { STOP_REASONS } from './stop-reasons.js';
import { usageFromGemini } from './usage.js';

type BlockKind = 'text' | 'reasoning';

/** Creates a decoder for one Gemini generateContent stream. */
export function createGeminiStreamDecoder(): StreamDecoder {
  let started = false;
  let responseId = '';
  let nextIndex = 0;
  let current: { index: number; kind: BlockKind; signed: boolean } | undefined;
  let calls = 0;
  let usage: IRUsage | undefined;
  let tier: ServedTier | undefined;

  function endCurrent(emit: IREmit): void {
    if (current) emit({ type: 'block-end', index: current.index });
    current = undefined;
  }

  function enter(kind: BlockKind, emit: IREmit): number {
    if (current?.kind === kind) return current.index;
    endCurrent(emit);
    current = { index: nextIndex++, kind, signed: false };
    return current.index;
  }

  /** Each signature gets a reasoning block of its own (a block carries at most one). */
  function reasoningSignature(value: string, emit: IREmit): void {
    if (current?.kind === 'reasoning' && current.signed) endCurrent(emit);
    const index = enter('reasoning', emit);
    if (current) current.signed = true;
    emit({ type: 'reasoning-signature', index, signature: value });
  }

  function part(value: unknown, emit: IREmit): void {
    if (!isJsonObject(value)) return;
    const signature = typeof value['thoughtSignature'] === 'string' && value['thoughtSignature'] !== '' ? value['thoughtSignature'] : undefined;
    const call = value['functionCall'];
    if (isJsonObject(call)) {
      endCurrent(emit);
      const index = nextIndex++;
      calls += 1;
      const id = typeof call['id'] === 'string' && call['id'] !== '' ? call['id'] : derivedCallId(responseId, calls);
      emit({ type: 'tool-call-start', index, id, name: String(call['name'] ?? ''), ...(signature ? { signature } : {}) });
      emit({ type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(isJsonObject(call['args']) ? call['args'] : {}) });
      emit({ type: 'block-end', index });
      return;
    }
    if (typeof value['text'] !== 'string') return;
    const text = value['text'];
    if (value['thought'] === true) {
      emit({ type: 'reasoning-delta', index: enter('reasoning', emit), text });
      if (signature) reasoningSignature(signature, emit);
      return;
    }
    if (text !== '') emit({ type: 'text-delta', index: enter('text', emit), text });
    // A signature on a plain text part belongs to the model's hidden reasoning: keep it as such.
    if (signature) reasoningSignature(signature, emit);
  }

  function push(sse: SseEvent, emit: IREmit): void {
    const chunk = eventData(sse, 'Gemini', 'chunk', emit);
    if (!chunk) return;
    if (isJsonObject(chunk['error'])) {
      emit(upstreamError(chunk['error'], 'Gemini reported an error in the stream.', ['status']));
      return;
    }
    const usageMetadata = chunk['usageMetadata'];
    if (isJsonObject(usageMetadata)) {
      usage = usageFromGemini(usageMetadata);
      tier = servedTierFromWire(usageMetadata['serviceTier']) ?? tier;
    }
    if (!started) {
      started = true;
      responseId = typeof chunk['responseId'] === 'string' ? chunk['responseId'] : '';
      const createdAt = secondsFromIso(chunk['createTime']);
      emit({
        type: 'start',
        id: responseId,
        model: typeof chunk['modelVersion'] === 'string' ? chunk['modelVersion'] : '',
        ...(createdAt !== undefined ? { createdAt } : {}),
        ...(tier ? { servedTier: tier } : {}),
      });
    }
    const candidate = Array.isArray(chunk['candidates']) ? (chunk['candidates'][0] as unknown) : undefined;
    const candidateObject: JsonObject = isJsonObject(candidate) ? candidate : {};
    const content = candidateObject['content'];
    const parts = isJsonObject(content) && Array.isArray(content['parts']) ? content['parts'] : [];
    for (const value of parts) part(value, emit);

    const finishReason = candidateObject['finishReason'];
    const blocked = isJsonObject(chunk['promptFeedback']) && chunk['promptFeedback']['blockReason'] !== undefined;
    if (typeof finishReason === 'string' || (blocked && candidate === undefined)) {
      endCurrent(emit);
      let stopReason: StopReason = typeof finishReason === 'string' ? (lookup(STOP_REASONS, finishReason) ?? 'end_turn') : 'refusal';
      if (stopReason === 'end_turn' && calls > 0) stopReason = 'tool_use';
      emit({ type: 'finish', stopReason, ...(usage ? { usage } : {}), ...(tier ? { servedTier: tier } : {}) });
    }
  }

  return endsOnce({ push }, 'The Gemini stream ended before a chunk with a finishReason: the response is incomplete.');
}

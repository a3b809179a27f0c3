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
import { lookup, servedTierFromWire, type IREmit, type StreamDecoder } from '../ir/stream.js';
import { isJsonObject, parseJsonObject, type JsonObject } from '../stream-json.js';

/** Gemini finish reasons; `STOP` after a function call becomes `tool_use` (Gemini does not say). */
const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  STOP: 'end_turn',
  MAX_TOKENS: 'max_tokens',
  SAFETY: 'refusal',
  RECITATION: 'refusal',
  LANGUAGE: 'refusal',
  BLOCKLIST: 'refusal',
  PROHIBITED_CONTENT: 'refusal',
  SPII: 'refusal',
  IMAGE_SAFETY: 'refusal',
  IMAGE_PROHIBITED_CONTENT: 'refusal',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
};

interface GeminiUsage {
  promptTokenCount?: number;
  cachedContentTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  serviceTier?: string;
}

/** IR output includes reasoning; Gemini counts thoughts apart from candidates. */
export function usageFromGemini(wire: GeminiUsage): IRUsage {
  const thoughts = wire.thoughtsTokenCount ?? 0;
  return {
    inputTokens: (wire.promptTokenCount ?? 0) + (wire.toolUsePromptTokenCount ?? 0),
    cachedInputTokens: wire.cachedContentTokenCount ?? 0,
    outputTokens: (wire.candidatesTokenCount ?? 0) + thoughts,
    reasoningTokens: thoughts,
  };
}

type BlockKind = 'text' | 'reasoning';

/** Creates a decoder for one Gemini generateContent stream. */
export function createGeminiStreamDecoder(): StreamDecoder {
  let started = false;
  let done = false;
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
      const id = typeof call['id'] === 'string' && call['id'] !== '' ? call['id'] : `call_${responseId.replace(/[^A-Za-z0-9_-]/g, '')}_${calls}`;
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
    if (done) return;
    const chunk = parseJsonObject(sse.data);
    if (!chunk) {
      done = true;
      emit({ type: 'error', message: `Gemini sent a chunk that is not a JSON object: ${sse.data.slice(0, 200)}` });
      return;
    }
    const error = chunk['error'];
    if (isJsonObject(error)) {
      done = true;
      const status = typeof error['status'] === 'string' ? error['status'] : undefined;
      emit({ type: 'error', message: String(error['message'] ?? 'Gemini reported an error in the stream.'), ...(status ? { code: status } : {}) });
      return;
    }
    const usageMetadata = chunk['usageMetadata'];
    if (isJsonObject(usageMetadata)) {
      usage = usageFromGemini(usageMetadata as GeminiUsage);
      tier = servedTierFromWire(usageMetadata['serviceTier']) ?? tier;
    }
    if (!started) {
      started = true;
      responseId = typeof chunk['responseId'] === 'string' ? chunk['responseId'] : '';
      const createTime = typeof chunk['createTime'] === 'string' ? Date.parse(chunk['createTime']) : NaN;
      emit({
        type: 'start',
        id: responseId,
        model: typeof chunk['modelVersion'] === 'string' ? chunk['modelVersion'] : '',
        ...(Number.isFinite(createTime) ? { createdAt: Math.floor(createTime / 1000) } : {}),
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
      done = true;
      endCurrent(emit);
      let stopReason: StopReason = typeof finishReason === 'string' ? (lookup(STOP_REASONS, finishReason) ?? 'end_turn') : 'refusal';
      if (stopReason === 'end_turn' && calls > 0) stopReason = 'tool_use';
      emit({ type: 'finish', stopReason, ...(usage ? { usage } : {}), ...(tier ? { servedTier: tier } : {}) });
    }
  }

  function end(emit: IREmit): void {
    if (done) return;
    done = true;
    emit({
      type: 'error',
      code: 'ended_early',
      message: 'The Gemini stream ended before a chunk with a finishReason: the response is incomplete.',
    });
  }

  return { push, end };
}
